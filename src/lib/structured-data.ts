/**
 * Structured data (JSON-LD) for search engines, typed with schema-dts: the
 * article as an `Article`, and the photographs as `ImageObject`s with their
 * creator, credit, copyright and, where the content gives them, licence and
 * licensing page, so that search results can show them. A placeholder is
 * not the photograph: it is never described as one.
 */
import type { Article, ImageGallery, ImageObject, WithContext } from 'schema-dts';
import type { Essay, Gallery, Photo } from './gallery.ts';

const absolute = (path: string, site: URL) => new URL(path, site).href;

/** A photograph as an ImageObject; undefined for a placeholder. */
export function photoObject(photo: Photo, site: URL): ImageObject | undefined {
  if (photo.placeholder) return undefined;
  const { license, acquireLicensePage } = photo.entry.data;
  return {
    '@type': 'ImageObject',
    contentUrl: absolute(photo.variants.largest.src, site),
    url: absolute(photo.path, site),
    width: { '@type': 'QuantitativeValue', value: photo.variants.largest.width, unitCode: 'E37' },
    height: { '@type': 'QuantitativeValue', value: photo.variants.largest.height, unitCode: 'E37' },
    caption: photo.caption,
    description: photo.entry.data.alt,
    creator: { '@type': 'Person', name: photo.credit },
    creditText: photo.credit,
    copyrightNotice: `© ${photo.credit}`,
    ...(photo.location ? { contentLocation: { '@type': 'Place', name: photo.location } } : {}),
    ...(license ? { license } : {}),
    ...(acquireLicensePage ? { acquireLicensePage } : {}),
  };
}

/** A photo page: its photograph, if it is one. */
export function photoPageData(photo: Photo, site: URL): WithContext<ImageObject> | undefined {
  const object = photoObject(photo, site);
  return object && { '@context': 'https://schema.org', ...object };
}

/** The photo essay as an ImageGallery of its photographs. */
export function galleryData(gallery: Gallery, site: URL): WithContext<ImageGallery> {
  const images = gallery.photos.map((p) => photoObject(p, site)).filter((o): o is ImageObject => o !== undefined);
  return {
    '@context': 'https://schema.org',
    '@type': 'ImageGallery',
    name: gallery.entry.data.title,
    description: gallery.entry.data.description,
    url: absolute(gallery.photos[0]?.galleryPath.replace(/#.*$/, '') ?? '/', site),
    creator: { '@type': 'Person', name: gallery.entry.data.photographer },
    ...(images.length > 0 ? { image: images } : {}),
  };
}

/** An essay as an Article. */
export function articleData(essay: Essay, url: URL, site: URL): WithContext<Article> {
  const lead = essay.lead && photoObject(essay.lead, site);
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: essay.entry.data.title,
    description: essay.entry.data.description,
    url: url.href,
    mainEntityOfPage: url.href,
    inLanguage: 'en',
    ...(lead ? { image: lead } : {}),
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` is written `\u003c`
 * (still the same JSON), so no text in it can close the script element.
 */
export function jsonLd(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
