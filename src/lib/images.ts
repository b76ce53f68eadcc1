/**
 * What pages write for a photograph: `srcset`s, `src`s and sizes, from its
 * variants as the content check planned them (variants.ts). Nothing is encoded here: the build encodes every
 * variant after the pages are written (photo-pipeline.ts), and the dev
 * server when the browser asks for one.
 */
import type { PhotoImage } from './content-check.ts';
import { SOURCE_FORMATS, type Role } from './image-settings.ts';
import { url } from './site.ts';
import { VARIANT_DIR, type Variant } from './variants.ts';

export interface Variants {
  /** `srcset` per modern format, for `<source>` and the lightbox. */
  srcset: Record<(typeof SOURCE_FORMATS)[number], string>;
  /** The JPEG `<img src>`: browsers with neither AVIF nor WebP, and feed readers. */
  src: string;
  /** The largest JPEG: search engines, and the lightbox's `src` for a browser without `srcset`. */
  largest: { src: string; width: number; height: number };
  /** Intrinsic width and height of the photograph as shown, for `width`/`height` and aspect ratio. */
  width: number;
  height: number;
}

export interface CardImage {
  src: string;
  width: number;
  height: number;
}

const href = (v: Variant) => url(`/${VARIANT_DIR}/${v.name}`);

function one(variants: Variant[], role: Role, origin: string): Variant {
  const found = variants.find((v) => v.role === role);
  if (!found) throw new Error(`${origin}: no ${role} variant is planned`);
  return found;
}

/** What pages write for one photograph: its `<picture>` and its link-preview card, from its planned variants. */
export function imagesOf(image: PhotoImage): { variants: Variants; card: CardImage } {
  return { variants: pictureOf(image), card: cardOf(image) };
}

/** Every variant of one photograph, as pages write them. */
function pictureOf({ variants, origin, facts }: PhotoImage): Variants {
  const srcset = (format: string) =>
    variants
      .filter((v) => v.role === 'ladder' && v.format === format)
      .map((v) => `${href(v)} ${v.width}w`)
      .join(', ');
  const fallback = one(variants, 'fallback', origin);
  const largest = variants.find((v) => v.role === 'largest') ?? fallback;
  return {
    srcset: { avif: srcset('avif'), webp: srcset('webp') },
    src: href(fallback),
    largest: { src: href(largest), width: largest.width, height: largest.height },
    width: facts.width,
    height: facts.height,
  };
}

/** The link-preview card: a JPEG, which every preview crawler reads, at the size it really is. */
function cardOf({ variants, origin }: PhotoImage): CardImage {
  const card = one(variants, 'card', origin);
  return { src: href(card), width: card.width, height: card.height };
}
