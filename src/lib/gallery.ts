/**
 * The site's data, computed once per build: galleries with their photos in
 * reading order, each photo's variants, credit, placeholder state and
 * colour, and the essays. Pages only read from here. Every content problem
 * found across files stops the build with one message that lists them all.
 */
import type { ImageMetadata } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { readImageFacts } from './placeholder.ts';
import { cardOf, variantsOf, type CardImage, type Variants } from './images.ts';
import { ContentError, galleryProblems, markdownText } from './validate.ts';

export interface Photo {
  /** Id within the gallery: the file name, and the figure's `id`. */
  slug: string;
  gallery: string;
  /** The photo's own page, `/<gallery>/<slug>/`. */
  path: string;
  /** Where the photo sits in its gallery page, `/<gallery>/#<slug>`. */
  galleryPath: string;
  entry: CollectionEntry<'photos'>;
  /** 1-based position in the gallery. */
  number: number;
  total: number;
  /** Alt text as published: a placeholder says what it stands in for. */
  alt: string;
  /** The caption as plain text: the photo page's meta description. */
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
  /** The 1200x630 link-preview image. */
  card: CardImage;
}

export interface Gallery {
  id: string;
  entry: CollectionEntry<'galleries'>;
  photos: Photo[];
  /** How many photos are still placeholders. */
  placeholders: number;
}

export interface Essay {
  id: string;
  entry: CollectionEntry<'essays'>;
  lead: Photo | undefined;
}

export interface Site {
  galleries: Gallery[];
  essays: Essay[];
}

/** Alt text of a placeholder: honest about what the reader is shown. */
export const placeholderAlt = (alt: string) => `Placeholder for the photograph. ${alt}`;

const fileOf = (entry: { id: string; filePath?: string | undefined }) => entry.filePath ?? entry.id;

/** Astro's image objects know the file they came from; the type does not say so. */
function sourceFile(image: ImageMetadata, entryFile: string): string {
  const file = (image as ImageMetadata & { fsPath?: string }).fsPath;
  if (!file) throw new ContentError([`${entryFile}: field "image" does not point to a local image file`]);
  return file;
}

async function buildPhoto(entry: CollectionEntry<'photos'>, gallery: CollectionEntry<'galleries'>, index: number, total: number): Promise<Photo> {
  const { image, alt, credit, location } = entry.data;
  const [facts, variants, card] = await Promise.all([readImageFacts(sourceFile(image, fileOf(entry))), variantsOf(image), cardOf(image)]);
  const slug = entry.id.slice(gallery.id.length + 1);
  return {
    slug,
    gallery: gallery.id,
    path: `/${gallery.id}/${slug}/`,
    galleryPath: `/${gallery.id}/#${slug}`,
    entry,
    number: index + 1,
    total,
    alt: facts.placeholder ? placeholderAlt(alt) : alt,
    caption: markdownText(entry.body ?? ''),
    credit: credit ?? gallery.data.photographer,
    location,
    placeholder: facts.placeholder,
    color: facts.color,
    aspect: variants.width / variants.height,
    variants,
    card,
  };
}

async function load(): Promise<Site> {
  const [galleryEntries, photoEntries, essayEntries] = await Promise.all([
    getCollection('galleries'),
    getCollection('photos'),
    getCollection('essays'),
  ]);
  const problems: string[] = [];
  const byGallery = Map.groupBy(photoEntries, (p) => p.id.slice(0, p.id.indexOf('/')));
  for (const [galleryId, entries] of byGallery) {
    if (!galleryEntries.some((g) => g.id === galleryId)) {
      problems.push(...entries.map((p) => `${fileOf(p)}: this photo belongs to no gallery; content/galleries/${galleryId}/index.mdx does not exist`));
    }
  }
  for (const g of galleryEntries) {
    problems.push(
      ...galleryProblems({
        file: fileOf(g),
        listed: g.data.photos,
        photos: (byGallery.get(g.id) ?? []).map((p) => ({
          id: p.id.slice(g.id.length + 1),
          file: fileOf(p),
          alt: p.data.alt,
          caption: p.body ?? '',
        })),
      }),
    );
  }
  if (problems.length > 0) throw new ContentError(problems);

  const photoById = new Map(photoEntries.map((p) => [p.id, p]));
  const galleries = await Promise.all(
    galleryEntries
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(async (entry): Promise<Gallery> => {
        const ids = entry.data.photos;
        const photos = await Promise.all(
          ids.map((slug, i) => {
            const photo = photoById.get(`${entry.id}/${slug}`);
            // Unreachable after galleryProblems(); kept so the type is narrowed honestly.
            if (!photo) throw new ContentError([`${fileOf(entry)}: field "photos" lists "${slug}", which has no file`]);
            return buildPhoto(photo, entry, i, ids.length);
          }),
        );
        return { id: entry.id, entry, photos, placeholders: photos.filter((p) => p.placeholder).length };
      }),
  );

  const allPhotos = new Map<string, Photo>(galleries.flatMap((g) => g.photos.map((p) => [`${g.id}/${p.slug}`, p] as const)));
  const essays = essayEntries
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entry): Essay => {
      const ref = entry.data.lead;
      const lead = ref === undefined ? undefined : allPhotos.get(ref);
      if (ref !== undefined && !lead) problems.push(`${fileOf(entry)}: field "lead" names "${ref}", which is not a photo of any gallery`);
      return { id: entry.id, entry, lead };
    });
  if (problems.length > 0) throw new ContentError(problems);
  return { galleries, essays };
}

let cached: Promise<Site> | undefined;

/**
 * The whole site's data. A build computes it once for all pages; the dev
 * server recomputes it on every request, so an edited caption shows at once.
 */
export function getSite(): Promise<Site> {
  if (import.meta.env.DEV) return load();
  return (cached ??= load());
}

export async function getGallery(id: string): Promise<Gallery> {
  const gallery = (await getSite()).galleries.find((g) => g.id === id);
  if (!gallery) throw new Error(`no gallery "${id}"`);
  return gallery;
}
