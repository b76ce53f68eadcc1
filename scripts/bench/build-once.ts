/**
 * One Astro build of a benchmark project, in its own process so its peak
 * memory is its own. Prints one JSON line last: wall time, cores busy on
 * average, peak RSS, and the variants encoded (new files in the image
 * cache) and published.
 *
 *   node scripts/bench/build-once.ts ROOT
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'astro';

const root = path.resolve(process.argv[2] ?? '.');
const cacheDir = path.join(root, '.cache');
const outDir = path.join(root, 'dist');
const cached = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.endsWith('.json')) : []);
const before = new Set(cached(path.join(cacheDir, 'photos')));

const start = performance.now();
const cpuStart = process.cpuUsage();
await build({ root, cacheDir, outDir, logLevel: 'warn' });
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
// Cores kept busy on average: CPU time of all threads (libvips' included) over wall time.
const cores = (cpu.user + cpu.system) / 1000 / ms;

const encoded = cached(path.join(cacheDir, 'photos')).filter((f) => !before.has(f)).length;
const published = cached(path.join(outDir, '_astro')).filter((f) => /\.(avif|webp|jpe?g|png)$/.test(f)).length;
const mem = process.memoryUsage();
const MB = 1024 * 1024;
console.log(
  JSON.stringify({
    ms,
    cores,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    // Where the memory is at the end: V8's heap, and Buffers outside it.
    heapMB: mem.heapUsed / MB,
    buffersMB: mem.arrayBuffers / MB,
    encoded,
    published,
  }),
);
