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
import { ANSWER, APP_ID, REQUEST } from '../../src/toolbar/protocol.ts';
import { content, gallery, photos } from '../helpers/content.ts';
import { allFiles, DIST, page, textOf } from '../helpers/dist.ts';
import { $, $$, attr, meta } from '../helpers/html.ts';

const G = gallery.id;
const total = photos.length;
/** The gallery's photo figures, in order. */
const figures = () => $$(page(G), '.sequence figure[id]');

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
      expect($$(html, 'h2').map((h) => textOf(h))).toEqual(essay.headings);
      expect($$(html, 'h1').map((h) => textOf(h))).toEqual([essay.title]);
    }
  });

  it('shows every photo in order, each with its caption, number and credit', () => {
    const found = figures();
    expect(found.map((f) => attr(f, 'id'))).toEqual(photos.map((p) => p.slug));
    found.forEach((f, i) => {
      const text = textOf(f);
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
      expect(attr(f, 'data-placeholder') !== undefined, photo.slug).toBe(photo.placeholder);
      expect(attr($(f, 'img'), 'alt'), photo.slug).toBe(photo.alt);
      expect(textOf(f).includes('Placeholder image'), photo.slug).toBe(photo.placeholder);
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
    const pictures = $$(page(G), '.sequence picture');
    expect(pictures).toHaveLength(total);
    pictures.forEach((p, i) => {
      const sources = $$(p, 'source');
      expect(sources.map((s) => attr(s, 'type'))).toEqual(['image/avif', 'image/webp']);
      const img = $(p, 'img');
      const sizes = attr(sources[0], 'sizes');
      expect(sizes).toBeTruthy();
      for (const s of sources) {
        expect(attr(s, 'srcset')).toMatch(/\s\d+w(,|$)/);
        expect(attr(s, 'sizes')).toBe(sizes);
      }
      // No JPEG ladder: only a browser with neither AVIF nor WebP would choose from it (docs/performance.md).
      expect(attr(img, 'src')).toMatch(/\.jpg$/);
      expect([attr(img, 'srcset'), attr(img, 'sizes')]).toEqual([undefined, undefined]);
      expect([attr(img, 'width'), attr(img, 'height')]).toEqual([String(photos[i]!.width), String(photos[i]!.height)]);
      // Lazy, the first too: the cover and the introduction fill the first screen.
      expect(attr(img, 'loading'), `photo ${i + 1}`).toBe('lazy');
    });
  });

  it('links each photo to its own page, and gives the lightbox a large JPEG of the declared size', async () => {
    const found = figures();
    expect(found).toHaveLength(total);
    for (const f of found) {
      const a = $(f, 'a.photo-link');
      expect(attr(a, 'href')).toBe(`/${G}/${attr(f, 'id')}/`);
      const src = attr(a, 'data-pswp-src') ?? '';
      expect(src).toMatch(/^\/_astro\/.+\.jpg$/);
      const file = await sharp(path.join(DIST, src)).metadata();
      expect([attr(a, 'data-pswp-width'), attr(a, 'data-pswp-height')]).toEqual([String(file.width), String(file.height)]);
      expect(attr(a, 'data-pswp-srcset')).toMatch(/\.webp \d+w/);
    }
  });

  it('gives each photo its own page: number, caption, credit, previous/next, the way back and a description', () => {
    photos.forEach((photo, i) => {
      const html = page(`${G}/${photo.slug}`);
      expect($$(html, 'h1').map((h) => textOf(h))).toEqual([`Photo ${i + 1} of ${total}`]);
      expect(textOf($(html, 'figcaption') ?? '').startsWith(`${photo.caption} Photo: ${photo.credit}`)).toBe(true);
      expect(meta(html, 'description')).toBe(excerpt(photo.caption));
      expect($$(html, 'a[href]').map((a) => attr(a, 'href'))).toContain(`/${G}/#${photo.slug}`);
      expect(attr($(html, 'a[rel="prev"]'), 'href')).toBe(i === 0 ? undefined : `/${G}/${photos[i - 1]!.slug}/`);
      expect(attr($(html, 'a[rel="next"]'), 'href')).toBe(i === total - 1 ? undefined : `/${G}/${photos[i + 1]!.slug}/`);
      expect($$(html, 'img')).toHaveLength(1);
      expect(meta(html, 'twitter:card')).toBe('summary_large_image');
      expect(meta(html, 'og:image:alt')).toBe(photo.alt.replace(/\s+/g, ' ').trim());
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
      expect(attr($(html, 'html'), 'lang'), file).toBe('en');
      const description = meta(html, 'description') ?? '';
      expect(description.length, file).toBeGreaterThan(10);
      expect(description.length, file).toBeLessThanOrEqual(161);
      expect(description, file).not.toMatch(/[<>{}*_`]/);
      expect(attr($(html, 'link[rel="canonical"]'), 'href'), file).toMatch(/^https?:\/\/\S+$/);
    }
  });

  it('gives search engines the article, and every photograph that is not a placeholder, as structured data', () => {
    const jsonLd = (html: string) => $$(html, 'script[type="application/ld+json"]').map((s) => JSON.parse(DomUtils.textContent(s)) as Record<string, unknown>);
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
      const policy = attr($(html, 'meta[http-equiv="content-security-policy"]'), 'content') ?? '';
      const directive = (name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
      expect(directive('default-src'), file).toBe("default-src 'self'");
      for (const name of ['script-src', 'style-src']) {
        expect(directive(name), file).toMatch(new RegExp(`^${name} 'self'`));
        expect(directive(name), file).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
      }
      // No style attributes: a strict policy refuses them.
      expect($$(html, '[style]'), file).toEqual([]);
      for (const script of $$(html, 'script:not([src]):not([type="application/ld+json"])')) {
        const body = DomUtils.textContent(script);
        if (body === '') continue;
        expect(directive('script-src'), `${file}: inline script`).toContain(hash(body));
      }
      for (const style of $$(html, 'style')) expect(directive('style-src'), `${file}: inline style`).toContain(hash(DomUtils.textContent(style)));
    }
  });

  it('uses no element id twice on any page', () => {
    for (const file of allFiles().filter((f) => f.endsWith('.html'))) {
      const ids = $$(fs.readFileSync(file, 'utf8'), '[id]').map((el) => attr(el, 'id'));
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

  it('carries nothing of the dev toolbar’s "Photo files" app: no name, message or file path of it', () => {
    const traces = [APP_ID, REQUEST, ANSWER, '__open-in-editor', 'astro-dev-toolbar', path.resolve('content')];
    for (const file of allFiles()) {
      const text = fs.readFileSync(file, 'latin1');
      for (const trace of traces) expect(text.includes(trace), `${file} has ${trace}`).toBe(false);
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
