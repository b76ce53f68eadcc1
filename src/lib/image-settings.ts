/**
 * What every photograph is published as: formats, widths, which variants
 * and encoder settings. Plain data, so the build (photo-pipeline.ts), the
 * pages and the benchmark all read the same numbers. The settings were
 * chosen by measurement: see docs/performance.md.
 */
import type { AvifOptions, JpegOptions, WebpOptions } from 'sharp';

/** Widths made of every photo: a phone at 1x up to a 1200 px column at 2x. */
export const WIDTHS = [480, 800, 1080, 1440, 1920, 2400] as const;
/** Modern formats, offered in this order through `<source>`. */
export const SOURCE_FORMATS = ['avif', 'webp'] as const;
/** The format every browser can show: the `<img>` and the no-JavaScript link. */
export const FALLBACK_FORMAT = 'jpg';
/** Every format published. */
export const FORMATS = [...SOURCE_FORMATS, FALLBACK_FORMAT] as const;
export type Format = (typeof FORMATS)[number];

/** The widths made of an image `width` pixels wide: the ladder up to its size, and its own width on top when it is smaller than the largest. */
export function ladderFor(width: number): number[] {
  const fitting = WIDTHS.filter((w) => w <= width);
  return fitting.length === WIDTHS.length || fitting.at(-1) === width ? [...fitting] : [...fitting, width];
}

/** Link-preview card size: Open Graph's and Twitter's large image. */
export const CARD = { width: 1200, height: 630 } as const;

/**
 * The card made of a photo `width` x `height`: 1200x630, or for a smaller
 * photo the largest crop of that shape it holds (never enlarged), so the
 * size a page declares is the size of the file.
 */
export function cardSize(width: number, height: number): { width: number; height: number } {
  const w = Math.min(CARD.width, width, Math.floor((height * CARD.width) / CARD.height));
  return { width: w, height: Math.round((w * CARD.height) / CARD.width) };
}

/** The longest side each encoder writes, in pixels (libwebp, libheif, libjpeg). */
export const MAX_SIDE: Record<Format, number> = { avif: 16384, webp: 16383, jpg: 65535 };

/** Width of the JPEG `<img src>`: what browsers with neither AVIF nor WebP, and feed readers, show. */
export const FALLBACK_WIDTH = 1080;

/** What a variant is for; each is something a browser, the lightbox or a crawler fetches (docs/performance.md, "What is encoded"). */
export type Role = 'ladder' | 'fallback' | 'largest' | 'card';

export interface VariantSize {
  format: Format;
  width: number;
  height: number;
  role: Role;
}

/**
 * Every variant made of a photo `width` x `height`, and no other: the AVIF
 * and WebP ladders (what `<picture>` and the lightbox choose from), one
 * JPEG for `<img src>` and feeds, the largest JPEG (search engines and
 * PhotoSwipe's `src`), and the link-preview card. There is no JPEG ladder:
 * only a browser with neither AVIF nor WebP would fetch from it, and such a
 * browser gets the `<img src>`.
 */
export function variantSizes(width: number, height: number): VariantSize[] {
  const ladder = ladderFor(width);
  const top = ladder.at(-1) ?? width;
  const tall = (w: number) => Math.round((w * height) / width);
  const fallback = Math.min(FALLBACK_WIDTH, top);
  return [
    ...SOURCE_FORMATS.flatMap((format) => ladder.map((w): VariantSize => ({ format, width: w, height: tall(w), role: 'ladder' }))),
    { format: FALLBACK_FORMAT, width: fallback, height: tall(fallback), role: 'fallback' },
    ...(top > fallback ? [{ format: FALLBACK_FORMAT, width: top, height: tall(top), role: 'largest' } satisfies VariantSize] : []),
    { format: FALLBACK_FORMAT, ...cardSize(width, height), role: 'card' },
  ];
}

/** Transparent areas are laid on this colour, the same in every format (JPEG has no transparency). */
export const BACKGROUND = '#ffffff';

/** Bumped when the encoding code itself changes what bytes a setting gives, so old cached variants are not reused. */
const PIPELINE = 5;

/**
 * sharp's options per format: for each, the fastest setting whose SSIM is at
 * least that of Astro's default (sharp's own) at every width, chosen on half
 * of the benchmark photos and confirmed on the other half (docs/performance.md,
 * "Encoder settings" and "Benchmark").
 */
export const ENCODERS: { avif: AvifOptions; webp: WebpOptions; jpg: JpegOptions } = {
  // Astro's default is q50 at effort 4: effort 2 is about seven times faster, and q56 makes up its quality.
  avif: { quality: 56, effort: 2 },
  // Astro's default is q80 at effort 4: effort 1 is about half the time, and q86 makes up its quality.
  webp: { quality: 86, effort: 1 },
  // Astro's default is q80: libjpeg-turbo stays (mozjpeg was slower at equal quality), q84 for the margin.
  jpg: { quality: 84 },
};

/**
 * A format's encoder settings as one string. It is part of every variant's
 * hashed file name (variants.ts), and the image cache is keyed by that name: a changed
 * setting gives new names for exactly that format's variants, which are
 * then encoded anew. The background and pipeline version are in every key;
 * `extra` adds what else decides the bytes (the sharp version).
 */
export function encoderKey(format: string, extra = ''): string {
  const settings = format === 'jpeg' ? ENCODERS.jpg : (ENCODERS as Record<string, object>)[format];
  return `${format}:${JSON.stringify(settings ?? {})}:${BACKGROUND}:${PIPELINE}${extra ? `:${extra}` : ''}`;
}
