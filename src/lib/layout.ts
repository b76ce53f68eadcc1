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
 * The CSS of a page's photos: for each, the custom properties of its frame
 * (`.photo-frame` in global.css), whose aspect ratio and height cap reserve
 * its box before the image arrives, in its dominant colour. One rule per
 * photo, selected by `data-photo`, in one `<style>` the page's CSP allows by
 * its hash: no `style` attributes, which a strict CSP refuses.
 */
export function photoRules(photos: readonly { slug: string; aspect: number; color: string }[]): string {
  return photos
    .map(({ slug, aspect, color }) => {
      if (!/^[a-z0-9-]+$/.test(slug) || !/^#[0-9a-f]{6}$/.test(color)) throw new RangeError(`not a photo name and colour: ${slug} ${color}`);
      return `[data-photo="${slug}"]{--aspect:${aspect};--height-cap:${heightCapVh(aspect)}vh;--color:${color}}`;
    })
    .join('');
}

/** The `sizes` of a story's lead image on the home page (two cards side by side from 48rem). */
export const CARD_SIZES = '(min-width: 75rem) 36rem, (min-width: 48rem) 50vw, 100vw';

/** The smallest width in a ladder that covers `needed` pixels, or the largest there is. */
export function coveringWidth(ladder: readonly number[], needed: number): number {
  const sorted = [...ladder].sort((a, b) => a - b);
  return sorted.find((w) => w >= needed) ?? sorted.at(-1) ?? 0;
}
