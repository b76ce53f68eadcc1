/**
 * The site's public address, from one setting: SITE_URL, which may carry a
 * path (a GitHub Pages project site lives at https://user.github.io/repo/).
 * Its origin becomes Astro's `site` and its path Astro's `base`, so every
 * link, asset, canonical URL and card follows it.
 */

/** Where canonical URLs and link previews point while no address is set. */
export const PLACEHOLDER_ADDRESS = 'https://north-korean-cinema.example.org';

export interface Address {
  /** The origin, such as `https://user.github.io`. */
  site: string;
  /** The path the site is served under, with a slash at each end: `/` or `/repo/`. */
  base: string;
  /** No SITE_URL was given: the placeholder address is used. */
  placeholder: boolean;
}

/** An address that is not one: its message is one line naming SITE_URL. */
export class AddressError extends Error {
  override name = 'AddressError';
}

/** Where the dev server serves the version of the content it would render now, under the base path (integrations/content-version.ts); a slash at the end, as every address of the site has (trailingSlash). */
export const DEV_CONTENT_VERSION = '/_dev/content-version/';

/** A base path as integrations get it from Astro's config, ending in a slash: `/` or `/repo/`. */
export const basePath = (base: string) => (base.endsWith('/') ? base : `${base}/`);

export function siteAddress(value: string | undefined): Address {
  if (value === undefined || value.trim() === '') return { site: PLACEHOLDER_ADDRESS, base: '/', placeholder: true };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    url = new URL('invalid:');
  }
  if (!['http:', 'https:'].includes(url.protocol) || !url.hostname || url.search || url.hash || url.username) {
    throw new AddressError(
      `SITE_URL is "${value}", which is not a web address: set it to where the site is served, such as https://example.org or https://user.github.io/repo`,
    );
  }
  const base = `${url.pathname.replace(/\/+$/, '')}/`;
  return { site: url.origin, base, placeholder: false };
}
