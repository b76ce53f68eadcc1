/**
 * The sitemap (@astrojs/sitemap): every page, each with an image entry for
 * every photograph it shows. The photographs are read from the page's own
 * structured data (src/lib/structured-data.ts) once it is built, so the
 * sitemap names the same files, and, like it, never calls a placeholder a
 * photograph.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import sitemap, { type SitemapItem } from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { selectAll } from 'css-select';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { basePath } from '../lib/address.ts';

interface ImageEntry {
  url: string;
  caption?: string;
  title?: string;
}

/** The ImageObjects in a built page's JSON-LD, read with an HTML parser. */
export function pageImages(html: string): ImageEntry[] {
  const objects = selectAll('script[type="application/ld+json"]', parseDocument(html)).flatMap((script) => {
    const data = JSON.parse(textContent(script) || '{}') as { '@type'?: string; image?: unknown };
    const images = data['@type'] === 'ImageObject' ? [data] : Array.isArray(data.image) ? data.image : data.image ? [data.image] : [];
    return images as { contentUrl?: string; caption?: string; description?: string }[];
  });
  return objects.filter((o) => o.contentUrl).map((o) => ({ url: String(o.contentUrl), ...(o.caption ? { caption: o.caption } : {}), ...(o.description ? { title: o.description } : {}) }));
}

export default function sitemapWithImages(): AstroIntegration[] {
  let outDir = '';
  let base = '/';
  const capture: AstroIntegration = {
    name: 'sitemap-images',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = basePath(config.base);
      },
      // Runs before the sitemap's own hook, which comes after it in the list.
      'astro:build:done': ({ dir }) => {
        outDir = fileURLToPath(dir);
      },
    },
  };
  return [
    capture,
    sitemap({
      serialize(item: SitemapItem) {
        const rel = decodeURIComponent(new URL(item.url).pathname).slice(base.length);
        const file = `${outDir}/${rel}${rel === '' || rel.endsWith('/') ? 'index.html' : ''}`;
        const images = fs.existsSync(file) ? pageImages(fs.readFileSync(file, 'utf8')) : [];
        // `img` is a field of the sitemap library's items that Astro's narrower type leaves out.
        return images.length > 0 ? ({ ...item, img: images } as SitemapItem) : item;
      },
    }),
  ];
}
