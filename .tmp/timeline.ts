import path from 'node:path';
import { build } from 'astro';
const root = path.resolve(process.argv[2] ?? '.');
const t0 = performance.now();
setInterval(() => process.stderr.write(`RSS ${((performance.now() - t0) / 1000).toFixed(1)}s ${Math.round(process.memoryUsage.rss() / 1048576)} heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} total ${Math.round(process.memoryUsage().heapTotal / 1048576)} ext ${Math.round(process.memoryUsage().external / 1048576)} ab ${Math.round(process.memoryUsage().arrayBuffers / 1048576)}\n`), 1000).unref();
await build({ root, cacheDir: path.join(root, '.cache'), outDir: path.join(root, 'dist'), logLevel: 'info' });
