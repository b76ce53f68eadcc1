/** Names and words shared by every page. The site's address is SITE_URL (src/lib/address.ts). */

/** A path of the site, such as `/korean-film-studio/`, under the base path it is served from. */
export const url = (path: string) => `${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`;

export const SITE = {
  title: 'North Korean Cinema',
  tagline: 'Two stories from inside North Korea’s film industry',
  lang: 'en',
} as const;
