/**
 * The built site (test-results/site) against the content it was built from:
 * every expectation is read from content/ (tests/helpers/content.ts), so this
 * holds with placeholders, real photographs and any number of photos.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/lib/text.ts';
import { content, gallery, photos } from '../helpers/content.ts';
import { allFiles, DIST, page, textOf } from '../helpers/dist.ts';

const G = gallery.id;
const total = photos.length;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const figures = () => [...page(G).matchAll(/<figure\b[^>]*\bid="([a-z0-9-]+)"[\s\S]*?<\/figure>/g)];
const meta = (html: string, name: string) => html.match(new RegExp(`<meta (?:name|property)="${escape(name)}" content="([^"]*)"`))?.[1];

describe('the built site', () => {
  it('has the home page, a page per gallery, photo and essay, and a 404 page', () => {
    const routes = ['', ...content.galleries.flatMap((g) => [g.id, ...g.photos.map((p) => `${g.id}/${p.slug}`)]), ...content.essays.map((e) => `essays/${e.id}`)];
    for (const route of routes) expect(fs.existsSync(path.join(DIST, route, 'index.html')), route).toBe(true);
    expect(fs.existsSync(path.join(DIST, '404.html'))).toBe(true);
  });

  it('publishes the introduction and every caption word for word, in order', () => {
    const text = textOf(page(G));
    let from = 0;
    for (const part of [gallery.title, gallery.introduction, ...photos.map((p) => p.caption)]) {
      const at = text.indexOf(part, from);
      expect(at, `missing or out of order: ${part}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
  });

  it('publishes every essay word for word, its ## lines as headings', () => {
    for (const essay of content.essays) {
      const html = page(`essays/${essay.id}`);
      const text = textOf(html);
      for (const block of essay.blocks) expect(text, block).toContain(block);
      const h2 = [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => textOf(m[1] ?? ''));
      expect(h2).toEqual(essay.headings);
      expect(textOf(html.match(/<h1[^>]*>[\s\S]*?<\/h1>/)?.[0] ?? '')).toBe(essay.title);
    }
  });

  it('shows every photo in order, each with its caption, number and credit', () => {
    const found = figures();
    expect(found.map((f) => f[1])).toEqual(photos.map((p) => p.slug));
    found.forEach((f, i) => {
      const text = textOf(f[0]);
      const photo = photos[i]!;
      expect(text).toContain(photo.caption);
      expect(text).toMatch(new RegExp(`^Photo ${i + 1} of ${total} `));
      expect(text).toContain(`Photo: ${photo.credit}`);
    });
  });

  it('marks exactly the placeholders, in the page and in their alt text', () => {
    const found = figures();
    found.forEach((f, i) => {
      const photo = photos[i]!;
      expect(/^<figure[^>]*data-placeholder/.test(f[0]), photo.slug).toBe(photo.placeholder);
      expect(f[0].match(/<img[^>]*\balt="([^"]*)"/)?.[1], photo.slug).toBe(photo.alt.replace(/"/g, '&quot;'));
      expect(textOf(f[0]).includes('Placeholder image'), photo.slug).toBe(photo.placeholder);
    });
    const notice = textOf(page(G)).includes('not in this copy of the site');
    expect(notice).toBe(photos.some((p) => p.placeholder));
  });

  it('opens the gallery with its cover photo, loaded at once and first; the rest wait', () => {
    const doc = parseDocument(page(G));
    const withClass = (name: string) => DomUtils.findOne((el) => el.attribs['class']?.split(' ').includes(name) ?? false, doc.children);
    const cover = withClass('cover');
    const sequence = withClass('sequence');
    // The first picture of the page is the cover's, and the cover comes before the sequence of photographs.
    const first = DomUtils.findOne((el) => el.name === 'picture', doc.children);
    const order = DomUtils.findAll(() => true, doc.children);
    expect(first && cover && DomUtils.findOne((el) => el === first, cover.children)).toBe(first);
    expect(order.indexOf(cover!)).toBeLessThan(order.indexOf(sequence!));
    expect(order.indexOf(cover!)).toBeGreaterThanOrEqual(0);
    expect(cover?.attribs['data-photo']).toBe(gallery.cover.slug);
    const img = first && DomUtils.findOne((el) => el.name === 'img', first.children);
    expect(img?.attribs).toMatchObject({
      width: String(gallery.cover.width),
      height: String(gallery.cover.height),
      loading: 'eager',
      fetchpriority: 'high',
      alt: gallery.cover.alt,
    });
  });

  it('gives every photo AVIF and WebP with srcset and the same sizes, one JPEG for the rest, its own dimensions and lazy loading', () => {
    const sequence = page(G).slice(page(G).indexOf('class="sequence"'));
    const pictures = [...sequence.matchAll(/<picture[^>]*>([\s\S]*?)<\/picture>/g)].map((m) => m[1] ?? '');
    expect(pictures).toHaveLength(total);
    pictures.forEach((p, i) => {
      const sources = [...p.matchAll(/<source([^>]*)>/g)].map((m) => m[1] ?? '');
      expect(sources.map((s) => s.match(/type="([^"]+)"/)?.[1])).toEqual(['image/avif', 'image/webp']);
      const img = p.match(/<img([^>]*)>/)?.[1] ?? '';
      const sizes = sources[0]?.match(/sizes="([^"]+)"/)?.[1];
      expect(sizes).toBeTruthy();
      for (const s of sources) {
        expect(s).toMatch(/srcset="[^"]*\s\d+w[",]/);
        expect(s).toContain(`sizes="${sizes}"`);
      }
      // No JPEG ladder: only a browser with neither AVIF nor WebP would choose from it (docs/performance.md).
      expect(img).toMatch(/ src="[^"]+\.jpg"/);
      expect(img).not.toMatch(/srcset|sizes/);
      expect(img).toContain(` width="${photos[i]!.width}"`);
      expect(img).toContain(` height="${photos[i]!.height}"`);
      // Lazy, the first too: the cover and the introduction fill the first screen.
      expect(img, `photo ${i + 1}`).toContain('loading="lazy"');
    });
  });

  it('links each photo to its own page, and gives the lightbox a large JPEG of the declared size', async () => {
    const links = [...page(G).matchAll(/<figure\b[^>]*\bid="([a-z0-9-]+)"[\s\S]*?<a class="photo-link[^"]*"([^>]*)>/g)];
    expect(links).toHaveLength(total);
    for (const [, slug, a = ''] of links) {
      expect(a).toContain(`href="/${G}/${slug}/"`);
      const src = a.match(/data-pswp-src="([^"]+)"/)?.[1] ?? '';
      expect(src).toMatch(/^\/_astro\/.+\.jpg$/);
      const file = await sharp(path.join(DIST, src)).metadata();
      expect(a).toContain(`data-pswp-width="${file.width}"`);
      expect(a).toContain(`data-pswp-height="${file.height}"`);
      expect(a).toMatch(/data-pswp-srcset="[^"]*\.webp \d+w/);
    }
  });

  it('gives each photo its own page: number, caption, credit, previous/next, the way back and a description', () => {
    photos.forEach((photo, i) => {
      const html = page(`${G}/${photo.slug}`);
      expect(textOf(html.match(/<h1[^>]*>[\s\S]*?<\/h1>/)?.[0] ?? '')).toBe(`Photo ${i + 1} of ${total}`);
      expect(textOf(html.match(/<figcaption[\s\S]*?<\/figcaption>/)?.[0] ?? '')).toMatch(new RegExp(`^${escape(photo.caption)} Photo: ${escape(photo.credit)}`));
      expect(textOf(meta(html, 'description') ?? '')).toBe(excerpt(photo.caption));
      expect(html).toContain(`href="/${G}/#${photo.slug}"`);
      expect(html.match(/<a href="([^"]+)" rel="prev"/)?.[1]).toBe(i === 0 ? undefined : `/${G}/${photos[i - 1]!.slug}/`);
      expect(html.match(/<a href="([^"]+)" rel="next"/)?.[1]).toBe(i === total - 1 ? undefined : `/${G}/${photos[i + 1]!.slug}/`);
      expect(html.match(/<img\b/g)).toHaveLength(1);
      expect(meta(html, 'twitter:card')).toBe('summary_large_image');
      expect(textOf(meta(html, 'og:image:alt') ?? '')).toBe(photo.alt);
    });
  });

  it('makes a JPEG link-preview card of each photo, at an absolute URL, exactly the size it declares', async () => {
    const cards = new Set<string>();
    for (const route of [G, ...photos.map((p) => `${G}/${p.slug}`), ...content.essays.map((e) => `essays/${e.id}`), '']) {
      const html = page(route);
      const og = meta(html, 'og:image') ?? '';
      expect(meta(html, 'twitter:image'), route).toBe(og);
      const url = new URL(og);
      expect(url.protocol, route).toBe('https:');
      const file = await sharp(path.join(DIST, url.pathname)).metadata();
      expect([file.format, file.width, file.height], route).toEqual(['jpeg', Number(meta(html, 'og:image:width')), Number(meta(html, 'og:image:height'))]);
      expect(file.width, route).toBeLessThanOrEqual(1200);
      cards.add(url.pathname);
    }
    // Every photo has its own; the gallery's and the home page's are its first photo's.
    expect(cards.size).toBeGreaterThanOrEqual(total);
  });

  it('has lang, a plain-text description of at most 161 characters and a canonical URL on every page', () => {
    for (const file of allFiles().filter((f) => f.endsWith('.html'))) {
      const html = fs.readFileSync(file, 'utf8');
      expect(html, file).toMatch(/<html lang="en"/);
      const description = textOf(meta(html, 'description') ?? '');
      expect(description.length, file).toBeGreaterThan(10);
      expect(description.length, file).toBeLessThanOrEqual(161);
      expect(description, file).not.toMatch(/[<>{}*_`]/);
      expect(html, file).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+"/);
    }
  });

  it('gives search engines the article, and every photograph that is not a placeholder, as structured data', () => {
    const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
    for (const essay of content.essays) {
      expect(jsonLd(page(`essays/${essay.id}`))).toEqual([expect.objectContaining({ '@type': 'Article', headline: essay.title })]);
    }
    const [galleryData] = jsonLd(page(G));
    expect(galleryData).toMatchObject({ '@type': 'ImageGallery', name: gallery.title, creator: { name: gallery.photographer } });
    const real = photos.filter((p) => !p.placeholder);
    const images = (galleryData?.['image'] ?? []) as { contentUrl: string; caption: string; creditText: string }[];
    expect(images.map((i) => i.caption)).toEqual(real.map((p) => p.caption));
    for (const [i, image] of images.entries()) {
      expect(image.creditText).toBe(real[i]?.credit);
      expect(fs.existsSync(path.join(DIST, new URL(image.contentUrl).pathname)), image.contentUrl).toBe(true);
    }
    for (const photo of photos) {
      const data = jsonLd(page(`${G}/${photo.slug}`));
      expect(data, photo.slug).toEqual(photo.placeholder ? [] : [expect.objectContaining({ '@type': 'ImageObject', caption: photo.caption, creditText: photo.credit })]);
    }
  });

  it('has a strict Content-Security-Policy on every page, allowing each inline script and style by its hash', () => {
    const hash = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
    for (const file of allFiles().filter((f) => f.endsWith('.html'))) {
      const html = fs.readFileSync(file, 'utf8');
      const policy = (html.match(/<meta http-equiv="content-security-policy" content="([^"]+)"/)?.[1] ?? '').replace(/&#39;|&apos;/g, "'");
      const directive = (name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
      expect(directive('default-src'), file).toBe("default-src 'self'");
      for (const name of ['script-src', 'style-src']) {
        expect(directive(name), file).toMatch(new RegExp(`^${name} 'self'`));
        expect(directive(name), file).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
      }
      // No style attributes: a strict policy refuses them.
      expect(html, file).not.toMatch(/<[a-z][^>]*\sstyle="/);
      for (const [, attrs = '', body = ''] of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
        if (/\ssrc=|type="application\/ld\+json"/.test(attrs) || body === '') continue;
        expect(directive('script-src'), `${file}: inline script`).toContain(hash(body));
      }
      for (const [, body = ''] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
        expect(directive('style-src'), `${file}: inline style`).toContain(hash(body));
      }
    }
  });

  it('uses no element id twice on any page', () => {
    for (const file of allFiles().filter((f) => f.endsWith('.html'))) {
      const ids = [...fs.readFileSync(file, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), file).toEqual([]);
    }
  });

  it('publishes no image with EXIF, XMP, IPTC or GPS metadata', async () => {
    const images = allFiles().filter((f) => /\.(jpe?g|webp|avif|png|gif)$/.test(f));
    expect(images.length).toBeGreaterThanOrEqual(total * 3);
    for (const file of images) {
      const m = await sharp(file).metadata();
      expect([m.exif, m.xmp, m.iptc], file).toEqual([undefined, undefined, undefined]);
    }
  });

  it('copies no source image into the site, and no file is as large as an original', async () => {
    const sources = content.galleries.flatMap((g) =>
      fs.readdirSync(`content/galleries/${g.id}/photos`).filter((f) => !f.endsWith('.mdx')).map((f) => fs.readFileSync(`content/galleries/${g.id}/photos/${f}`)),
    );
    for (const file of allFiles()) {
      const buf = fs.readFileSync(file);
      expect(sources.some((s) => s.equals(buf)), file).toBe(false);
    }
    const widths = await Promise.all(allFiles().filter((f) => /\.(jpe?g|webp|avif)$/.test(f)).map(async (f) => (await sharp(f).metadata()).width));
    expect(Math.max(...widths)).toBeLessThanOrEqual(2400);
  });
});
