import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { allFiles, DIST, page, seed, textOf } from '../helpers/dist.ts';

const GALLERY = 'korean-film-studio';
const ESSAY = 'essays/north-korean-cinema-at-a-crossroads';
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const photoSeed = lines(seed('000_0ed6b1242d26c68a.txt'));
const essaySeed = lines(seed('003_1be19cd04a123006.txt'));
const introEnd = photoSeed.findIndex((l) => l.startsWith('Check out these images'));
const captions = photoSeed.slice(introEnd + 1);

describe('the built site', () => {
  it('has the home, gallery, essay and 404 pages', () => {
    for (const route of ['', GALLERY, ESSAY, `${GALLERY}/couple-at-airport`]) expect(fs.existsSync(path.join(DIST, route, 'index.html')), route).toBe(true);
    expect(fs.existsSync(path.join(DIST, '404.html'))).toBe(true);
  });

  it('publishes every line of the photo-essay seed word for word, in order', () => {
    const text = textOf(page(GALLERY));
    let from = 0;
    for (const line of photoSeed) {
      const at = text.indexOf(line, from);
      expect(at, `missing or out of order: ${line}`).toBeGreaterThanOrEqual(0);
      from = at + line.length;
    }
  });

  it('publishes every line of the article seed word for word, its two short lines as headings', () => {
    const html = page(ESSAY);
    const text = textOf(html);
    for (const line of essaySeed) expect(text, line).toContain(line);
    const h2 = [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => textOf(m[1] ?? ''));
    expect(h2).toEqual(['Modernization Efforts and International Aspirations', 'Challenges and Cultural Constraints']);
    expect(textOf(html.match(/<h1[^>]*>[\s\S]*?<\/h1>/)?.[0] ?? '')).toMatch(/crossroads/i);
  });

  it('shows fourteen figures in seed order, each with its caption, number and credit', () => {
    const figures = [...page(GALLERY).matchAll(/<figure\b[^>]*\bid="([a-z0-9-]+)"[\s\S]*?<\/figure>/g)];
    expect(figures).toHaveLength(14);
    figures.forEach((f, i) => {
      const text = textOf(f[0]);
      expect(text).toContain(captions[i]);
      expect(text).toMatch(new RegExp(`^Photo ${i + 1} of 14 `));
      expect(text).toContain('Photo: Eric Lafforgue');
    });
    expect(new Set(figures.map((f) => f[1])).size).toBe(14);
  });

  it('marks placeholders in the page and in their alt text', () => {
    const html = page(GALLERY);
    expect(html.match(/<figure[^>]*data-placeholder/g)).toHaveLength(14);
    const alts = [...html.matchAll(/<img[^>]*\balt="([^"]*)"/g)].map((m) => m[1]);
    expect(alts).toHaveLength(14);
    for (const alt of alts) expect(alt).toMatch(/^Placeholder for the photograph\. \S/);
  });

  it('gives every photo AVIF, WebP and JPEG with srcset and the same sizes, dimensions and loading hints', () => {
    const pictures = [...page(GALLERY).matchAll(/<picture[^>]*>([\s\S]*?)<\/picture>/g)].map((m) => m[1] ?? '');
    expect(pictures).toHaveLength(14);
    pictures.forEach((p, i) => {
      const sources = [...p.matchAll(/<source([^>]*)>/g)].map((m) => m[1] ?? '');
      expect(sources.map((s) => s.match(/type="([^"]+)"/)?.[1])).toEqual(['image/avif', 'image/webp']);
      const img = p.match(/<img([^>]*)>/)?.[1] ?? '';
      const sizes = img.match(/sizes="([^"]+)"/)?.[1];
      expect(sizes).toBeTruthy();
      for (const s of sources) {
        expect(s).toMatch(/srcset="[^"]*\s\d+w,[^"]*"/);
        expect(s).toContain(`sizes="${sizes}"`);
      }
      expect(img).toMatch(/srcset="[^"]*\.jpg \d+w,/);
      expect(img).toMatch(/\swidth="\d+"/);
      expect(img).toMatch(/\sheight="\d+"/);
      // Lazy, the first too: the introduction fills the first screen (see PhotoGallery.astro).
      expect(img, `photo ${i + 1}`).toContain('loading="lazy"');
    });
  });

  it('links each photo to its own page, and gives the lightbox a large JPEG, a srcset and dimensions', () => {
    const links = [...page(GALLERY).matchAll(/<figure\b[^>]*\bid="([a-z0-9-]+)"[\s\S]*?<a class="photo-link[^"]*"([^>]*)>/g)];
    expect(links).toHaveLength(14);
    for (const [, slug, a = ''] of links) {
      expect(a).toContain(`href="/${GALLERY}/${slug}/"`);
      expect(fs.existsSync(path.join(DIST, GALLERY, slug ?? '', 'index.html'))).toBe(true);
      const src = a.match(/data-pswp-src="([^"]+)"/)?.[1] ?? '';
      expect(src).toMatch(/^\/_astro\/.+\.jpg$/);
      expect(fs.existsSync(path.join(DIST, src))).toBe(true);
      expect(a).toMatch(/data-pswp-srcset="[^"]*\.webp \d+w/);
      expect(a).toMatch(/data-pswp-width="\d+"/);
      expect(a).toMatch(/data-pswp-height="\d+"/);
    }
  });

  it('gives each photo its own page: number, caption, credit, previous/next and the way back', () => {
    const slugs = [...page(GALLERY).matchAll(/<figure\b[^>]*\bid="([a-z0-9-]+)"/g)].map((m) => m[1] ?? '');
    expect(slugs).toHaveLength(14);
    slugs.forEach((slug, i) => {
      const html = page(`${GALLERY}/${slug}`);
      const meta = (name: string) => html.match(new RegExp(`<meta (?:name|property)="${name}" content="([^"]*)"`))?.[1];
      expect(textOf(html.match(/<h1[^>]*>[\s\S]*?<\/h1>/)?.[0] ?? '')).toBe(`Photo ${i + 1} of 14`);
      expect(textOf(html.match(/<figcaption[\s\S]*?<\/figcaption>/)?.[0] ?? '')).toMatch(
        new RegExp(`^${(captions[i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Photo: Eric Lafforgue`),
      );
      expect(textOf(meta('description') ?? '')).toBe(captions[i]);
      expect(html).toContain(`href="/${GALLERY}/#${slug}"`);
      const prev = html.match(/<a href="([^"]+)" rel="prev"/)?.[1];
      const next = html.match(/<a href="([^"]+)" rel="next"/)?.[1];
      expect(prev).toBe(i === 0 ? undefined : `/${GALLERY}/${slugs[i - 1]}/`);
      expect(next).toBe(i === 13 ? undefined : `/${GALLERY}/${slugs[i + 1]}/`);
      expect(html.match(/<img\b/g)).toHaveLength(1);
      expect(meta('twitter:card')).toBe('summary_large_image');
      expect(meta('og:image:alt')).toMatch(/^Placeholder for the photograph\. /);
    });
  });

  it('makes a 1200x630 JPEG link-preview card of each photo, named by absolute URL', async () => {
    const cards = new Set<string>();
    for (const route of [GALLERY, `${GALLERY}/couple-at-airport`, `${GALLERY}/movie-posters`, ESSAY, '']) {
      const html = page(route);
      const og = html.match(/<meta property="og:image" content="([^"]+)"/)?.[1] ?? '';
      expect(html.match(/<meta name="twitter:image" content="([^"]+)"/)?.[1], route).toBe(og);
      const url = new URL(og);
      expect(url.protocol, route).toBe('https:');
      const meta = await sharp(path.join(DIST, url.pathname)).metadata();
      expect([meta.format, meta.width, meta.height], route).toEqual(['jpeg', 1200, 630]);
      cards.add(url.pathname);
    }
    // The gallery's and the home page's card is its first photo's; every photo has its own.
    expect(cards.size).toBe(4);
  });

  it('has lang, a meta description and a canonical URL on every page', () => {
    for (const file of allFiles().filter((f) => f.endsWith('.html'))) {
      const html = fs.readFileSync(file, 'utf8');
      expect(html, file).toMatch(/<html lang="en"/);
      expect(html, file).toMatch(/<meta name="description" content="[^"]{20,}"/);
      expect(html, file).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+"/);
    }
  });

  it('publishes no image with EXIF, XMP or GPS metadata', async () => {
    const images = allFiles().filter((f) => /\.(jpe?g|webp|avif|png)$/.test(f));
    expect(images.length).toBeGreaterThan(14 * 3);
    for (const file of images) {
      const meta = await sharp(file).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(meta.xmp, file).toBeUndefined();
      expect(meta.iptc, file).toBeUndefined();
    }
  });

  it('copies no original photo into dist/', async () => {
    const originals = fs
      .readdirSync(`content/galleries/${GALLERY}/photos`)
      .filter((f) => f.endsWith('.jpg'))
      .map((f) => fs.readFileSync(`content/galleries/${GALLERY}/photos/${f}`));
    const sizes = new Set(originals.map((b) => b.length));
    for (const file of allFiles().filter((f) => /\.(jpe?g|png)$/.test(f))) {
      const buf = fs.readFileSync(file);
      if (!sizes.has(buf.length)) continue;
      expect(originals.some((o) => o.equals(buf)), file).toBe(false);
    }
    // Nor any file that is as large as an original: every published image is a resized variant.
    const widths = await Promise.all(allFiles().filter((f) => /\.(jpe?g|webp|avif)$/.test(f)).map(async (f) => (await sharp(f).metadata()).width));
    expect(Math.max(...widths)).toBeLessThanOrEqual(2400);
  });
});
