/** Names and words shared by every page. The site's address is `site` in astro.config.ts. */
export const SITE = {
  title: 'North Korean Cinema',
  tagline: 'Two stories from inside North Korea’s film industry',
  lang: 'en',
} as const;

/** The navigation: label and path, in order. */
export const NAV = [
  { label: 'Home', href: '/' },
  { label: 'Photo essay', href: '/korean-film-studio/' },
  { label: 'Article', href: '/essays/north-korean-cinema-at-a-crossroads/' },
] as const;
