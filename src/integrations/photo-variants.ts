/**
 * Publishes the photographs' variants (src/lib/photo-pipeline.ts): in a
 * build, all of them into `_astro/` once the pages are written; in the dev
 * server, each one when the browser asks for it. In dev, the image files
 * are also watched through a virtual module the site's data imports, so a
 * photo replaced under the same name can reload the pages with its new
 * variants (the `image` field is a path, which Astro does not watch); under
 * load this is not reliable yet, and no test holds it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { basePath } from '../lib/address.ts';
import { checkContent, ContentError } from '../lib/content-check.ts';
import { publishVariants, variantFile } from '../lib/photo-pipeline.ts';
import { VARIANT_DIR } from '../lib/variants.ts';

const TYPES: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };
/** The shape of a variant's name (variants.ts): anything else under `_astro/` is Astro's. */
const NAME = /^[a-z0-9-]+-(?:\d+|card)\.[0-9a-f]{12}\.(avif|webp|jpg)$/;

const PHOTO_FILES = 'virtual:kfs/photo-files';

function photoFiles(): Plugin {
  return {
    name: 'kfs-photo-files',
    resolveId: (id) => (id === PHOTO_FILES ? `\0${PHOTO_FILES}` : undefined),
    async load(id) {
      if (id !== `\0${PHOTO_FILES}`) return undefined;
      const { images } = await checkContent();
      for (const image of images.values()) this.addWatchFile(image.file);
      return 'export {};';
    },
  };
}

export default function photoVariants(): AstroIntegration {
  let cacheDir = '';
  let prefix = `/${VARIANT_DIR}/`;
  return {
    name: 'photo-variants',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [photoFiles()] } });
      },
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        prefix = `${basePath(config.base)}${VARIANT_DIR}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const pathname = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
          const name = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : '';
          const type = TYPES[NAME.exec(name)?.[1] ?? ''];
          if (!type) return next();
          checkContent()
            .then((report) => variantFile(name, report.images, cacheDir))
            .then((file) => {
              if (!file) return next();
              res.setHeader('Content-Type', type);
              res.setHeader('Cache-Control', 'no-cache');
              fs.createReadStream(file).pipe(res);
            })
            .catch(next);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { errors, images } = await checkContent();
        if (errors.length > 0) throw new ContentError(errors);
        const done = await publishVariants(images, fileURLToPath(dir), cacheDir, {
          onStart: (toEncode, cached) => logger.info(`encoding ${toEncode} photo variants (${cached} more from the cache)…`),
        });
        logger.info(`${done.variants} photo variants published in ${(done.ms / 1000).toFixed(1)} s`);
      },
    },
  };
}
