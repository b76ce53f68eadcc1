/**
 * The throwaway projects `npm run bench` builds, from a folder of photos:
 * the site itself with a gallery of those photos as its only content, and
 * the reference, a plain Astro project with `<Picture>` at Astro's defaults.
 *
 * Also a command, to build one by hand and look into it:
 *   node scripts/bench/projects.ts DIR N [--photos ../shared/photo-corpus]
 *   node scripts/bench/build-once.ts DIR   (or npm run build there)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CARD, WIDTHS } from '../../src/lib/image-settings.ts';

const repo = process.cwd();
export const pad = (i: number) => String(i).padStart(4, '0');

/** The JPEG files of a folder, sorted by name. */
export function corpusOf(dir: string): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.jpe?g$/i.test(f))
    .sort()
    .map((f) => path.resolve(dir, f));
  if (files.length === 0) throw new Error(`no JPEG files in ${dir}`);
  return files;
}

export function projects(corpus: string[]) {
  /** Photo `i` (1-based), repeating the corpus. */
  const source = (i: number) => corpus[(i - 1) % corpus.length] ?? '';

  /**
   * Photo `i` as a file of its own: the corpus JPEG with a comment segment
   * naming `i` after its start marker. The pixels are the same but the bytes
   * differ, so a repeated photo is encoded like a new one, as it would be.
   */
  function copyPhoto(i: number, to: string) {
    const jpeg = fs.readFileSync(source(i));
    const text = Buffer.from(`benchmark photo ${i}`);
    const comment = Buffer.alloc(4);
    comment.writeUInt16BE(0xfffe, 0);
    comment.writeUInt16BE(text.length + 2, 2);
    fs.writeFileSync(to, Buffer.concat([jpeg.subarray(0, 2), comment, text, jpeg.subarray(2)]));
  }

  /** A project whose `npm run build` runs `build`; its image cache is `.cache/` (build-once.ts sets KFS_CACHE_DIR), never the repository's. */
  function baseProject(dir: string, build: string) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true, type: 'module', scripts: { build } }));
  }

  const galleryDir = (dir: string) => path.join(dir, 'content', 'galleries', 'bench');
  const photoFile = (dir: string, i: number) => path.join(galleryDir(dir), 'photos', `p${pad(i)}.jpg`);

  function writeGalleryIndex(dir: string, n: number) {
    const ids = Array.from({ length: n }, (_, i) => `  - p${pad(i + 1)}`).join('\n');
    fs.writeFileSync(
      path.join(galleryDir(dir), 'index.mdx'),
      `---\ntitle: Benchmark gallery\nphotographer: The benchmark corpus\ndescription: A throwaway gallery for measuring the build.\nphotos:\n${ids}\n---\n\nNot published.\n`,
    );
  }

  function addPhoto(dir: string, i: number, caption = `Caption of benchmark photograph ${i}.`) {
    const id = `p${pad(i)}`;
    copyPhoto(i, photoFile(dir, i));
    fs.writeFileSync(
      path.join(galleryDir(dir), 'photos', `${id}.mdx`),
      `---\nimage: ./${id}.jpg\nalt: "Benchmark photograph ${i}, a copy of ${path.basename(source(i))}."\n---\n\n${caption}\n`,
    );
  }

  /** The site itself (its src/, public/ and config, copied), with a benchmark gallery as its only content. */
  function siteProject(dir: string, n: number) {
    baseProject(dir, 'node scripts/build.ts');
    for (const entry of ['src', 'scripts', 'public', 'astro.config.ts', 'tsconfig.json'])
      fs.cpSync(path.join(repo, entry), path.join(dir, entry), {
        recursive: true,
      });
    fs.mkdirSync(path.join(galleryDir(dir), 'photos'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'content', 'essays'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'content', 'essays', 'bench.mdx'),
      '---\ntitle: Benchmark essay\ndescription: A throwaway article for measuring the build.\n---\n\nNot published.\n',
    );
    for (let i = 1; i <= n; i++) addPhoto(dir, i);
    writeGalleryIndex(dir, n);
  }

  /** What a user would otherwise write: Astro's <Picture> at its defaults, same formats and widths, and a 1200x630 card of each photo. */
  function referenceProject(dir: string, n: number) {
    baseProject(dir, 'astro build');
    fs.mkdirSync(path.join(dir, 'src', 'pages'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'src', 'photos'), { recursive: true });
    for (let i = 1; i <= n; i++) copyPhoto(i, path.join(dir, 'src', 'photos', `p${pad(i)}.jpg`));
    fs.writeFileSync(path.join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ cacheDir: process.env.KFS_CACHE_DIR });\n");
    fs.writeFileSync(
      path.join(dir, 'src', 'pages', 'index.astro'),
      `---
import { getImage, Picture } from 'astro:assets';
const photos = Object.values(import.meta.glob('../photos/*.jpg', { eager: true, import: 'default' }));
const cards = await Promise.all(photos.map((src) => getImage({ src, width: ${CARD.width}, height: ${CARD.height}, fit: 'cover', format: 'jpg' })));
---
<html lang="en"><head><title>Reference</title>{cards.map((card) => <link rel="preload" as="image" href={card.src} />)}</head><body>
{photos.map((src) => <Picture src={src} formats={['avif', 'webp']} fallbackFormat="jpg" widths={${JSON.stringify(WIDTHS)}} sizes="100vw" alt="" />)}
</body></html>
`,
    );
  }

  return {
    source,
    galleryDir,
    photoFile,
    writeGalleryIndex,
    addPhoto,
    siteProject,
    referenceProject,
  };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { photos: { type: 'string', default: '../shared/photo-corpus' } },
  });
  const [dir, n] = positionals;
  if (!dir || !n) throw new Error('usage: node scripts/bench/projects.ts DIR N [--photos DIR]');
  projects(corpusOf(values.photos ?? '')).siteProject(path.resolve(dir), Number(n));
}
