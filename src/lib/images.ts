/**
 * The one place that asks astro:assets for variants. Every photograph on the
 * site is published through here: AVIF and WebP sources with a JPEG
 * fallback, all at the same width ladder, so a variant made for the gallery
 * is the same file the lightbox and the home page use (Astro names variants
 * by a hash of their settings). Sizes come from the content check's reading
 * of the file, never from the image object: reading a property of Astro's
 * image object would copy the original into dist/.
 */
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import { cardSize, FALLBACK_FORMAT, ladderFor, type Format } from './image-settings.ts';

/** Width of the `<img src>` for browsers that ignore `srcset`: one of the ladder, so it costs no extra encode. */
const FALLBACK_WIDTH = 1080;

export interface Variants {
  /** `srcset` per format. */
  srcset: Record<Format, string>;
  /** A mid-sized JPEG for `<img src>`. */
  src: string;
  /** The largest JPEG: where a photo's link leads without JavaScript. */
  largest: { src: string; width: number; height: number };
  /** Intrinsic width and height of the photograph as shown, for `width`/`height` and aspect ratio. */
  width: number;
  height: number;
}

export interface Source {
  image: ImageMetadata;
  /** Width and height as shown (EXIF orientation applied). */
  width: number;
  height: number;
  /** Named in any encoding error: `<file>.mdx: field "image" (./photo.jpg)`. */
  origin: string;
}

/** All variants of one image, encoded at build time by sharp. */
export async function variantsOf({ image, width, height, origin }: Source): Promise<Variants> {
  const widths = ladderFor(width);
  const top = widths.at(-1) ?? width;
  const encode = (format: string, w: number) => getImage({ src: image, format, width: w, widths, origin });
  const [avif, webp, jpg] = await Promise.all([
    encode('avif', top),
    encode('webp', top),
    encode(FALLBACK_FORMAT, widths.includes(FALLBACK_WIDTH) ? FALLBACK_WIDTH : top),
  ]);
  const largest = jpg.srcSet.values.at(-1);
  if (!largest) throw new Error(`${origin}: no JPEG variant was made`);
  return {
    srcset: { avif: avif.srcSet.attribute, webp: webp.srcSet.attribute, jpg: jpg.srcSet.attribute },
    src: jpg.src,
    largest: { src: largest.url, width: Number(largest.transform['width']), height: Number(largest.transform['height']) },
    width,
    height,
  };
}

export interface CardImage {
  src: string;
  width: number;
  height: number;
}

/** The photo cropped to a link-preview card by sharp: a JPEG, which every preview crawler reads, at the size it really is. */
export async function cardOf({ image, width, height, origin }: Source): Promise<CardImage> {
  const size = cardSize(width, height);
  const card = await getImage({ src: image, format: FALLBACK_FORMAT, ...size, fit: 'cover', origin });
  return { src: card.src, ...size };
}
