/**
 * Chooses encoder settings by measurement, on half A of a folder of photos
 * (quality.ts, `halves`): every candidate at every width of the ladder,
 * against Astro's default for that format (sharp's own defaults, what
 * plain `<Picture>` uses). Encode time is one thread, encoding only (from
 * the resized pixels); quality is SSIM against those pixels.
 *
 * The rule, per format: of the candidates whose mean SSIM is at least the
 * default's plus MARGIN at every width, the fastest. The margin is there
 * so the choice holds on photos it was not made on: `npm run bench`
 * confirms it on half B, in real builds.
 *
 *   node scripts/bench/settings.ts --photos ../shared/photo-corpus [--half a|b] [--only avif|webp|jpg] [--no-write]
 *
 * Prints the table and writes it into docs/performance.md ("Encoder settings").
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { WIDTHS } from '../../src/lib/image-settings.ts';
import { writeSection } from './doc-section.ts';
import { halves, quality, rgba, spread } from './quality.ts';
import { inWorkers } from './workers.ts';

type Format = 'avif' | 'webp' | 'jpg';
interface Candidate {
  format: Format;
  label: string;
  options: Record<string, unknown>;
  /** Astro's default: what the others must match. */
  reference?: true;
}

export const MARGIN = 0.0005;

export const CANDIDATES: Candidate[] = [
  { format: 'avif', label: 'q50 effort 4', options: { quality: 50, effort: 4 }, reference: true },
  { format: 'avif', label: 'q52 effort 3', options: { quality: 52, effort: 3 } },
  { format: 'avif', label: 'q56 effort 2', options: { quality: 56, effort: 2 } },
  { format: 'avif', label: 'q60 effort 1', options: { quality: 60, effort: 1 } },
  { format: 'avif', label: 'q64 effort 1', options: { quality: 64, effort: 1 } },
  { format: 'avif', label: 'q60 effort 0', options: { quality: 60, effort: 0 } },
  { format: 'avif', label: 'q64 effort 0', options: { quality: 64, effort: 0 } },
  { format: 'webp', label: 'q80 effort 4', options: { quality: 80, effort: 4 }, reference: true },
  { format: 'webp', label: 'q82 effort 3', options: { quality: 82, effort: 3 } },
  { format: 'webp', label: 'q84 effort 2', options: { quality: 84, effort: 2 } },
  { format: 'webp', label: 'q86 effort 1', options: { quality: 86, effort: 1 } },
  { format: 'jpg', label: 'q80', options: { quality: 80 }, reference: true },
  { format: 'jpg', label: 'q82', options: { quality: 82 } },
  { format: 'jpg', label: 'q84', options: { quality: 84 } },
  { format: 'jpg', label: 'q82 mozjpeg', options: { quality: 82, mozjpeg: true } },
  { format: 'jpg', label: 'q85 mozjpeg', options: { quality: 85, mozjpeg: true } },
];

/** One candidate on one photo at one width. */
interface Measure {
  candidate: number;
  width: number;
  bytes: number;
  ms: number;
  ssim: number;
}

/** Every candidate at every width of one photo; runs in a worker, one thread. */
async function measurePhoto(file: string, candidates: number[]): Promise<Measure[]> {
  sharp.concurrency(1);
  const { autoOrient, width: stored = 0 } = await sharp(file).metadata();
  const shown = autoOrient?.width ?? stored;
  const out: Measure[] = [];
  for (const width of WIDTHS.filter((w) => w <= shown)) {
    const { data, info } = await sharp(file).rotate().resize({ width }).raw().toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const reference = await rgba(sharp(data, raw));
    for (const c of candidates) {
      const candidate = CANDIDATES[c];
      if (!candidate) continue;
      const start = performance.now();
      const encoded = await sharp(data, raw).toFormat(candidate.format === 'jpg' ? 'jpeg' : candidate.format, candidate.options).toBuffer();
      const ms = performance.now() - start;
      out.push({ candidate: c, width, bytes: encoded.length, ms, ssim: quality(reference, await rgba(encoded)) });
    }
  }
  return out;
}

if (!isMainThread) {
  const { file, candidates } = workerData as { file: string; candidates: number[] };
  parentPort?.postMessage(await measurePhoto(file, candidates));
} else {
  const { values } = parseArgs({ options: { photos: { type: 'string' }, half: { type: 'string', default: 'a' }, only: { type: 'string' }, 'no-write': { type: 'boolean' } } });
  if (!values.photos) throw new Error('usage: node scripts/bench/settings.ts --photos DIR [--half a|b] [--only avif|webp|jpg]');
  const all = fs.readdirSync(values.photos).filter((f) => /\.jpe?g$/i.test(f)).sort();
  const half = halves(all)[values.half === 'b' ? 'b' : 'a'];
  const chosen = CANDIDATES.flatMap((c, i) => (!values.only || c.format === values.only ? [i] : []));
  // One photo per core, each measured on one thread.
  const files = half.map((f) => path.resolve(values.photos ?? '', f));
  const results = (await inWorkers<Measure[]>(new URL(import.meta.url), files.map((file) => ({ file, candidates: chosen })), () => process.stderr.write('.'))).flat();
  process.stderr.write('\n');

  const widths = [...new Set(results.map((r) => r.width))].sort((a, b) => a - b);
  const of = (c: number, w?: number) => results.filter((r) => r.candidate === c && (w === undefined || r.width === w));
  const lines: string[] = [];
  const print = (line: string) => lines.push(line);
  print(`Written by \`node scripts/bench/settings.ts --photos ${values.photos} --half ${values.half}\` on ${new Date().toISOString().slice(0, 10)}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}.\n`);
  print(`Half ${values.half?.toUpperCase()} of \`${values.photos}\` (${half.join(', ')}), every width of the ladder, one thread per encode; SSIM by ssim.js (Gaussian windows, full resolution) against the resized pixels.\n`);
  print(`| format | setting | bytes | encode time | ${widths.map((w) => `SSIM ${w}`).join(' | ')} | meets the default + ${MARGIN} everywhere |`);
  print(`| --- | --- | ---: | ---: | ${widths.map(() => '---:').join(' | ')} | --- |`);
  for (const format of ['avif', 'webp', 'jpg'] as const) {
    const indexes = chosen.filter((c) => CANDIDATES[c]?.format === format);
    const reference = indexes.find((c) => CANDIDATES[c]?.reference);
    if (reference === undefined) continue;
    const meanAt = (c: number, w: number) => spread(of(c, w).map((r) => r.ssim)).mean;
    const meets = (c: number) => c === reference || widths.every((w) => meanAt(c, w) >= meanAt(reference, w) + MARGIN);
    const ms = (c: number) => of(c).reduce((a, r) => a + r.ms, 0);
    const best = indexes.filter((c) => c !== reference && meets(c)).sort((a, b) => ms(a) - ms(b))[0] ?? reference;
    for (const c of indexes) {
      const bytes = of(c).reduce((a, r) => a + r.bytes, 0);
      const label = `${CANDIDATES[c]?.label}${c === reference ? " (Astro's default)" : ''}`;
      print(
        `| ${format} | ${c === best ? `**${label}** (fastest that meets it)` : label} | ${(bytes / 1024).toFixed(0)} KiB | ${(ms(c) / 1000).toFixed(1)} s | ${widths.map((w) => meanAt(c, w).toFixed(4)).join(' | ')} | ${meets(c) ? 'yes' : 'no'} |`,
      );
    }
  }
  const report = lines.join('\n');
  console.log(report);
  if (!values['no-write']) writeSection('settings', report, 'Encoder settings');
}
