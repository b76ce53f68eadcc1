/**
 *   npm run bench -- --photos DIR [--count N] [--reference | --no-reference]
 *                    [--floor | --no-floor] [--no-write] [--keep]
 *
 * Builds a throwaway copy of the site whose one gallery holds the photos of
 * DIR (repeated to reach N), with exactly the site's code and image
 * settings, and measures: a cold build, a rebuild with nothing changed, one
 * after editing a caption and one after adding a photo (time, variants
 * encoded, peak RSS); bytes per format and width; the floor (the same
 * variants encoded by sharp alone on every core); and the reference a user
 * would otherwise pick: a plain Astro <Picture> of the same photos at
 * Astro's defaults, same formats and widths. Floor and reference run by
 * default only when N is at most the folder's photo count: they take as
 * long as the build again. Prints the figures and writes them into
 * docs/performance.md (one section per N).
 * Nothing is asserted: these are measurements, not tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { CARD, ENCODERS, FORMATS, ladderFor, WIDTHS, type Format } from '../../src/lib/image-settings.ts';
import { writeSection } from './doc-section.ts';
import { luma, pixels, ssim } from './ssim.ts';

const { values } = parseArgs({
  options: {
    photos: { type: 'string' },
    count: { type: 'string' },
    reference: { type: 'boolean' },
    'no-reference': { type: 'boolean' },
    floor: { type: 'boolean' },
    'no-floor': { type: 'boolean' },
    'no-write': { type: 'boolean' },
    keep: { type: 'boolean' },
  },
});
if (!values.photos) {
  console.error('usage: npm run bench -- --photos DIR [--count N] [--reference | --no-reference] [--floor | --no-floor] [--no-write] [--keep]');
  process.exit(2);
}
const repo = process.cwd();
const corpus = fs
  .readdirSync(values.photos)
  .filter((f) => /\.jpe?g$/i.test(f))
  .sort()
  .map((f) => path.resolve(values.photos ?? '', f));
if (corpus.length === 0) throw new Error(`no JPEG files in ${values.photos}`);
const count = Number(values.count ?? corpus.length);
// The reference takes minutes per dozen photos: by default only for the plain corpus.
const withReference = values.reference ?? (!values['no-reference'] && count <= corpus.length);
// So does the floor (it encodes everything once more): scaling runs measure the build alone.
const withFloor = values.floor ?? (!values['no-floor'] && count <= corpus.length);
const cores = os.availableParallelism();
const work = path.join(repo, '.bench');
const pad = (i: number) => String(i).padStart(4, '0');
const source = (i: number) => corpus[(i - 1) % corpus.length] ?? '';

/**
 * Photo `i` as a file of its own: the corpus JPEG with a comment segment
 * naming `i` after its start marker. The pixels are the same, but the bytes
 * differ, so repeated photos are not deduplicated by content hash (Vite
 * emits byte-identical assets once) and each is encoded, as a real one would be.
 */
function copyPhoto(i: number, to: string) {
  const jpeg = fs.readFileSync(source(i));
  const text = Buffer.from(`benchmark photo ${i}`);
  const comment = Buffer.alloc(4);
  comment.writeUInt16BE(0xfffe, 0);
  comment.writeUInt16BE(text.length + 2, 2);
  fs.writeFileSync(to, Buffer.concat([jpeg.subarray(0, 2), comment, text, jpeg.subarray(2)]));
}

// ---------------------------------------------------------------- projects

function baseProject(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true, type: 'module' }));
}

const galleryDir = (dir: string) => path.join(dir, 'content', 'galleries', 'bench');

function writeGalleryIndex(dir: string, n: number) {
  const ids = Array.from({ length: n }, (_, i) => `  - p${pad(i + 1)}`).join('\n');
  fs.writeFileSync(
    path.join(galleryDir(dir), 'index.mdx'),
    `---\ntitle: Benchmark gallery\nphotographer: The benchmark corpus\ndescription: A throwaway gallery for measuring the build.\nphotos:\n${ids}\n---\n\nNot published.\n`,
  );
}

function addPhoto(dir: string, i: number, caption = `Caption of benchmark photograph ${i}.`) {
  const id = `p${pad(i)}`;
  copyPhoto(i, path.join(galleryDir(dir), 'photos', `${id}.jpg`));
  fs.writeFileSync(
    path.join(galleryDir(dir), 'photos', `${id}.mdx`),
    `---\nimage: ./${id}.jpg\nalt: "Benchmark photograph ${i}, a copy of ${path.basename(source(i))}."\n---\n\n${caption}\n`,
  );
}

/** The site itself (its src/, public/ and config, copied), with a benchmark gallery as its only content. */
function siteProject(dir: string, n: number) {
  baseProject(dir);
  for (const entry of ['src', 'public', 'astro.config.ts', 'tsconfig.json']) {
    fs.cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true });
  }
  fs.mkdirSync(path.join(galleryDir(dir), 'photos'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'content', 'essays'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'content', 'essays', 'bench.mdx'),
    '---\ntitle: Benchmark essay\ndescription: A throwaway article for measuring the build.\n---\n\nNot published.\n',
  );
  for (let i = 1; i <= n; i++) addPhoto(dir, i);
  writeGalleryIndex(dir, n);
}

/** What a user would otherwise write: Astro's <Picture>, default service and quality, same formats and widths. */
function referenceProject(dir: string, n: number) {
  baseProject(dir);
  fs.mkdirSync(path.join(dir, 'src', 'pages'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'src', 'photos'), { recursive: true });
  for (let i = 1; i <= n; i++) copyPhoto(i, path.join(dir, 'src', 'photos', `p${pad(i)}.jpg`));
  fs.writeFileSync(path.join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n");
  fs.writeFileSync(
    path.join(dir, 'src', 'pages', 'index.astro'),
    `---
import { Picture } from 'astro:assets';
const photos = Object.values(import.meta.glob('../photos/*.jpg', { eager: true, import: 'default' }));
---
<html lang="en"><head><title>Reference</title></head><body>
{photos.map((src) => <Picture src={src} formats={['avif', 'webp']} fallbackFormat="jpg" widths={${JSON.stringify(WIDTHS)}} sizes="100vw" alt="" />)}
</body></html>
`,
  );
}

// ---------------------------------------------------------------- measuring

interface BuildFigures {
  ms: number;
  cores: number;
  maxRssMB: number;
  encoded: number;
  published: number;
}

function buildOnce(dir: string, label: string): BuildFigures {
  process.stderr.write(`[bench] ${label}… `);
  const run = spawnSync(process.execPath, [path.join(repo, 'scripts', 'bench', 'build-once.ts'), dir], {
    encoding: 'utf8',
    // As `npm run build` runs Astro (scripts/build.ts).
    env: { MALLOC_ARENA_MAX: '2', ...process.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    console.error(run.stdout.slice(-4000), run.stderr.slice(-4000));
    throw new Error(`the ${label} build failed`);
  }
  const figures = JSON.parse(last) as BuildFigures;
  process.stderr.write(`${(figures.ms / 1000).toFixed(1)} s, ${figures.encoded} encoded\n`);
  return figures;
}

interface Bytes {
  total: number;
  byFormat: Map<string, number>;
  byWidth: Map<number, number>;
  files: { file: string; format: string; width: number }[];
}

async function bytesOf(dir: string): Promise<Bytes> {
  const assets = path.join(dir, 'dist', '_astro');
  const bytes: Bytes = { total: 0, byFormat: new Map(), byWidth: new Map(), files: [] };
  for (const name of fs.readdirSync(assets).filter((f) => /\.(avif|webp|jpe?g)$/.test(f))) {
    const file = path.join(assets, name);
    const size = fs.statSync(file).size;
    const { width = 0, height = 0 } = await sharp(file).metadata();
    const format = path.extname(name).slice(1).replace('jpeg', 'jpg');
    // Link-preview cards are their own row: they are not part of the width ladder.
    const key = width === CARD.width && height === CARD.height ? -1 : width;
    bytes.total += size;
    bytes.byFormat.set(format, (bytes.byFormat.get(format) ?? 0) + size);
    bytes.byWidth.set(key, (bytes.byWidth.get(key) ?? 0) + size);
    bytes.files.push({ file, format, width: key });
  }
  return bytes;
}

/** The site's variants encoded by sharp alone: a pool of one task per core, no framework. */
async function floor(photos: string[]): Promise<{ ms: number; variants: number }> {
  sharp.concurrency(1);
  const jobs: (() => Promise<unknown>)[] = [];
  for (const file of photos) {
    const { width = 0 } = await sharp(file).rotate().metadata();
    for (const format of FORMATS) {
      const encoder = ENCODERS[format];
      for (const w of ladderFor(width)) jobs.push(() => sharp(file).rotate().resize({ width: w }).toFormat(format === 'jpg' ? 'jpeg' : format, encoder).toBuffer());
    }
    jobs.push(() => sharp(file).rotate().resize({ width: CARD.width, height: CARD.height, fit: 'cover' }).jpeg(ENCODERS.jpg).toBuffer());
  }
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: cores }, async () => {
      while (next < jobs.length) await jobs[next++]?.();
    }),
  );
  return { ms: performance.now() - start, variants: jobs.length };
}

/** Mean SSIM per format of one build's variants at one width, against the original resized to it. */
async function quality(bytes: Bytes, width: number): Promise<Map<string, number>> {
  const sums = new Map<string, { total: number; n: number }>();
  const references = new Map<string, Awaited<ReturnType<typeof luma>>>();
  for (const { file, format } of bytes.files.filter((f) => f.width === width)) {
    const photo = path.basename(file).slice(0, 5); // p0001…
    const index = Number(photo.slice(1));
    // Resized to the variant's exact size: Astro rounds the height its own way.
    const { width: w = 0, height: h = 0 } = await sharp(file).metadata();
    const key = `${photo} ${w}x${h}`;
    let reference = references.get(key);
    if (!reference) {
      reference = (await pixels(sharp(source(index)).rotate().resize({ width: w, height: h, fit: 'fill' }))).luma;
      references.set(key, reference);
    }
    const s = sums.get(format) ?? { total: 0, n: 0 };
    s.total += ssim(reference, await luma(file));
    s.n++;
    sums.set(format, s);
  }
  return new Map([...sums].map(([f, s]) => [f, s.total / s.n]));
}

// ---------------------------------------------------------------- run

const site = path.join(work, 'site');
const photosUsed = Array.from({ length: count }, (_, i) => source(i + 1));
console.error(`[bench] ${count} photos${withFloor ? ', floor' : ''}${withReference ? ', reference' : ''} from ${values.photos}, ${cores} cores, Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`);
siteProject(site, count);
const cold = buildOnce(site, 'cold build');
const siteBytes = await bytesOf(site);
const warm = buildOnce(site, 'rebuild, nothing changed');
addPhoto(site, 1, 'An edited caption of benchmark photograph 1.');
const caption = buildOnce(site, 'rebuild after editing one caption');
addPhoto(site, count + 1);
writeGalleryIndex(site, count + 1);
const added = buildOnce(site, 'rebuild after adding one photo');
let floorRun: { ms: number; variants: number } | undefined;
if (withFloor) {
  process.stderr.write('[bench] floor (sharp alone)… ');
  floorRun = await floor(photosUsed);
  process.stderr.write(`${(floorRun.ms / 1000).toFixed(1)} s\n`);
}

let reference: { build: BuildFigures; bytes: Bytes; stale: BuildFigures; sameNames: boolean } | undefined;
if (withReference) {
  const dir = path.join(work, 'reference');
  referenceProject(dir, count);
  const build = buildOnce(dir, "reference: plain <Picture> at Astro's defaults");
  const bytes = await bytesOf(dir);
  // Astro's own cache and `image.service.config`: lower every quality and build again.
  const names = () => fs.readdirSync(path.join(dir, 'dist', '_astro')).sort().join('\n');
  const before = names();
  fs.writeFileSync(
    path.join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({ image: { service: { entrypoint: 'astro/assets/services/sharp', config: { avif: { quality: 30 }, webp: { quality: 50 }, jpeg: { quality: 50 } } } } });\n",
  );
  const stale = buildOnce(dir, 'reference again, every quality lowered in image.service.config');
  reference = { build, bytes, stale, sameNames: names() === before };
}
const QUALITY_WIDTH = 1080;
const siteQuality = await quality(siteBytes, QUALITY_WIDTH);
const referenceQuality = reference ? await quality(reference.bytes, QUALITY_WIDTH) : undefined;

// ---------------------------------------------------------------- report

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MiB`;
const { width: addedWidth = 0 } = await sharp(source(count + 1)).rotate().metadata();
// Its ladder in each format, and its link-preview card.
const addedVariants = ladderFor(addedWidth).length * FORMATS.length + 1;
const lines: string[] = [];
const out = (line = '') => lines.push(line);

out(`### ${count} photos${count > corpus.length ? ` (the ${corpus.length} of \`${values.photos}\`, repeated)` : ` (\`${values.photos}\`)`}`);
out();
out(`Measured ${new Date().toISOString().slice(0, 10)} on ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}.`);
out();
const busy = (b: BuildFigures) => `${b.cores.toFixed(2)} of ${cores}`;
out('| build | time | variants encoded | cores busy (average) | peak RSS |');
out('| --- | ---: | ---: | ---: | ---: |');
out(`| cold | ${s(cold.ms)} | ${cold.encoded} of ${cold.published} | ${busy(cold)} | ${cold.maxRssMB.toFixed(0)} MiB |`);
out(`| rebuild, nothing changed | ${s(warm.ms)} | ${warm.encoded} | ${busy(warm)} | ${warm.maxRssMB.toFixed(0)} MiB |`);
out(`| rebuild after editing one caption | ${s(caption.ms)} | ${caption.encoded} | ${busy(caption)} | ${caption.maxRssMB.toFixed(0)} MiB |`);
out(`| rebuild after adding one photo | ${s(added.ms)} | ${added.encoded} (that photo's own: ${addedVariants}) | ${busy(added)} | ${added.maxRssMB.toFixed(0)} MiB |`);
if (floorRun) out(`| floor: sharp alone, ${cores} tasks at once | ${s(floorRun.ms)} | ${floorRun.variants} | | |`);
if (reference) {
  out(`| reference: plain \`<Picture>\`, Astro defaults | ${s(reference.build.ms)} | ${reference.build.encoded} | ${busy(reference.build)} | ${reference.build.maxRssMB.toFixed(0)} MiB |`);
}
out();
out(
  [
    `Cold build per photo: ${s(cold.ms / count)}.`,
    floorRun ? `Cold build / floor: **${(cold.ms / floorRun.ms).toFixed(2)} x**.` : '',
    reference ? `Cold build / reference: **${(cold.ms / reference.build.ms).toFixed(2)} x**.` : '',
  ]
    .filter(Boolean)
    .join(' '),
);
if (reference) {
  out();
  out(
    `Astro's own cache, checked: after lowering every quality in the reference's \`image.service.config\`, its rebuild encoded ${reference.stale.encoded} variants ` +
      `and published ${reference.sameNames ? 'the same file names, that is, the old bytes' : 'new file names'}.`,
  );
}
out();
out('| bytes | ' + FORMATS.join(' | ') + ' | total |');
out('| --- | ' + FORMATS.map(() => '---:').join(' | ') + ' | ---: |');
out(`| this site | ${FORMATS.map((f) => mb(siteBytes.byFormat.get(f) ?? 0)).join(' | ')} | ${mb(siteBytes.total)} |`);
if (reference) out(`| reference | ${FORMATS.map((f) => mb(reference.bytes.byFormat.get(f) ?? 0)).join(' | ')} | ${mb(reference.bytes.total)} |`);
out(`| SSIM at ${QUALITY_WIDTH} px, this site | ${FORMATS.map((f) => (siteQuality.get(f) ?? NaN).toFixed(4)).join(' | ')} | |`);
if (referenceQuality) out(`| SSIM at ${QUALITY_WIDTH} px, reference | ${FORMATS.map((f: Format) => (referenceQuality.get(f) ?? NaN).toFixed(4)).join(' | ')} | |`);
out();
out('| width | ' + [...siteBytes.byWidth.keys()].sort((a, b) => a - b).map((w) => (w === -1 ? 'cards 1200x630' : `${w} px`)).join(' | ') + ' |');
out('| --- | ' + [...siteBytes.byWidth.keys()].map(() => '---:').join(' | ') + ' |');
out('| bytes | ' + [...siteBytes.byWidth.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => mb(b)).join(' | ') + ' |');

const report = lines.join('\n');
console.log(`\n${report}\n`);

if (!values['no-write']) writeSection(`bench ${count}`, report, 'Benchmarks');
if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
