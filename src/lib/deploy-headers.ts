/**
 * The HTTP headers the site asks its host for, in one place: what a
 * `<meta>` Content-Security-Policy cannot carry (frame-ancestors), the
 * other security headers, and caching. Written as `_headers` into every
 * build (Netlify and Cloudflare Pages read it) and mirrored by `vercel.json`,
 * which a test holds to these same values.
 */

/** On every response. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
} as const;

/** Files under /_astro/ have their content's hash in their name: cached for a year, never revalidated. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Pages keep their address when their text changes: revalidated on every visit. */
export const PAGE_CACHE = 'public, max-age=0, must-revalidate';

const block = (path: string, headers: Record<string, string>) =>
  `${path}\n${Object.entries(headers)
    .map(([k, v]) => `  ${k}: ${v}`)
    .join('\n')}\n`;

/**
 * The `_headers` file for a site under `base` with these page paths (each
 * listed exactly, so the pages' short caching never reaches /_astro/, as a
 * catch-all rule would: both hosts join the values of rules that overlap).
 */
export function headersFile(base: string, pages: readonly string[]): string {
  return [
    '# Written by the build (src/lib/deploy-headers.ts) for Netlify and Cloudflare Pages.\n',
    block(`${base}*`, SECURITY_HEADERS),
    block(`${base}_astro/*`, { 'Cache-Control': ASSET_CACHE }),
    ...[...new Set(pages)].sort().map((p) => block(p, { 'Cache-Control': PAGE_CACHE })),
  ].join('\n');
}
