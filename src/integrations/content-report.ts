/**
 * The content check around `astro build`: it stops a build of content with
 * problems before anything is encoded, fails it if the image pipeline
 * warned, and ends every build with what an editor should look at: photos
 * that are still placeholders, photos too small, image files nobody uses.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkContent, ContentError, setProjectRoot } from '../lib/content-check.ts';
import { IMAGE_WARNINGS } from './build-logger.mjs';

export default function contentReport(): AstroIntegration {
  return {
    name: 'content-report',
    hooks: {
      'astro:config:setup': ({ config }) => setProjectRoot(fileURLToPath(config.root)),
      'astro:build:start': async () => {
        const { errors } = await checkContent();
        if (errors.length > 0) throw new ContentError(errors);
      },
      'astro:build:done': async ({ logger }) => {
        const warned = (globalThis as Record<symbol, string[] | undefined>)[IMAGE_WARNINGS] ?? [];
        if (warned.length > 0) {
          throw new Error(`The image pipeline warned, so nothing is published:\n${warned.map((w) => `  - ${w}`).join('\n')}`);
        }
        const { warnings, placeholders, photos } = await checkContent();
        for (const w of warnings) logger.warn(w);
        if (placeholders.length === 0) {
          logger.info(`All ${photos} photographs are real photographs.`);
          return;
        }
        logger.warn(
          `${placeholders.length} of ${photos} photographs are still placeholders:\n` +
            [...new Set(placeholders)].map((f) => `  - ${f}`).join('\n') +
            '\nReplace each file with the photograph, under the same name (see README, "Swapping in the photographs").',
        );
      },
    },
  };
}
