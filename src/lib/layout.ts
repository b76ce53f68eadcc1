/**
 * Layout maths for the long-scroll photo column, kept apart from markup so
 * the `sizes` the browser is told and the CSS that lays the photo out are
 * computed from the same numbers (and unit-tested).
 */

/** The widest a photo is shown, in CSS pixels. */
export const COLUMN_MAX_PX = 1200;
/** The tallest a photo is shown, as a share of the viewport height: an upright photo fits the screen. */
export const MAX_HEIGHT_VH = 85;
/**
 * What a photo's own page keeps of the screen's height for everything but
 * the photo: the site's header, the "Photo 3 of 14" line and the first line
 * of the caption, so that all of them and the whole photo are on the first
 * screen. Must match `--photo-page-chrome` in tokens.css.
 */
export const PHOTO_PAGE_CHROME_REM = 12;

const round = (n: number) => Math.round(n * 100) / 100;

function checkAspect(aspect: number) {
  if (!(aspect > 0) || !Number.isFinite(aspect)) throw new RangeError(`aspect ratio must be a positive number, got ${aspect}`);
}

/** The widest a photo of `aspect` may be and stay within `MAX_HEIGHT_VH` of the screen's height. */
const heightCap = (aspect: number) => `${round(MAX_HEIGHT_VH * aspect)}vh`;
/**
 * The tallest the gallery's cover is shown, as a share of the viewport height: all of it. It starts below the
 * headline, so it runs past the first screen's edge, and fills as much of that screen as its shape allows.
 * Must match `--frame-height` of `.cover` in CoverPhoto.astro.
 */
export const COVER_MAX_HEIGHT_VH = 100;

/**
 * Where a photo is shown: the widest it may be (a CSS length), and the
 * widest its height lets it be: the gallery's column, its cover, a photo's
 * own page, and the three sizes an editor can give a `<Photo>` in an essay. `.photo-frame` (global.css) lays each out from the same numbers.
 */
export const FRAMES = {
  gallery: { width: `${COLUMN_MAX_PX}px`, cap: heightCap },
  cover: { width: `${COLUMN_MAX_PX}px`, cap: (aspect: number) => `${round(COVER_MAX_HEIGHT_VH * aspect)}vh` },
  page: { width: `${COLUMN_MAX_PX}px`, cap: (aspect: number) => `calc((100vh - ${PHOTO_PAGE_CHROME_REM}rem) * ${round(aspect)})` },
  column: { width: '38rem', cap: heightCap },
  wide: { width: `${COLUMN_MAX_PX}px`, cap: heightCap },
  full: { width: '100vw', cap: heightCap },
} as const;
export type Frame = keyof typeof FRAMES;

/**
 * The `sizes` of a photo shown in `frame`: the whole viewport's width on
 * small screens, the frame's width on large ones, and never wider than the
 * frame's height allows.
 */
export function photoSizes(aspect: number, frame: Frame = 'gallery'): string {
  checkAspect(aspect);
  const { width, cap } = FRAMES[frame];
  if (width === '100vw') return `min(100vw, ${cap(aspect)})`;
  return `(min-width: ${width}) min(${width}, ${cap(aspect)}), min(100vw, ${cap(aspect)})`;
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
      checkAspect(aspect);
      if (!/^[a-z0-9-]+$/.test(slug) || !/^#[0-9a-f]{6}$/.test(color)) throw new RangeError(`not a photo name and colour: ${slug} ${color}`);
      return `[data-photo="${slug}"]{--aspect:${aspect};--color:${color}}`;
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
