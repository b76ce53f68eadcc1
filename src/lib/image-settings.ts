/**
 * What every photograph is published as: formats, widths and encoder
 * settings. Plain data, so the build (through the image service), the
 * benchmark and its sharp-only floor all read the same numbers. The
 * settings were chosen by measurement: see docs/performance.md.
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

/** sharp's options per format. */
export const ENCODERS: { avif: AvifOptions; webp: WebpOptions; jpg: JpegOptions } = {
  // Same SSIM as sharp's default (q50, effort 4) at a fifth of the encode time, 6% more bytes.
  avif: { quality: 50, effort: 3 },
  // sharp's default: already fast, and nothing cheaper kept its quality.
  webp: { quality: 80, effort: 4 },
  // Same SSIM as sharp's default (q80) with 7.5% fewer bytes.
  jpg: { quality: 84, mozjpeg: true },
};

/**
 * A format's encoder settings as one string. It is part of every variant's
 * hashed file name, and Astro's image cache is keyed by that name: a changed
 * setting gives new names for exactly that format's variants, which are
 * then encoded anew. `extra` adds what else decides the bytes (the sharp
 * version, any `image.service.config`).
 */
export function encoderKey(format: string, extra = ''): string {
  const settings = format === 'jpeg' ? ENCODERS.jpg : (ENCODERS as Record<string, object>)[format];
  return `${format}:${JSON.stringify(settings ?? {})}${extra ? `:${extra}` : ''}`;
}
