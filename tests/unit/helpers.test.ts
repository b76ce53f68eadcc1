import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encoderKey, ladderFor, WIDTHS } from '../../src/lib/image-settings.ts';
import { COVER_MAX_HEIGHT_VH, coveringWidth, FRAMES, MAX_HEIGHT_VH, PHOTO_PAGE_CHROME_REM, photoSizes } from '../../src/lib/layout.ts';
import { readImageFacts } from '../../src/lib/image-file.ts';
import { isPlaceholderXmp, placeholderXmp } from '../../src/lib/placeholder.ts';
import { excerpt, mdxText } from '../../src/lib/text.ts';
import { galleryProblems, plainText } from '../../src/lib/validate.ts';

describe('layout maths', () => {
  it('caps a photo by the viewport height', () => {
    expect(photoSizes(1.5)).toBe('(min-width: 1200px) min(1200px, 127.5vh), min(100vw, 127.5vh)');
    expect(photoSizes(2 / 3)).toBe('(min-width: 1200px) min(1200px, 56.67vh), min(100vw, 56.67vh)');
    expect(() => photoSizes(0)).toThrow(RangeError);
  });
  it('gives each frame its own sizes: a photo page keeps room for its caption, a full-bleed photo takes the window', () => {
    expect(photoSizes(1.6, 'page')).toBe('(min-width: 1200px) min(1200px, calc((100vh - 12rem) * 1.6)), min(100vw, calc((100vh - 12rem) * 1.6))');
    expect(photoSizes(1.6, 'full')).toBe('min(100vw, 136vh)');
    expect(photoSizes(1.6, 'column')).toBe('(min-width: 38rem) min(38rem, 136vh), min(100vw, 136vh)');
  });
  it('uses the numbers the CSS lays photos out with', () => {
    const tokens = fs.readFileSync('src/styles/tokens.css', 'utf8');
    const token = (name: string) => tokens.match(new RegExp(`--${name}:\\s*([^;]+);`))?.[1];
    expect(token('photo-column')).toBe(FRAMES.gallery.width);
    expect(token('photo-max-height')).toBe(`${MAX_HEIGHT_VH}vh`);
    expect(token('photo-page-chrome')).toBe(`${PHOTO_PAGE_CHROME_REM}rem`);
    expect(fs.readFileSync('src/components/CoverPhoto.astro', 'utf8')).toContain(`--frame-height: ${COVER_MAX_HEIGHT_VH}vh;`);
    expect(token('measure')).toBe(FRAMES.column.width);
  });
  it('picks the smallest covering width', () => {
    expect(coveringWidth([480, 800, 1080], 500)).toBe(800);
    expect(coveringWidth([480, 800, 1080], 5000)).toBe(1080);
  });
});

describe('image settings', () => {
  it('makes each width of the ladder once, up to the image’s own', () => {
    expect(ladderFor(6000)).toEqual([...WIDTHS]);
    expect(ladderFor(1920)).toEqual([480, 800, 1080, 1440, 1920]);
    expect(ladderFor(1600)).toEqual([480, 800, 1080, 1440, 1600]);
    expect(ladderFor(300)).toEqual([300]);
  });
  it('names each format’s settings apart, so a change to one renames only its variants', () => {
    expect(encoderKey('avif')).not.toBe(encoderKey('webp'));
    expect(encoderKey('jpeg')).toBe(encoderKey('jpg').replace(/^jpg/, 'jpeg'));
    expect(encoderKey('avif', 'sharp 1')).not.toBe(encoderKey('avif', 'sharp 2'));
  });
});

describe('gallery cross-checks', () => {
  const g = (listed: string[], photos: { id: string; alt?: string; caption?: string }[]) =>
    galleryProblems({
      file: 'content/galleries/g/index.mdx',
      listed,
      photos: photos.map((p) => ({ id: p.id, file: `content/galleries/g/photos/${p.id}.mdx`, alt: p.alt ?? 'A view', caption: p.caption ?? 'A caption.' })),
    });
  it('is quiet when list and files agree', () => expect(g(['a'], [{ id: 'a' }])).toEqual([]));
  it('names a listed photo with no file', () => expect(g(['a', 'b'], [{ id: 'a' }])).toEqual([expect.stringContaining('lists "b", but there is no content/galleries/g/photos/b.mdx')]));
  it('names a photo file no gallery lists', () => expect(g(['a'], [{ id: 'a' }, { id: 'c' }])).toEqual([expect.stringMatching(/^content\/galleries\/g\/photos\/c\.mdx: this photo is not in the "photos" list/)]));
  it('rejects alt text that repeats the caption', () => {
    expect(g(['a'], [{ id: 'a', alt: 'Scene of a couple', caption: mdxText('*Scene* of a “couple”.') }])).toEqual([expect.stringContaining('field "alt" repeats the caption')]);
  });
  it('folds case and punctuation for the comparison', () => expect(plainText(mdxText('A [link](x) *here*.'))).toBe('a link here'));
});

describe('plain text from MDX', () => {
  it('keeps a caption’s words, case and punctuation, and drops its markup', () => {
    expect(mdxText('Kim Jong-il’s *own* [library](https://example.org),\n  with “7 cinemas”.')).toBe('Kim Jong-il’s own library, with “7 cinemas”.');
    expect(mdxText('A <abbr title="Digital Versatile Disc">DVD</abbr> store, `code`, {"a literal"} and {1 + 1}.')).toBe('A DVD store, code, a literal and .');
    expect(mdxText('One paragraph.\n\n## A heading\n\nAnother.')).toBe('One paragraph. A heading Another.');
  });
  it('throws on malformed MDX, with the line', () => {
    expect(() => mdxText('fine\n\n<figure>unclosed {')).toThrow(/expected a corresponding closing brace/);
  });
  it('cuts a description at a word near 160 characters', () => {
    expect(excerpt('Short.')).toBe('Short.');
    const long = excerpt('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long).toMatch(/ word…$/);
    expect(excerpt('x'.repeat(300))).toBe(`${'x'.repeat(159)}…`);
  });
});

describe('placeholder marker', () => {
  it('round-trips through a real JPEG and is not found in a real photo', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-'));
    const file = path.join(dir, 'p.jpg');
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } }).jpeg().withXmp(placeholderXmp('test')).toFile(file);
    expect(await readImageFacts(file)).toMatchObject({ placeholder: true, format: 'jpeg', width: 300, height: 200, color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect((await readImageFacts('tests/fixtures/photos/camera-metadata.jpg')).placeholder).toBe(false);
    expect(isPlaceholderXmp('<x kfs:placeholder="true"/>')).toBe(false);
  });
  it('says a truncated image file is damaged, in one line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-'));
    const file = path.join(dir, 'broken.jpg');
    fs.writeFileSync(file, fs.readFileSync('tests/fixtures/photos/camera-metadata.jpg').subarray(0, 20_000));
    await expect(readImageFacts(file)).rejects.toThrow(/^the JPEG file is damaged or incomplete \(.*\): save or export the photograph again$/);
  });
});
