import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { defineConfig, fontProviders } from 'astro/config';
import content from './src/integrations/content.ts';
import hostHeaders from './src/integrations/host-headers.ts';
import sitemap from './src/integrations/sitemap.ts';
import { siteAddress } from './src/lib/address.ts';
import { FONTS, LATIN, servedFont, WEIGHTS } from './src/lib/fonts.ts';
import { cacheDirOf } from './src/lib/cache-dir.ts';

/**
 * The site's public address, set once with SITE_URL at build time; it may
 * carry a path (https://user.github.io/repo). Unset, a placeholder address
 * is used and the build says so.
 */
const address = siteAddress(process.env['SITE_URL']);

// Fonts are self-hosted (src/lib/fonts.ts): the built site makes no request to any other host, and
// neither does the build.
const fonts = FONTS.map(({ name, cssVariable, fallbacks, file }) => ({
  name,
  cssVariable,
  fallbacks: [...fallbacks],
  provider: fontProviders.local(),
  // Use the web font only if it arrives before first paint: text never
  // reflows under the reader (no layout shift), at worst it stays in the fallback.
  display: 'optional' as const,
  options: {
    variants: [{ src: [`./${servedFont(file)}`], weight: `${WEIGHTS.min} ${WEIGHTS.max}`, style: 'normal', unicodeRange: [LATIN] }] as [
      { src: [string]; weight: string; style: 'normal'; unicodeRange: [string] },
    ],
  },
}));

export default defineConfig({
  site: address.site,
  base: address.base,
  trailingSlash: 'always',
  // The build writes to a staging folder first (see scripts/build.ts), so a
  // failed build never leaves a half-written dist/ behind.
  outDir: process.env['ASTRO_OUT_DIR'] ?? './dist',
  // Holds the image cache (photos/); `npm run build`'s encoder asks the same function.
  cacheDir: cacheDirOf(import.meta.dirname),
  // Styles inline in each page: no stylesheet request stands between the reader and the first paint; the
  // Content-Security-Policy allows each by the hash Astro computes.
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [mdx(), content(), hostHeaders(), ...sitemap()],
  // Astro's own log lines, errors without their stack unless asked for.
  logger: { entrypoint: './src/integrations/build-logger.mjs' },
  vite: {
    build: {
      rolldownOptions: {
        onLog(level, log, handler) {
          // Every MDX file compiled by @astrojs/mdx carries the directive "use astro:head-inject",
          // which Rolldown warns about once per file (withastro/astro#18087): filtered by its exact
          // code and text so that any other warning still shows.
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
          handler(level, log);
        },
      },
    },
  },
  // Captions and essays are published word for word: no "smart" rewriting
  // of the editors' quotes and dashes.
  // No syntax highlighting: the texts have no code, and Shiki's inline styles would need 'unsafe-inline'.
  markdown: { processor: satteri({ features: { smartPunctuation: false } }), syntaxHighlight: false },
  // A strict Content-Security-Policy in a <meta> of every page: scripts and styles only from this
  // site or by the hash Astro computes of each inline one (no 'unsafe-inline', no 'unsafe-eval'),
  // nothing else from anywhere else. What a <meta> cannot carry (frame-ancestors) is in the hosts'
  // header files (public/_headers, vercel.json).
  security: {
    csp: {
      directives: ["default-src 'self'", "img-src 'self'", "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
    },
  },
  // Photographs do not go through astro:assets: src/lib/photo-pipeline.ts encodes them, after Astro (why: see there).
  image: { responsiveStyles: false },
  fonts,
});
