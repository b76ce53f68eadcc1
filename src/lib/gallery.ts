/**
 * The site's data, computed once per build: galleries with their photos in
 * reading order, each photo's variants, credit, placeholder state and
 * colour, and the essays. Pages only read from here. What the content check
 * found comes from the manifest (manifest.ts), which the integration
 * (integrations/content.ts) serves as a virtual module: in a build, checked
 * once before Astro started; in the dev server, checked again on every
 * change of `content/`, so a mistake shows in the browser as soon as the
 * file is saved.
 */
import { createHash } from 'node:crypto';
import { getCollection, type CollectionEntry } from 'astro:content';
import manifest from 'virtual:kfs/manifest';
import { ContentError } from './content-check.ts';
import { imagesOf, type CardImage, type Variants } from './images.ts';
import type { Manifest } from './manifest.ts';
import { placeholderAlt } from './placeholder.ts';
import { url } from './site.ts';

export interface Photo {
  /** Id within the gallery: the file name, and the figure's `id`. */
  slug: string;
  gallery: string;
  /** The photo's own page, `/<gallery>/<slug>/` under the base path. */
  path: string;
  /** Where the photo sits in its gallery page, `/<gallery>/#<slug>`. */
  galleryPath: string;
  entry: CollectionEntry<'photos'>;
  /** 1-based position in the gallery. */
  number: number;
  total: number;
  /** Alt text as published: a placeholder says what it stands in for. */
  alt: string;
  /** The caption as plain text: the photo page's description. */
  caption: string;
  credit: string;
  location: string | undefined;
  /** The image file is a generated placeholder, not the photograph. */
  placeholder: boolean;
  /** Dominant colour, shown while the image loads. */
  color: string;
  /** Width divided by height. */
  aspect: number;
  variants: Variants;
  /** The link-preview image. */
  card: CardImage;
}

export interface Gallery {
  id: string;
  entry: CollectionEntry<'galleries'>;
  photos: Photo[];
  /** The photo on the gallery's first screen: its `cover`, else its first photo. */
  cover: Photo;
  /** How many photos are still placeholders. */
  placeholders: number;
}

export interface Essay {
  id: string;
  entry: CollectionEntry<'essays'>;
  /** Shown at the top of the article and on its home-page card. */
  lead: Photo | undefined;
  /** The photos its text places with `<Photo>`, in order. */
  placed: Photo[];
}

export interface Site {
  galleries: Gallery[];
  essays: Essay[];
  /** Every photo of every gallery, by `<gallery>/<photo>`. */
  photos: ReadonlyMap<string, Photo>;
}

const fileOf = (entry: { id: string; filePath?: string | undefined }) => entry.filePath ?? entry.id;

/** A photo of `gallery` as the pages show it, from its entry and what the content check found of its image (`checked`). */
function buildPhoto(
  report: Manifest,
  checked: Manifest['images'][string],
  entry: CollectionEntry<'photos'>,
  gallery: CollectionEntry<'galleries'>,
  index: number,
  total: number,
): Photo {
  const { alt, credit, location } = entry.data;
  const file = fileOf(entry);
  const { facts } = checked;
  const { variants, card } = imagesOf(checked);
  const slug = entry.id.slice(gallery.id.length + 1);
  return {
    slug,
    gallery: gallery.id,
    path: url(`/${gallery.id}/${slug}/`),
    galleryPath: url(`/${gallery.id}/#${slug}`),
    entry,
    number: index + 1,
    total,
    alt: facts.placeholder ? placeholderAlt(alt) : alt,
    caption: report.texts[file] ?? '',
    credit: credit ?? gallery.data.photographer,
    location,
    placeholder: facts.placeholder,
    color: facts.color,
    aspect: facts.width / facts.height,
    variants,
    card,
  };
}

async function load(): Promise<Site> {
  const report = manifest;
  if (report.errors.length > 0) throw new ContentError(report.errors);
  const [galleryEntries, photoEntries, essayEntries] = await Promise.all([
    getCollection('galleries'),
    getCollection('photos'),
    getCollection('essays'),
  ]);
  const photoById = new Map(photoEntries.map((p) => [p.id, p]));
  const galleries = galleryEntries
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entry): Gallery => {
      const ids = entry.data.photos;
      const photos = ids.flatMap((slug, i) => {
        const photo = photoById.get(`${entry.id}/${slug}`);
        // The content check has made sure every listed photo has its file and a readable image. In the dev
        // server, Astro's collections and the check each follow the files on their own watcher, and just after
        // a save (a rename, a new photo) one can be a moment ahead of the other: the photo is left out of this
        // render, and the reload that follows as the other catches up shows it. An error here would stay over
        // the page after both agree (Astro sends a page's error to the browser a moment after the page).
        const checked = photo && report.images[fileOf(photo)];
        if (!photo || !checked) {
          if (import.meta.env.DEV) return [];
          throw new ContentError([`${fileOf(entry)}: field "photos" lists "${slug}", which has no file or no checked image`]);
        }
        return [buildPhoto(report, checked, photo, entry, i, ids.length)];
      });
      const cover = photos.find((p) => p.slug === entry.data.cover) ?? photos[0];
      // The schema requires at least one photo, and the cover to be one of them.
      if (!cover) throw new ContentError([`${fileOf(entry)}: field "photos" must list at least one photo`]);
      return { id: entry.id, entry, photos, cover, placeholders: photos.filter((p) => p.placeholder).length };
    });
  const allPhotos = new Map<string, Photo>(galleries.flatMap((g) => g.photos.map((p) => [`${g.id}/${p.slug}`, p] as const)));
  const essays = essayEntries
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(
      (entry): Essay => ({
        id: entry.id,
        entry,
        lead: entry.data.lead === undefined ? undefined : allPhotos.get(entry.data.lead),
        // The content check has made sure every placed photo exists.
        placed: (report.placements[fileOf(entry)] ?? []).flatMap((p) => allPhotos.get(p.id) ?? []),
      }),
    );
  return { galleries, essays, photos: allPhotos };
}

let cached: Promise<Site> | undefined;

/**
 * The whole site's data. A build computes it once for all pages; the dev
 * server on every request (from the collections and the manifest as they
 * are), so an edited caption, or a mistake, shows at once.
 */
export function getSite(): Promise<Site> {
  if (import.meta.env.DEV) return load();
  return (cached ??= load());
}

let manifestHash: string | undefined;

/**
 * What the pages are rendered from, as one hash: the manifest and every
 * entry of every collection. The dev server renders it into each page and
 * serves the current one (integrations/content-version.ts), so an open page
 * can tell that it is older than the content (toolbar/follow-content.ts).
 */
export async function contentVersion(): Promise<string> {
  // The manifest is the same object until the dev server changes it, which evaluates this module again.
  manifestHash ??= createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
  const hash = createHash('sha256').update(manifestHash);
  for (const name of ['galleries', 'photos', 'essays'] as const) {
    for (const entry of await getCollection(name)) hash.update(`\0${name}/${entry.id}\0${entry.digest ?? JSON.stringify([entry.data, entry.body])}`);
  }
  return hash.digest('hex').slice(0, 16);
}

export async function getGallery(id: string): Promise<Gallery> {
  const gallery = (await getSite()).galleries.find((g) => g.id === id);
  if (!gallery) throw new Error(`no gallery "${id}"`);
  return gallery;
}

/** The navigation: home, then every gallery and every essay, as the content has them. */
export async function getNav(): Promise<{ label: string; href: string }[]> {
  const { galleries, essays } = await getSite();
  return [
    { label: 'Home', href: url('/') },
    ...galleries.map((g) => ({ label: galleries.length === 1 ? 'Photo essay' : g.entry.data.title, href: url(`/${g.id}/`) })),
    ...essays.map((e) => ({ label: essays.length === 1 ? 'Article' : e.entry.data.title, href: url(`/essays/${e.id}/`) })),
  ];
}
