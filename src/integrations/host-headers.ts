/** Writes `_headers` (src/lib/deploy-headers.ts) into every build, listing its pages. */
import fs from 'node:fs';
import type { AstroIntegration } from 'astro';
import { basePath } from '../lib/address.ts';
import { headersFile } from '../lib/deploy-headers.ts';

export default function hostHeaders(): AstroIntegration {
  let base = '/';
  return {
    name: 'host-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = basePath(config.base);
      },
      'astro:build:done': ({ dir, pages }) => {
        // `pages` are paths without the base: '' for the home page, 'korean-film-studio/' and so on; the 404 page is 404.html.
        const paths = pages.map(({ pathname }) => `${base}${pathname === '404/' ? '404.html' : pathname}`);
        fs.writeFileSync(new URL('_headers', dir), headersFile(base, paths));
      },
    },
  };
}
