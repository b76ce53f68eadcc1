/**
 * Layout maths for the long-scroll photo column, kept apart from markup so
 * the `sizes` the browser is told and the CSS that lays the photo out are
 * computed from the same numbers (and unit-tested).
 */

/** The widest a photo is shown, in CSS pixels. */
export const COLUMN_MAX_PX = 1200;
/** The tallest a photo is shown, as a share of the viewport height: an upright photo fits the screen. */
export const MAX_HEIGHT_VH = 85;

const round = (n: number) => Math.round(n * 100) / 100;

/** Width of a photo at full viewport height, in `vh`: the cap that keeps it on screen. */
export function heightCapVh(aspect: number): number {
  if (!(aspect > 0) || !Number.isFinite(aspect)) throw new RangeError(`aspect ratio must be a positive number, got ${aspect}`);
  return round(MAX_HEIGHT_VH * aspect);
}

/**
 * The `sizes` of a photo in the column: full width on small screens, the
 * column's width on large ones, and never wider than its height cap.
 */
export function photoSizes(aspect: number): string {
  const cap = `${heightCapVh(aspect)}vh`;
  return `(min-width: ${COLUMN_MAX_PX}px) min(${COLUMN_MAX_PX}px, ${cap}), min(100vw, ${cap})`;
}

/**
 * Custom properties of a photo's frame (`.photo-frame` in global.css): its
 * aspect ratio and height cap reserve its box before the image arrives, in
 * its dominant colour.
 */
export function frameStyle(aspect: number, color: string): string {
  return `--aspect: ${aspect}; --height-cap: ${heightCapVh(aspect)}vh; --color: ${color}`;
}

/** The `sizes` of a story's lead image on the home page (two cards side by side from 48rem). */
export const CARD_SIZES = '(min-width: 75rem) 36rem, (min-width: 48rem) 50vw, 100vw';

/** The smallest width in a ladder that covers `needed` pixels, or the largest there is. */
export function coveringWidth(ladder: readonly number[], needed: number): number {
  const sorted = [...ladder].sort((a, b) => a - b);
  return sorted.find((w) => w >= needed) ?? sorted.at(-1) ?? 0;
}
