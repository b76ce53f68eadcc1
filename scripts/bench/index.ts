/**
 *   npm run bench [-- --photos DIR] [--scale 10,200,500,1000] [--no-reference] [--no-audit] [--no-write] [--section NAME] [--keep]
 *
 * Measures every goal of the image pipeline in one run and prints each
 * figure against its target (docs/performance.md, which it rewrites):
 *
 * 1. on the photos of DIR (default ../shared/photo-corpus), in throwaway
 *    copies of the site (its src/, config and settings, with a gallery of
 *    those photos as its only content): a cold build, rebuilds with nothing
 *    changed, a caption edited and a photo added; the limit (every
 *    variant's single-thread encode time, each original decoded once,
 *    divided by the cores); and the reference, a plain Astro `<Picture>` of
 *    the same photos at Astro's defaults, same formats and widths, plus the
 *    same link-preview card;
 * 2. quality: SSIM (quality.ts) of every variant both builds made, against
 *    the original resized to its size, per format and width, on the half of
 *    the photos the settings were chosen on (A) and the other (B);
 * 3. the same cold build at each count of `--scale` (the photos repeated,
 *    each copy made unique): peak memory and how busy the cores were;
 * 4. Lighthouse on every page (`npm run audit`).
 *
 * `--section` names the section of docs/performance.md written (default
 * `bench`), so that a long run (`--scale 2000`) can be recorded beside it.
 * Nothing is asserted: these are measurements, not tests.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { decodeOriginal, encodeVariant } from '../../src/lib/encode.ts';
import { readImageFacts } from '../../src/lib/image-file.ts';
import { CARD, FORMATS, WIDTHS, variantSizes, type Format, type Role } from '../../src/lib/image-settings.ts';
import { variantsOf } from '../../src/lib/variants.ts';
import { writeSection } from './doc-section.ts';
import { corpusOf, projects } from './projects.ts';
import { halves, spread, type Scored } from './quality.ts';
import { inWorkers } from './workers.ts';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '../shared/photo-corpus' },
    scale: { type: 'string', default: '10,200,500,1000' },
    'no-reference': { type: 'boolean' },
    'no-audit': { type: 'boolean' },
    'no-write': { type: 'boolean' },
    section: { type: 'string', default: 'bench' },
    keep: { type: 'boolean' },
  },
});
const repo = process.cwd();
const photosDir = path.resolve(values.photos ?? '');
const corpus = corpusOf(photosDir);
const { source, photoFile, writeGalleryIndex, addPhoto, siteProject, referenceProject } = projects(corpus);
const scales = (values.scale ?? '').split(',').filter(Boolean).map(Number);
const cores = os.availableParallelism();
const work = path.join(repo, '.bench');
const log = (s: string) => process.stderr.write(s);

// ---------------------------------------------------------------- measuring

interface BuildFigures {
  ms: number;
  cores: number;
  /** The encoder's lifetime: its cores, the summed peak of every process meanwhile, and its own peak. */
  imagePhase?: { ms: number; cores: number; rssMB: number; encoderMB: number };
  /** Summed peak before the image phase: npm, the CLI, the content check, Astro. */
  rssBeforeImagesMB?: number;
  /** The peak of the resident memory of every process of the build added up at each moment. */
  maxRssMB: number;
  /** Per kind of process: its own peak, lifetime and cores. */
  byRole: Record<string, { peakMB: number; ms: number; cores: number }>;
  encoded: number;
  encodedNames: string[];
  published: number;
}

function buildOnce(dir: string, label: string): BuildFigures {
  log(`[bench] ${label}… `);
  const run = spawnSync(process.execPath, [path.join(repo, 'scripts', 'bench', 'build-once.ts'), dir], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    console.error(run.stdout.slice(-4000), run.stderr.slice(-4000));
    throw new Error(`the ${label} build failed`);
  }
  const figures = JSON.parse(last) as BuildFigures;
  log(`${(figures.ms / 1000).toFixed(1)} s, ${figures.encoded} encoded, ${figures.maxRssMB.toFixed(0)} MiB\n`);
  return figures;
}

/** A published image of a build: which photo, format, width (−1 for the card) and size. */
interface Published {
  file: string;
  photo: number;
  format: Format;
  width: number;
  height: number;
  bytes: number;
}

async function publishedImages(dir: string): Promise<Published[]> {
  const assets = path.join(dir, 'dist', '_astro');
  const out: Published[] = [];
  for (const name of fs.readdirSync(assets).filter((f) => /^p\d{4}.*\.(avif|webp|jpg)$/.test(f))) {
    const file = path.join(assets, name);
    const { width = 0, height = 0 } = await sharp(file).metadata();
    const card = width === CARD.width && height === CARD.height;
    out.push({ file, photo: Number(name.slice(1, 5)), format: path.extname(name).slice(1) as Format, width: card ? -1 : width, height, bytes: fs.statSync(file).size });
  }
  return out;
}

/**
 * The limit: every variant the site publishes, encoded by sharp alone on
 * one thread at the site's settings, each original decoded once; the sum
 * of those times divided by the cores is the least any build could take.
 */
async function limit(photos: string[]): Promise<{ ms: number; variants: number }> {
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  let total = 0;
  let variants = 0;
  for (const file of photos) {
    const facts = await readImageFacts(file);
    // The site's own decode and encode (encode.ts), timed one by one on one thread.
    let t = performance.now();
    const decoded = await decodeOriginal(file);
    total += performance.now() - t;
    for (const v of variantsOf({ file, hash: facts.hash, width: facts.width, height: facts.height, origin: file })) {
      t = performance.now();
      await encodeVariant(decoded, v);
      total += performance.now() - t;
      variants++;
    }
    log('.');
  }
  log('\n');
  sharp.concurrency(threads);
  return { ms: total / cores, variants };
}

/** SSIM of each image against its photo resized to its size; one photo per core, in workers (quality.ts). */
async function score(images: (Published & { build: string })[]): Promise<(Scored & { build: string; photo: number })[]> {
  const byPhoto = Map.groupBy(images, (i) => i.photo);
  const groups = [...byPhoto];
  const scored = await inWorkers<Scored[]>(
    new URL('./quality.ts', import.meta.url),
    groups.map(([photo, list]) => ({ task: 'score', original: source(photo), images: list.map((i) => i.file) })),
    () => log('.'),
  );
  const results = groups.flatMap(([photo, list], g) => (scored[g] ?? []).map((s, k) => ({ ...s, build: list[k]?.build ?? '', photo })));
  log('\n');
  return results;
}

// ---------------------------------------------------------------- run

console.error(`[bench] ${corpus.length} photos of ${photosDir}, scale ${scales.join(', ') || 'none'}, ${cores} cores, Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`);
const site = path.join(work, 'site');
siteProject(site, corpus.length);
const cold = buildOnce(site, `cold build, ${corpus.length} photos`);
const siteImages = await publishedImages(site);
const warm = buildOnce(site, 'rebuild, nothing changed');
addPhoto(site, 1, 'An edited caption of benchmark photograph 1.');
const caption = buildOnce(site, 'rebuild after editing one caption');
const added = corpus.length + 1;
addPhoto(site, added);
writeGalleryIndex(site, added);
const addedRun = buildOnce(site, 'rebuild after adding one photo');
const addedFacts = await readImageFacts(photoFile(site, added));
const addedPlan = variantsOf({ file: photoFile(site, added), hash: addedFacts.hash, width: addedFacts.width, height: addedFacts.height, origin: '' }).map((v) => v.name).sort();
const addedExactly = JSON.stringify([...addedRun.encodedNames].sort()) === JSON.stringify(addedPlan);

log('[bench] limit: each variant on one thread, each original decoded once ');
const bound = await limit(corpus);

let reference: { build: BuildFigures; images: Published[] } | undefined;
if (!values['no-reference']) {
  const dir = path.join(work, 'reference');
  referenceProject(dir, corpus.length);
  reference = { build: buildOnce(dir, "reference: plain <Picture> at Astro's defaults, and a card"), images: [] };
  reference.images = await publishedImages(dir);
}

log('[bench] quality (SSIM of every variant) ');
const scored = await score([...siteImages.map((i) => ({ ...i, build: 'site' })), ...(reference?.images ?? []).map((i) => ({ ...i, build: 'reference' }))]);

/**
 * A scale of at most this many photos builds in seconds, and its image phase is short enough that the cores busy in
 * it vary from build to build by more than the distance to the goal (docs/performance.md, cores): it is built this
 * many times, each cold, and the build with the median cores in the image phase is reported, with their range.
 */
const SMALL_SCALE = { photos: 50, builds: 3 };
const phaseCores = (f: BuildFigures) => (typeof f.imagePhase?.cores === 'number' ? f.imagePhase.cores : NaN);
const scaleRuns: { n: number; figures: BuildFigures; coresRange?: [number, number] }[] = [];
for (const n of scales) {
  const dir = path.join(work, `scale-${n}`);
  const builds = n <= SMALL_SCALE.photos ? SMALL_SCALE.builds : 1;
  const runs = Array.from({ length: builds }, (_, k) => {
    siteProject(dir, n);
    return buildOnce(dir, `cold build, ${n} photos${builds > 1 ? ` (${k + 1} of ${builds})` : ''}`);
  }).sort((a, b) => phaseCores(a) - phaseCores(b));
  const median = runs[Math.floor(runs.length / 2)]!;
  scaleRuns.push({ n, figures: median, ...(builds > 1 && { coresRange: [phaseCores(runs[0]!), phaseCores(runs.at(-1)!)] }) });
  fs.rmSync(dir, { recursive: true, force: true });
}

let audit: { report: string; pages: number; perfect: number; worst: string } | undefined;
if (!values['no-audit']) {
  log('[bench] Lighthouse on every page (npm run audit)…\n');
  const run = spawnSync(process.execPath, [path.join(repo, 'scripts', 'audit.ts'), '--json', '--no-write'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error('npm run audit failed');
  audit = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
}

// ---------------------------------------------------------------- report

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MiB`;
const x = (a: number, b: number) => `${(a / b).toFixed(2)} x`;
const lines: string[] = [];
const out = (line = '') => lines.push(line);
const { a: halfA } = halves(corpus.map((_, i) => i + 1));
const halfOf = (photo: number) => (halfA.includes(((photo - 1) % corpus.length) + 1) ? 'A' : 'B');

const args = process.argv.slice(2).join(' ');
out(`Written by \`npm run bench${args ? ` -- ${args}` : ''}\` (photos: ${values.photos}, scale: ${scales.join(', ')}) on ${new Date().toISOString().slice(0, 10)}: ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}.`);
out();

// Quality: the site's image of a photo against the reference's image of the same photo, format and width (pairs
// only: a width one build makes of a photo and the other does not is not compared), per format and width, by half.
interface Row { format: Format; width: number; half: string; site: number[]; reference: number[] }
const referenceScore = new Map(scored.filter((r) => r.build === 'reference').map((r) => [`${r.photo} ${r.format} ${r.width}`, r.ssim]));
const rows = new Map<string, Row>();
for (const r of scored.filter((r) => r.build === 'site')) {
  const theirs = referenceScore.get(`${r.photo} ${r.format} ${r.width}`);
  if (theirs === undefined) continue;
  const half = halfOf(r.photo);
  const key = `${r.format} ${r.width} ${half}`;
  const row = rows.get(key) ?? { format: r.format as Format, width: r.width, half, site: [], reference: [] };
  row.site.push(r.ssim);
  row.reference.push(theirs);
  rows.set(key, row);
}
const compared = [...rows.values()].sort((a, b) => a.half.localeCompare(b.half) || FORMATS.indexOf(a.format) - FORMATS.indexOf(b.format) || a.width - b.width);
const difference = (rs: Row[]) => {
  const d = rs.flatMap((r) => r.site.map((v, i) => v - (r.reference[i] ?? v)));
  return d.length > 0 ? spread(d) : undefined;
};
const bytesOf = (images: Published[], format?: Format) => images.filter((i) => !format || i.format === format).reduce((a, i) => a + i.bytes, 0);
const siteVariantsPerPhoto = cold.published / corpus.length;

const largest = scaleRuns.at(-1);
const growthRuns = scaleRuns.filter((r) => r.n >= 200);
const growth = growthRuns.length >= 2 ? ((growthRuns.at(-1)?.figures.maxRssMB ?? 0) - (growthRuns[0]?.figures.maxRssMB ?? 0)) / ((growthRuns.at(-1)?.n ?? 0) - (growthRuns[0]?.n ?? 0)) : NaN;
const peak = Math.max(...scaleRuns.map((r) => r.figures.maxRssMB), cold.maxRssMB);
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');

out('### Goals');
out();
out('| goal | target | measured | met |');
out('| --- | --- | --- | --- |');
if (reference) out(`| 1. cold build against plain \`<Picture>\` at Astro's defaults (${corpus.length} photos) | at most 0.25 x | ${s(cold.ms)} against ${s(reference.build.ms)}: **${x(cold.ms, reference.build.ms)}** | ${yes(cold.ms <= 0.25 * reference.build.ms)} |`);
const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;
for (const half of ['A', 'B']) {
  for (const format of FORMATS) {
    const d = difference(compared.filter((r) => r.half === half && r.format === format));
    if (!d) continue;
    out(
      `| 2. quality, ${format}, half ${half}${half === 'A' ? ' (settings chosen here)' : ' (confirmed here)'}: SSIM minus the reference's, same photo and width, every width | at least 0 on average | ${signed(d.mean)} (lowest ${signed(d.min)}, sd ${d.sd.toFixed(4)}) | ${yes(d.mean >= 0)} |`,
    );
  }
}
if (reference) out(`| 2. total bytes against the reference | at most 1 x | ${mib(bytesOf(siteImages))} against ${mib(bytesOf(reference.images))}: ${x(bytesOf(siteImages), bytesOf(reference.images))} | ${yes(bytesOf(siteImages) <= bytesOf(reference.images))} |`);
const phaseGrowth =
  growthRuns.length >= 2 ? ((growthRuns.at(-1)?.figures.imagePhase?.encoderMB ?? NaN) - (growthRuns[0]?.figures.imagePhase?.encoderMB ?? NaN)) / ((growthRuns.at(-1)?.n ?? 0) - (growthRuns[0]?.n ?? 0)) : NaN;
if (largest) out(`| 3. peak memory, ${largest.n} photos, every process of \`npm run build\` added up | under 1.5 GB (1,431 MiB) | ${largest.figures.maxRssMB.toFixed(0)} MiB | ${yes(largest.figures.maxRssMB * 1024 * 1024 < 1.5e9)} |`);
if (growthRuns.length >= 2) out(`| 3. image phase (the encoder's own peak), growth per photo, ${growthRuns[0]?.n} to ${growthRuns.at(-1)?.n} photos | under 0.05 MiB | ${phaseGrowth.toFixed(3)} MiB | ${yes(phaseGrowth < 0.05)} |`);
if (growthRuns.length >= 2) out(`| 3. whole build, summed peak, growth per photo, ${growthRuns[0]?.n} to ${growthRuns.at(-1)?.n} photos | (reported) | ${growth.toFixed(3)} MiB | |`);
for (const r of scaleRuns) {
  const range = r.coresRange ? ` (median of ${SMALL_SCALE.builds} builds, ${r.coresRange.map((c) => c.toFixed(3)).join(' to ')})` : '';
  out(`| 4. cores busy in the image phase, ${r.n} photos${range} | at least 1.9 of ${cores} | ${phaseCores(r.figures).toFixed(2)} | ${yes(phaseCores(r.figures) >= 1.9)} |`);
}
if (reference) out(`| 5. variants encoded per photo: only what some browser fetches | fewer than the reference's | ${siteVariantsPerPhoto.toFixed(1)} against ${(reference.build.published / corpus.length).toFixed(1)} | ${yes(siteVariantsPerPhoto < reference.build.published / corpus.length)} |`);
out(`| 6. cold build against the limit | (reported) | ${s(cold.ms)} against ${s(bound.ms)}: **${x(cold.ms, bound.ms)}**; image phase alone ${s(cold.imagePhase?.ms ?? NaN)}: ${x(cold.imagePhase?.ms ?? NaN, bound.ms)} | |`);
if (audit) out(`| 7. Lighthouse mobile, all four categories | 100 on every page | 100 in all four on ${audit.perfect} of ${audit.pages} pages${audit.perfect < audit.pages ? `; lowest: ${audit.worst}` : ''} | ${yes(audit.perfect === audit.pages)} |`);
out(`| rebuild, nothing changed / a caption edited | 0 variants encoded | ${warm.encoded} in ${s(warm.ms)} / ${caption.encoded} in ${s(caption.ms)} | ${yes(warm.encoded === 0 && caption.encoded === 0)} |`);
out(`| rebuild after adding one photo | exactly that photo's variants | ${addedRun.encoded} encoded, ${addedExactly ? 'the same names as its plan' : 'not the names of its plan'} (${addedPlan.length}) | ${yes(addedExactly)} |`);
out(`| peak memory of any build measured | (reported) | ${peak.toFixed(0)} MiB | |`);
out();

out('### Builds');
out();
out('| build | time | variants encoded | cores busy, whole build | cores busy, image phase | peak RSS (before the image phase) |');
out('| --- | ---: | ---: | ---: | ---: | ---: |');
const rss = (f: BuildFigures) => `${f.maxRssMB.toFixed(0)} MiB${f.rssBeforeImagesMB ? ` (${f.rssBeforeImagesMB.toFixed(0)})` : ''}`;
const busy = (f: BuildFigures) => `${f.cores.toFixed(2)} | ${f.imagePhase && Number.isFinite(f.imagePhase.cores) ? `${f.imagePhase.cores.toFixed(2)} (${s(f.imagePhase.ms)})` : '–'}`;
out(`| cold, ${corpus.length} photos | ${s(cold.ms)} | ${cold.encoded} of ${cold.published} | ${busy(cold)} | ${rss(cold)} |`);
out(`| rebuild, nothing changed | ${s(warm.ms)} | ${warm.encoded} | ${busy(warm)} | ${rss(warm)} |`);
out(`| rebuild after editing one caption | ${s(caption.ms)} | ${caption.encoded} | ${busy(caption)} | ${rss(caption)} |`);
out(`| rebuild after adding one photo | ${s(addedRun.ms)} | ${addedRun.encoded} | ${busy(addedRun)} | ${rss(addedRun)} |`);
out(`| limit: ${bound.variants} variants on one thread each, originals decoded once, ÷ ${cores} | ${s(bound.ms)} | ${bound.variants} | | | |`);
if (reference) out(`| reference: plain \`<Picture>\` at Astro's defaults, and a card | ${s(reference.build.ms)} | ${reference.build.published} | ${busy(reference.build)} | ${rss(reference.build)} |`);
for (const { n, figures } of scaleRuns) out(`| cold, ${n} photos${n > corpus.length ? ' (repeated)' : ''} | ${s(figures.ms)} (${s(figures.ms / n)} a photo) | ${figures.encoded} | ${busy(figures)} | ${rss(figures)} |`);
out();
out('Each process of `npm run build` on its own (peak resident memory, lifetime, cores busy); they run one after the other, so only npm, the shell and the build CLI add to the step that runs:');
out();
const ROLES = ['npm', 'shell', 'build CLI', 'content check', 'Astro', 'encoder', 'other'];
out(`| build | ${ROLES.join(' | ')} |`);
out(`| --- | ${ROLES.map(() => '---:').join(' | ')} |`);
const perRole = (f: BuildFigures) => ROLES.map((r) => (f.byRole[r] ? `${f.byRole[r].peakMB} MiB, ${s(f.byRole[r].ms)}, ${f.byRole[r].cores.toFixed(2)}` : '–')).join(' | ');
out(`| cold, ${corpus.length} photos | ${perRole(cold)} |`);
for (const { n, figures } of scaleRuns) out(`| cold, ${n} photos | ${perRole(figures)} |`);
const astroGrowth = growthRuns.length >= 2 ? ((growthRuns.at(-1)?.figures.byRole['Astro']?.peakMB ?? NaN) - (growthRuns[0]?.figures.byRole['Astro']?.peakMB ?? NaN)) / ((growthRuns.at(-1)?.n ?? 0) - (growthRuns[0]?.n ?? 0)) : NaN;
if (growthRuns.length >= 2) out(`\nAstro's process grows ${astroGrowth.toFixed(3)} MiB a photo between ${growthRuns[0]?.n} and ${growthRuns.at(-1)?.n} photos (each photo is a page of its own).`);
out();

out('### Bytes and quality');
out();
out(`SSIM by ssim.js (Gaussian 11x11 windows at full resolution) of each published image against its photo, decoded whole and resized to the same size; mean over the photos of the half that both builds made at that width, with the lowest and the standard deviation. Half A is ${halfA.map((i) => path.basename(source(i))).join(', ')}: the settings were chosen on it (\`node scripts/bench/settings.ts\`). Half B is the others.`);
out();
out('| half | format | width | photos | this site: mean (lowest, sd) | reference: mean (lowest, sd) | difference of the means |');
out('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
const fmt = (v: number[]) => {
  const { mean, min, sd } = spread(v);
  return `${mean.toFixed(4)} (${min.toFixed(4)}, ${sd.toFixed(4)})`;
};
for (const r of compared) {
  const d = spread(r.site).mean - spread(r.reference).mean;
  out(`| ${r.half} | ${r.format} | ${r.width < 0 ? `card ${CARD.width}x${CARD.height}` : r.width} | ${r.site.length} | ${fmt(r.site)} | ${fmt(r.reference)} | ${d >= 0 ? '+' : ''}${d.toFixed(4)} |`);
}
out();
out('| bytes | ' + FORMATS.join(' | ') + ' | total |');
out('| --- | ' + FORMATS.map(() => '---:').join(' | ') + ' | ---: |');
out(`| this site | ${FORMATS.map((f) => mib(bytesOf(siteImages, f))).join(' | ')} | ${mib(bytesOf(siteImages))} |`);
if (reference) out(`| reference | ${FORMATS.map((f) => mib(bytesOf(reference.images, f))).join(' | ')} | ${mib(bytesOf(reference.images))} |`);
out();

out('### What is encoded');
out();
const roles: Record<Role, string> = {
  ladder:
    'AVIF: browsers with AVIF, from `<source type="image/avif">`, and their lightbox. WebP: browsers with WebP but not AVIF, from `<source type="image/webp">`; the lightbox before any photo of the page has loaded (`data-pswp-srcset`)',
  fallback: '`<img src>`: browsers with neither AVIF nor WebP; feed readers (the feed)',
  largest: 'search engines (JSON-LD `contentUrl`, sitemap); the lightbox\'s `src` in a browser without `srcset`',
  card: 'link previews (`og:image`, `twitter:image`)',
};
const example = variantSizes(6000, 4000);
out('Per photo at least 2,400 px wide (`variantSizes` in `src/lib/image-settings.ts`); the reference makes every format at every width, and a card:');
out();
out('| variant | count | fetched by |');
out('| --- | ---: | --- |');
for (const role of Object.keys(roles) as Role[]) {
  const of = example.filter((v) => v.role === role);
  const what = role === 'ladder' ? `AVIF and WebP at ${WIDTHS.join(', ')} px` : role === 'card' ? `JPEG ${CARD.width}x${CARD.height}` : `JPEG ${of[0]?.width} px`;
  out(`| ${what} | ${of.length} | ${roles[role]} |`);
}
out(`| **total** | **${example.length}** | reference: ${FORMATS.length * WIDTHS.length + 1} |`);

const report = lines.join('\n');
console.log(`\n${report}\n`);
if (!values['no-write']) {
  writeSection(values.section ?? 'bench', report, 'Benchmark');
  if (audit) writeSection('audit', audit.report, 'Lighthouse');
}
if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
