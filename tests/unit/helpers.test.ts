import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encoderKey, ladderFor, WIDTHS } from '../../src/lib/image-settings.ts';
import { coveringWidth, heightCapVh, photoSizes } from '../../src/lib/layout.ts';
import { isPlaceholderXmp, placeholderXmp, readImageFacts } from '../../src/lib/placeholder.ts';
import { galleryProblems, markdownText, plainText } from '../../src/lib/validate.ts';

describe('layout maths', () => {
  it('caps a photo by the viewport height', () => {
    expect(heightCapVh(1.5)).toBe(127.5);
    expect(photoSizes(2 / 3)).toBe('(min-width: 1200px) min(1200px, 56.67vh), min(100vw, 56.67vh)');
    expect(() => heightCapVh(0)).toThrow(RangeError);
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
    expect(g(['a'], [{ id: 'a', alt: 'Scene of a couple', caption: '*Scene* of a “couple”.' }])).toEqual([expect.stringContaining('field "alt" repeats the caption')]);
  });
  it('folds markdown and punctuation for the comparison', () => expect(plainText('A [link](x) *here*.')).toBe('a link here'));
  it('keeps a caption’s words, case and punctuation for its meta description', () =>
    expect(markdownText('Kim Jong-il’s *own* [library](https://example.org),\n  with “7 cinemas”.')).toBe('Kim Jong-il’s own library, with “7 cinemas”.'));
});

describe('placeholder marker', () => {
  it('round-trips through a real JPEG and is not found in a real photo', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-'));
    const file = path.join(dir, 'p.jpg');
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } }).jpeg().withXmp(placeholderXmp('test')).toFile(file);
    expect(await readImageFacts(file)).toEqual({ placeholder: true, color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    const corpus = path.resolve('../shared/photo-corpus/Garden.jpg');
    expect((await readImageFacts(corpus)).placeholder).toBe(false);
    expect(isPlaceholderXmp('<x kfs:placeholder="true"/>')).toBe(false);
  });
  it('names a corrupt image file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-'));
    const file = path.join(dir, 'broken.jpg');
    fs.writeFileSync(file, fs.readFileSync('../shared/photo-corpus/Garden.jpg').subarray(0, 2000));
    await expect(readImageFacts(file)).rejects.toThrow(/broken\.jpg: the image file cannot be read/);
  });
});
