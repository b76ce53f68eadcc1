/**
 * Measures encoder settings on a folder of photos: bytes, encode time and
 * SSIM against the resized original, per format and candidate setting, at
 * one width of the ladder. The table in docs/performance.md comes from here.
 *
 *   node scripts/bench/settings.ts --photos ../shared/photo-corpus [--width 1440] [--only avif|webp|jpeg]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { luma, pixels, ssim } from './ssim.ts';

const { values } = parseArgs({
  options: { photos: { type: 'string' }, width: { type: 'string', default: '1440' }, only: { type: 'string' } },
});
if (!values.photos) throw new Error('usage: node scripts/bench/settings.ts --photos DIR [--width 1440] [--only avif|webp|jpeg]');
const dir = values.photos;
const width = Number(values.width);
const files = fs.readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => path.join(dir, f));

type Candidate = { label: string; format: 'avif' | 'webp' | 'jpeg'; options: Record<string, unknown> };
const CANDIDATES = ([
  { label: 'AVIF q50 effort 4 (sharp default)', format: 'avif', options: { quality: 50, effort: 4 } },
  { label: 'AVIF q50 effort 3', format: 'avif', options: { quality: 50, effort: 3 } },
  { label: 'AVIF q50 effort 2', format: 'avif', options: { quality: 50, effort: 2 } },
  { label: 'AVIF q52 effort 2', format: 'avif', options: { quality: 52, effort: 2 } },
  { label: 'AVIF q50 effort 1', format: 'avif', options: { quality: 50, effort: 1 } },
  { label: 'AVIF q53 effort 1', format: 'avif', options: { quality: 53, effort: 1 } },
  { label: 'AVIF q53 effort 0', format: 'avif', options: { quality: 53, effort: 0 } },
  { label: 'WebP q80 effort 4 (sharp default)', format: 'webp', options: { quality: 80, effort: 4 } },
  { label: 'WebP q80 effort 6', format: 'webp', options: { quality: 80, effort: 6 } },
  { label: 'WebP q80 effort 2', format: 'webp', options: { quality: 80, effort: 2 } },
  { label: 'JPEG q80 (sharp default)', format: 'jpeg', options: { quality: 80 } },
  { label: 'JPEG q80 mozjpeg', format: 'jpeg', options: { quality: 80, mozjpeg: true } },
  { label: 'JPEG q78 mozjpeg', format: 'jpeg', options: { quality: 78, mozjpeg: true } },
  { label: 'JPEG q75 mozjpeg', format: 'jpeg', options: { quality: 75, mozjpeg: true } },
  { label: 'JPEG q82 mozjpeg', format: 'jpeg', options: { quality: 82, mozjpeg: true } },
  { label: 'JPEG q84 mozjpeg', format: 'jpeg', options: { quality: 84, mozjpeg: true } },
] satisfies Candidate[] as Candidate[]).filter((c) => !values.only || c.format === values.only);

// One encode at a time, one thread each: times compare settings, not machines.
sharp.concurrency(1);
const rows = CANDIDATES.map((c) => ({ ...c, bytes: 0, ms: 0, ssim: 0 }));
for (const file of files) {
  // The reference is the resized image before any lossy encoding: raw pixels.
  const { data, raw, luma: reference } = await pixels(sharp(file).rotate().resize({ width, withoutEnlargement: true }));
  for (const row of rows) {
    const start = performance.now();
    const out = await sharp(data, raw).toFormat(row.format, row.options).toBuffer();
    row.ms += performance.now() - start;
    row.bytes += out.length;
    row.ssim += ssim(reference, await luma(out)) / files.length;
  }
  process.stderr.write('.');
}
process.stderr.write('\n');
console.log(`${files.length} photos at ${width} px wide, encoded from the resized image (raw pixels, also the SSIM reference), one thread.\n`);
console.log('| setting | total bytes | encode time | mean SSIM |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.label} | ${(r.bytes / 1024).toFixed(0)} KiB | ${(r.ms / 1000).toFixed(1)} s | ${r.ssim.toFixed(4)} |`);
