/**
 * Every kind of image an editor may drop in, built for real: the drop-in
 * fixture (tests/fixtures/drop-in) has camera metadata, an EXIF rotation,
 * CMYK, transparency, an animation, a photo too small, photos named `main`
 * and `camera-caption`, captions with markup, a 5,000-word caption, and a
 * stray broken file. The build must succeed, say what an editor should
 * know, and publish each as it should be.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND } from '../../src/lib/image-settings.ts';
import { allFiles, page, textOf } from '../helpers/dist.ts';
import { $, $$, addresses, attr, meta, rawText } from '../helpers/html.ts';
import { fixtureProject, type Project } from '../helpers/project.ts';

let project: Project;
let built: ReturnType<Project['build']>;
let dist: string;
const G = 'drops';
const PHOTOS = 'content/galleries/drops/photos';
/** The published files of a photo page: every variant it names, and its card. */
const filesOf = (slug: string) => {
  const paths = addresses(page(`${G}/${slug}`, dist)).map((a) => new URL(a, 'https://site.test/').pathname);
  return [...new Set(paths.filter((p) => /^\/_astro\/.+\.(?:avif|webp|jpg)$/.test(p)))].map((p) => path.join(dist, p));
};
const hex = (px: Buffer) => `#${[...px.subarray(0, 3)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

beforeAll(() => {
  project = fixtureProject('drop-in');
  // A stray file no .mdx names: random bytes, as a failed copy leaves.
  fs.writeFileSync(project.at(PHOTOS, 'stray.jpg'), crypto.randomBytes(3000));
  built = project.build();
  dist = project.at('dist');
});
afterAll(() => project?.remove());

describe('images an editor may drop in', () => {
  it('build, and the build says what to look at: photos too small, a file nobody uses, the placeholders', () => {
    expect(built.status, built.output).toBe(0);
    const warn = (s: string) => built.lines.filter((l) => l.includes('[WARN]') && l.includes(s));
    expect(warn('tiny.mdx: field "image" (./tiny.jpg): is 300x169 px, too small for the column, which shows it up to 1200 px wide')).toHaveLength(1);
    expect(warn('tiny.mdx')[0]).toContain('for the 1200x630 link-preview card (its card will be 300x158 px)');
    expect(warn(`${PHOTOS}/stray.jpg: no .mdx file names this image, so it is not published`)).toHaveLength(1);
    expect(warn('3 of 9 photographs are still placeholders')).toHaveLength(1);
    // No other warning: not the bundler's noise, not the image pipeline's.
    expect(built.lines.filter((l) => l.includes('[WARN]') && !/tiny|rotated|cmyk|transparent|animated|stray|placeholders/.test(l))).toEqual([]);
    expect(built.output).not.toContain('MODULE_LEVEL_DIRECTIVE');
  });

  it('publish nothing a camera recorded, and no original', () => {
    const sources = fs.readdirSync(project.at(PHOTOS)).filter((f) => !f.endsWith('.mdx')).map((f) => fs.readFileSync(project.at(PHOTOS, f)));
    for (const file of allFiles(dist)) {
      const bytes = fs.readFileSync(file);
      // The invented camera, serial number, XMP, IPTC and comment of camera-metadata.jpg.
      for (const secret of ['TestCam', 'SN-PRIVATE', 'XMP-PRIVATE', 'IPTC-PRIVATE', 'COMMENT-PRIVATE', 'Private Person']) expect(bytes.includes(secret), `${file}: ${secret}`).toBe(false);
      expect(sources.some((s) => s.equals(bytes)), file).toBe(false);
    }
  });

  it('turn an EXIF-rotated photo upright, at the size it is shown', async () => {
    const html = page(`${G}/rotated`, dist);
    expect(['width', 'height'].map((a) => attr($(html, 'main img'), a))).toEqual(['400', '600']);
    const card = path.join(dist, new URL(meta(html, 'og:image') ?? '').pathname);
    for (const f of filesOf('rotated').filter((f) => f !== card)) {
      const { width = 0, height = 0 } = await sharp(f).metadata();
      expect(width / height, f).toBeCloseTo(400 / 600, 2);
    }
  });

  it('convert CMYK to sRGB in every format', async () => {
    for (const f of filesOf('cmyk')) expect([(await sharp(f).metadata()).space, (await sharp(f).metadata()).channels], f).toEqual(['srgb', 3]);
  });

  it('lay transparency on one colour, the same in every format', async () => {
    const files = filesOf('transparent');
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const m = await sharp(f).metadata();
      expect(m.hasAlpha, f).toBe(false);
      // The left half is transparent in the source.
      const px = await sharp(f).extract({ left: 3, top: 3, width: 1, height: 1 }).raw().toBuffer();
      expect(hex(px), f).toBe(BACKGROUND);
    }
  });

  it('publish an animation as a still of its first frame, at the size the page declares', async () => {
    const html = page(`${G}/animated`, dist);
    expect(['width', 'height'].map((a) => attr($(html, 'main img'), a))).toEqual(['320', '180']);
    const card = path.join(dist, new URL(meta(html, 'og:image') ?? '').pathname);
    for (const f of filesOf('animated')) {
      const m = await sharp(f).metadata();
      expect(m.pages ?? 1, f).toBe(1);
      if (f === card) expect([m.width, m.height]).toEqual([Number(meta(html, 'og:image:width')), Number(meta(html, 'og:image:height'))]);
      else expect([m.width, m.height], f).toEqual([320, 180]);
      // The first frame is red.
      const [r = 0, g = 0, b = 0] = await sharp(f).extract({ left: 10, top: 10, width: 1, height: 1 }).raw().toBuffer();
      expect(r > 150 && g < 60 && b < 60, `${f}: ${r},${g},${b}`).toBe(true);
    }
  });

  it('give a photo too small for a 1200x630 card a card of its real size, declared as such', async () => {
    const html = page(`${G}/tiny`, dist);
    const card = await sharp(path.join(dist, new URL(meta(html, 'og:image') ?? '').pathname)).metadata();
    expect([card.width, card.height]).toEqual([300, 158]);
    expect([meta(html, 'og:image:width'), meta(html, 'og:image:height')]).toEqual(['300', '158']);
  });

  it('keep photo names apart from the page’s own ids: #main is the photo, and no id is used twice', () => {
    const html = page(G, dist);
    expect($$(html, 'figure[id]').map((f) => attr(f, 'id'))).toEqual(expect.arrayContaining(['main', 'camera-caption']));
    for (const file of allFiles(dist).filter((f) => f.endsWith('.html'))) {
      const ids = $$(fs.readFileSync(file, 'utf8'), '[id]').map((el) => attr(el, 'id'));
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), file).toEqual([]);
    }
  });

  it('describe each photograph to search engines with its credit and licence, safely for any text', () => {
    const html = page(`${G}/rotated`, dist);
    const scripts = $$(html, 'script[type="application/ld+json"]').map(rawText);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).not.toMatch(/<\/script/i);
    const data = JSON.parse(scripts[0] ?? '') as Record<string, unknown>;
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ImageObject',
      description: 'A calm sea in an upright frame, </script><script>alert(1)</script> written into its alt text.',
      creator: { '@type': 'Person', name: 'C. Tester' },
      creditText: 'C. Tester',
      copyrightNotice: '© C. Tester',
      license: 'https://creativecommons.org/licenses/by-sa/3.0/',
      acquireLicensePage: 'https://example.org/licensing',
      contentLocation: { '@type': 'Place', name: 'A test beach' },
    });
    expect(String(data['contentUrl'])).toMatch(/^https:\/\/north-korean-cinema\.example\.org\/_astro\/rotated-\d+\.[0-9a-f]{12}\.jpg$/);
    // A placeholder is not the photograph: no ImageObject for it.
    expect($$(page(`${G}/main`, dist), 'script[type="application/ld+json"]')).toEqual([]);
  });

  it('list each photograph, not the placeholders, as an image of its pages in the sitemap', () => {
    const sitemap = fs.readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
    const urls = $$(sitemap, 'url', true).map((url) => ({
      path: new URL(textOf($(url, 'loc', true) ?? '')).pathname,
      images: $$(url, 'image\\:loc', true).map((l) => new URL(textOf(l)).pathname),
    }));
    const at = (p: string) => urls.find((u) => u.path === p)?.images ?? [];
    for (const slug of ['camera', 'rotated', 'cmyk', 'transparent', 'animated', 'tiny']) {
      expect(at(`/${G}/${slug}/`), slug).toHaveLength(1);
      expect(fs.existsSync(path.join(dist, at(`/${G}/${slug}/`)[0] ?? '')), slug).toBe(true);
    }
    for (const slug of ['main', 'camera-caption', 'long-caption']) expect(at(`/${G}/${slug}/`), slug).toEqual([]);
    expect(at(`/${G}/`)).toHaveLength(6);
  });

  it('make descriptions plain text from the parsed caption, cut at a word near 160 characters', () => {
    const marked = meta(page(`${G}/camera`, dist), 'description');
    expect(marked).toBe('A DVD of birds, see the guide and a literal with code.');
    for (const name of ['description', 'og:description', 'twitter:description']) {
      const long = meta(page(`${G}/long-caption`, dist), name) ?? '';
      expect(long.length, name).toBeLessThanOrEqual(160);
      expect(long, name).toMatch(/^The studio kept its archive .*[a-z]…$/);
    }
    // The caption itself is published whole.
    expect(textOf(page(`${G}/long-caption`, dist)).split('catalogued by hand').length - 1).toBe(250);
  });
});
