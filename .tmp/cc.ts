import { checkContent } from '../src/lib/content-check.ts';
const t0 = performance.now();
let peak = 0;
setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20).unref();
const r = await checkContent(process.argv[2]);
console.log('errors', r.errors.length, 'images', r.images.size, 'ms', Math.round(performance.now() - t0), 'peak', Math.round(Math.max(peak, process.memoryUsage.rss()) / 1048576), 'maxRSS', Math.round(process.resourceUsage().maxRSS / 1024));
console.log(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])));
