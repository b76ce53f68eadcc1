/**
 * The image pipeline's settings and the one place that asks astro:assets for
 * variants. Every photograph on the site is published through here: AVIF and
 * WebP sources with a JPEG fallback, all at the same width ladder, so a
 * variant made for the gallery is the same file the lightbox and the home
 * page use (Astro names variants by a hash of their settings).
 */
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import { CARD, FALLBACK_FORMAT, ladderFor, type Format } from './image-settings.ts';
/** Width of the `<img src>` for browsers that ignore `srcset`: one of the ladder, so it costs no extra encode. */
const FALLBACK_WIDTH = 1080;

export interface Variants {
  /** `srcset` per format. */
  srcset: Record<Format, string>;
  /** A mid-sized JPEG for `<img src>`. */
  src: string;
  /** The largest JPEG: where a photo's link leads without JavaScript. */
  largest: { src: string; width: number; height: number };
  /** Intrinsic width and height of the photograph, for `width`/`height` and aspect ratio. */
  width: number;
  height: number;
}

/**
 * Width and height of an image, read without publishing the original.
 * Astro copies an original into dist/ once anything reads a property of
 * its image object directly; its hidden `clone` can be read freely (this is
 * what Astro's own getImage does).
 */
export function dimensionsOf(image: ImageMetadata): { width: number; height: number } {
  const { width, height } = (image as ImageMetadata & { clone?: ImageMetadata }).clone ?? image;
  return { width, height };
}

/** All variants of one image, encoded at build time by sharp. */
export async function variantsOf(image: ImageMetadata): Promise<Variants> {
  const { width, height } = dimensionsOf(image);
  const widths = ladderFor(width);
  const top = widths.at(-1) ?? width;
  const encode = (format: string, width: number) => getImage({ src: image, format, width, widths });
  const [avif, webp, jpg] = await Promise.all([
    encode('avif', top),
    encode('webp', top),
    encode(FALLBACK_FORMAT, widths.includes(FALLBACK_WIDTH) ? FALLBACK_WIDTH : top),
  ]);
  const largest = jpg.srcSet.values.at(-1);
  if (!largest) throw new Error('no JPEG variant was made');
  return {
    srcset: { avif: avif.srcSet.attribute, webp: webp.srcSet.attribute, jpg: jpg.srcSet.attribute },
    src: jpg.src,
    largest: {
      src: largest.url,
      width: Number(largest.transform['width']),
      height: Number(largest.transform['height']),
    },
    width,
    height,
  };
}

export interface CardImage {
  src: string;
  width: number;
  height: number;
}

/** The photo cropped to a link-preview card by sharp: a JPEG, which every preview crawler reads. */
export async function cardOf(image: ImageMetadata): Promise<CardImage> {
  const card = await getImage({ src: image, format: FALLBACK_FORMAT, width: CARD.width, height: CARD.height, fit: 'cover' });
  return { src: card.src, width: CARD.width, height: CARD.height };
}
