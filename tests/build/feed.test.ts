/**
 * The feed (rss.xml) carries both stories in full, with absolute addresses:
 * the photo essay's introduction and every photograph with its alt text,
 * caption and credit; the article's whole text with its headings. Every
 * page names it for autodiscovery.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { content, gallery, photos } from '../helpers/content.ts';
import { allFiles, DIST, textOf } from '../helpers/dist.ts';
import { $, $$, attr } from '../helpers/html.ts';

interface Item {
  title: string;
  link: string;
  description: string;
  'content:encoded': string;
}
const channel = new XMLParser({ isArray: (name) => name === 'item' }).parse(fs.readFileSync(path.join(DIST, 'rss.xml'), 'utf8')).rss.channel as { title: string; link: string; item: Item[] };
const itemAt = (pathname: string) => channel.item.find((i) => new URL(i.link).pathname === pathname);

describe('the feed', () => {
  it('has the photo essay in full: introduction, and every photograph as an absolute JPEG with its alt, caption and credit', async () => {
    const item = itemAt(`/${gallery.id}/`);
    expect(item?.title).toBe(gallery.title);
    const html = item?.['content:encoded'] ?? '';
    expect(textOf(html)).toContain(gallery.introduction);
    const figures = $$(html, 'figure');
    expect(figures).toHaveLength(photos.length);
    for (const [i, f] of figures.entries()) {
      const photo = photos[i]!;
      const img = $(f, 'img');
      expect(img, photo.slug).not.toBeNull();
      const [src = '', alt, width, height] = ['src', 'alt', 'width', 'height'].map((a) => attr(img, a));
      expect(alt).toBe(photo.alt);
      expect(src).toMatch(/^https:\/\/.+\.jpg$/);
      const file = await sharp(path.join(DIST, new URL(src).pathname)).metadata();
      expect([file.format, file.width, file.height]).toEqual(['jpeg', Number(width), Number(height)]);
      expect(file.width).toBeLessThanOrEqual(1080);
      expect(textOf(f)).toBe(`${photo.caption} Photo: ${photo.credit}${photo.location ? `, ${photo.location}` : ''}`);
    }
  });

  it('has every article in full, with its headings, its lead photograph and the photographs its text places', () => {
    for (const essay of content.essays) {
      const html = itemAt(`/essays/${essay.id}/`)?.['content:encoded'] ?? '';
      for (const block of essay.blocks) expect(textOf(html)).toContain(block);
      expect($$(html, 'h2').map((h) => textOf(h))).toEqual(essay.headings);
      const alts = $$(html, 'figure').map((f) => attr($(f, 'img'), 'alt'));
      const expected = essay.photos.map((id) => content.galleries.flatMap((g) => g.photos.filter((p) => `${g.id}/${p.slug}` === id))[0]?.alt);
      expect(alts).toEqual(expected);
    }
  });

  it('uses absolute addresses only, and every page names it', () => {
    expect(channel.link).toMatch(/^https:\/\//);
    for (const item of channel.item) expect(item.link).toMatch(/^https:\/\//);
    expect(channel.item).toHaveLength(content.galleries.length + content.essays.length);
    for (const file of allFiles().filter((f) => f.endsWith('.html'))) {
      const link = $(fs.readFileSync(file, 'utf8'), 'link[rel="alternate"][type="application/rss+xml"]');
      expect([attr(link, 'href'), attr(link, 'title')], file).toEqual(['/rss.xml', 'North Korean Cinema']);
    }
  });
});
