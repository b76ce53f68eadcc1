/**
 * One Astro build of a benchmark project, in its own process so its peak
 * memory is its own. Prints one JSON line last: wall time, cores busy on
 * average over the whole build and over its image phase (the span
 * photo-pipeline.ts marks with `performance.measure`), peak RSS, and the
 * variants encoded (new files in the image cache, by name) and published.
 *
 *   node scripts/bench/build-once.ts ROOT
 */
import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { build } from 'astro';
import { PHASE } from '../../src/lib/photo-pipeline.ts';

const root = path.resolve(process.argv[2] ?? '.');
const cacheDir = path.join(root, '.cache');
const outDir = path.join(root, 'dist');
const cached = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
const before = new Set(cached(path.join(cacheDir, 'photos')));

// CPU time of every thread of the process (libvips' included), sampled, to find how busy the cores were in the image phase.
const samples: { at: number; cpu: number; rss: number }[] = [];
const sample = () => {
  const { user, system } = process.cpuUsage();
  samples.push({ at: performance.now(), cpu: (user + system) / 1000, rss: process.memoryUsage.rss() / 1024 / 1024 });
};
// Where the memory is as the image phase starts: V8's heap, Buffers, and the rest (native: libvips, the bundler).
let atImages: NodeJS.MemoryUsage | undefined;
new PerformanceObserver((list) => {
  if (list.getEntriesByName(`${PHASE}:start`).length > 0) atImages ??= process.memoryUsage();
}).observe({ entryTypes: ['mark'] });
const sampler = setInterval(sample, 50);
sample();
const start = performance.now();
await build({ root, cacheDir, outDir, logLevel: 'warn' });
sample();
clearInterval(sampler);
const ms = performance.now() - start;
const busy = (from: number, to: number) => {
  const first = samples.find((s) => s.at >= from) ?? samples[0];
  const last = samples.findLast((s) => s.at <= to) ?? samples.at(-1);
  return first && last && last.at > first.at ? (last.cpu - first.cpu) / (last.at - first.at) : NaN;
};
const phase = performance.getEntriesByName(PHASE, 'measure')[0];
/** The highest sampled RSS in a span, MiB. */
const rss = (from: number, to: number) => Math.max(0, ...samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss));

const encoded = cached(path.join(cacheDir, 'photos')).filter((f) => !before.has(f));
const published = cached(path.join(outDir, '_astro')).filter((f) => /\.(avif|webp|jpe?g|png)$/.test(f)).length;
console.log(
  JSON.stringify({
    ms,
    cores: busy(start, start + ms),
    imagePhase: phase
      ? { ms: phase.duration, cores: busy(phase.startTime, phase.startTime + phase.duration), rssMB: rss(phase.startTime, phase.startTime + phase.duration) }
      : undefined,
    rssBeforeImagesMB: phase ? rss(0, phase.startTime) : undefined,
    atImagesMB: atImages && Object.fromEntries(Object.entries(atImages).map(([k, v]) => [k, Math.round(v / 1024 / 1024)])),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    encoded: encoded.length,
    encodedNames: encoded,
    published,
  }),
);
