/**
 * The site's two typefaces, as it serves them: the Latin subset of each
 * variable font from its npm package, cut by `npm run fonts`
 * (scripts/fonts.ts) to the weights the styles use, 400 to 700. A third
 * less to download before the first screen is whole (docs/performance.md);
 * the files are in src/fonts/, with their licence.
 */

/** The characters served, as a CSS unicode-range: Fontsource's "latin" subset. Every word the site publishes is in it. */
export const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';

/** The weights the styles use (body 400, badges 600, headings 650, bold 700): the range each font keeps. */
export const WEIGHTS = { min: 400, max: 700 } as const;

/** Each typeface: the CSS variable it sets, its name, its npm package and file, and the file the site serves. */
export const FONTS = [
  { cssVariable: '--font-serif', name: 'Source Serif 4', fallbacks: ['Georgia', 'serif'], pkg: '@fontsource-variable/source-serif-4', file: 'source-serif-4' },
  { cssVariable: '--font-sans', name: 'Inter', fallbacks: ['Arial', 'sans-serif'], pkg: '@fontsource-variable/inter', file: 'inter' },
] as const;

/** Where the cut font of `file` is, relative to the project. */
export const servedFont = (file: string) => `src/fonts/${file}-latin-wght-${WEIGHTS.min}-${WEIGHTS.max}.woff2`;

/** Every character of a CSS unicode-range, as a string. */
export function charactersOf(range: string): string {
  return range
    .split(',')
    .flatMap((part) => {
      const [from = 0, to = from] = part.replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
      return Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
    })
    .join('');
}
