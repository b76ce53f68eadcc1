/**
 * Lists, at the end of every build, which photographs are still generated
 * placeholders, so nobody deploys them by mistake without knowing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { readFrontmatter } from '../lib/frontmatter.ts';
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

/**
 * Every photo's `image` field must name a file that exists. Astro's own
 * error for a missing image names neither the MDX file nor the field, so
 * this check runs first and does.
 */
export function missingImages(galleriesDir: string): string[] {
  if (!fs.existsSync(galleriesDir)) return [];
  const problems: string[] = [];
  for (const g of fs.readdirSync(galleriesDir)) {
    const dir = path.join(galleriesDir, g, 'photos');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const mdx = path.join(dir, f);
      let image: unknown;
      try {
        image = readFrontmatter(mdx)?.['image'];
      } catch {
        continue; // malformed frontmatter: Astro's own error names the file and line
      }
      if (typeof image !== 'string') continue; // the schema reports a missing field
      if (!fs.existsSync(path.resolve(dir, image))) {
        problems.push(`${path.relative(process.cwd(), mdx)}: field "image" names ${image}, which does not exist`);
      }
    }
  }
  return problems;
}

export default function placeholderReport(): AstroIntegration {
  return {
    name: 'placeholder-report',
    hooks: {
      'astro:build:start': () => {
        const problems = missingImages(path.resolve('content/galleries'));
        if (problems.length > 0) throw new Error(`Missing image files:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      },
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
