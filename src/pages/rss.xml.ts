/**
 * The feed: both stories in full. The photo essay is its introduction and
 * every photograph (a JPEG of a width feed readers show well, at its
 * absolute address, with its alt text), each with its caption and credit;
 * the article is its whole text with its headings, its lead photograph and
 * those its text places. Every address absolute, under the base path.
 */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
// Text and attribute values alike: & < > " ' escaped, the rest as UTF-8.
import { escapeUTF8 as escape } from 'entities';
import { getSite, type Essay, type Gallery, type Photo } from '../lib/gallery.ts';
import { SITE, url } from '../lib/site.ts';
import { mdxHtml } from '../lib/text.ts';


function figure(photo: Photo, site: URL): string {
  const { src, width, height } = photo.variants;
  // The 1080 px JPEG of the page's <img src> (the photo's own width when smaller): what feed readers show well.
  const shown = Math.min(1080, width);
  return (
    `<figure><img src="${escape(new URL(src, site).href)}" alt="${escape(photo.alt)}" width="${shown}" height="${Math.round((shown * height) / width)}">` +
    `<figcaption>${mdxHtml(photo.entry.body ?? '')}<p>Photo: ${escape(photo.credit)}${photo.location ? `, ${escape(photo.location)}` : ''}</p></figcaption></figure>`
  );
}

const galleryHtml = (gallery: Gallery, site: URL) => mdxHtml(gallery.entry.body ?? '') + gallery.photos.map((p) => figure(p, site)).join('');

function essayHtml(essay: Essay, photos: ReadonlyMap<string, Photo>, site: URL): string {
  // The content check has made sure every placed photo exists.
  const placed = (id: string) => {
    const photo = photos.get(id);
    return photo ? figure(photo, site) : '';
  };
  return (essay.lead ? figure(essay.lead, site) : '') + mdxHtml(essay.entry.body ?? '', placed);
}

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('the feed needs the site address (SITE_URL)');
  const { galleries, essays, photos } = await getSite();
  const absolute = (path: string) => new URL(url(path), site).href;
  return rss({
    title: SITE.title,
    description: SITE.tagline,
    site: absolute('/'),
    trailingSlash: true,
    items: [
      ...galleries.map((g) => ({ title: g.entry.data.title, link: absolute(`/${g.id}/`), description: g.entry.data.description, content: galleryHtml(g, site) })),
      ...essays.map((e) => ({ title: e.entry.data.title, link: absolute(`/essays/${e.id}/`), description: e.entry.data.description, content: essayHtml(e, photos, site) })),
    ],
  });
};
