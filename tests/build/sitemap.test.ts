/**
 * The sitemap and robots.txt of the built site: every page at its absolute
 * address, each photograph (not a placeholder) as an image entry of the
 * pages that show it, and robots.txt pointing at the sitemap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { content, gallery, photos } from '../helpers/content.ts';
import { DIST, pagePaths } from '../helpers/dist.ts';

const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name) });
const read = (file: string) => xml.parse(fs.readFileSync(path.join(DIST, file), 'utf8')) as Record<string, Record<string, unknown[]>>;

interface Entry {
  loc: string;
  'image:image'?: { 'image:loc': string; 'image:caption'?: string }[];
}

const entries = (): Entry[] => {
  const index = read('sitemap-index.xml')['sitemapindex']?.['sitemap'] as { loc: string }[];
  return index.flatMap(({ loc }) => read(new URL(loc).pathname)['urlset']?.['url'] as Entry[]);
};

describe('the sitemap', () => {
  it('lists every page once, at its absolute address, and no 404 page', () => {
    const site = new URL(entries()[0]?.loc ?? '').origin;
    const listed = entries().map((e) => new URL(e.loc));
    expect(listed.every((u) => u.origin === site && u.protocol === 'https:')).toBe(true);
    expect(listed.map((u) => u.pathname).sort()).toEqual(pagePaths().filter((p) => !p.startsWith('/404')));
  });

  it('gives each page an image entry for every photograph it shows, with its caption', () => {
    const byPath = new Map(entries().map((e) => [new URL(e.loc).pathname, e['image:image'] ?? []]));
    const real = photos.filter((p) => !p.placeholder);
    expect((byPath.get(`/${gallery.id}/`) ?? []).map((i) => i['image:caption'])).toEqual(real.map((p) => p.caption));
    for (const photo of photos) {
      const images = byPath.get(`/${gallery.id}/${photo.slug}/`) ?? [];
      expect(images.map((i) => i['image:caption']), photo.slug).toEqual(photo.placeholder ? [] : [photo.caption]);
      for (const image of images) expect(fs.existsSync(path.join(DIST, new URL(image['image:loc']).pathname)), image['image:loc']).toBe(true);
    }
    for (const essay of content.essays) expect(byPath.has(`/essays/${essay.id}/`)).toBe(true);
  });

  it('is named in robots.txt', () => {
    const robots = fs.readFileSync(path.join(DIST, 'robots.txt'), 'utf8');
    const at = robots.match(/^Sitemap: (\S+)$/m)?.[1] ?? '';
    expect(new URL(at).pathname).toBe('/sitemap-index.xml');
    expect(new URL(at).origin).toBe(new URL(entries()[0]?.loc ?? '').origin);
    expect(robots).toMatch(/^User-agent: \*$/m);
  });
});
