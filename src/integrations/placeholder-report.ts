/**
 * Lists, at the end of every build, which photographs are still generated
 * placeholders, so nobody deploys them by mistake without knowing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { readImageFacts } from '../lib/placeholder.ts';

const IMAGE = /\.(jpe?g|png|webp|avif|tiff?)$/i;

/** Image files under `content/galleries/<gallery>/photos/` that carry the placeholder marker. */
export async function findPlaceholders(galleriesDir: string): Promise<{ placeholders: string[]; total: number }> {
  const files = fs.existsSync(galleriesDir)
    ? fs
        .readdirSync(galleriesDir)
        .flatMap((g) => {
          const dir = path.join(galleriesDir, g, 'photos');
          return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => IMAGE.test(f)).map((f) => path.join(dir, f)) : [];
        })
        .sort()
    : [];
  const facts = await Promise.all(files.map(async (f) => ({ f, placeholder: (await readImageFacts(f)).placeholder })));
  return { placeholders: facts.filter((x) => x.placeholder).map((x) => x.f), total: files.length };
}

export default function placeholderReport(): AstroIntegration {
  return {
    name: 'placeholder-report',
    hooks: {
      'astro:build:done': async ({ logger }) => {
        const { placeholders, total } = await findPlaceholders(path.resolve('content/galleries'));
        if (placeholders.length === 0) {
          logger.info(`All ${total} photographs are real photographs.`);
          return;
        }
        logger.warn(
          `${placeholders.length} of ${total} photographs are still placeholders:\n` +
            placeholders.map((f) => `  - ${path.relative(process.cwd(), f)}`).join('\n') +
            '\nReplace each file with the photograph, under the same name (see README, "Swapping in the photographs").',
        );
      },
    },
  };
}
