import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import pLimit from 'p-limit';
const dir = process.argv[2]!; const part = process.argv[3];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')).map((f) => `${dir}/${f}`);
let peak = 0; setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10).unref();
const limit = pLimit(Number(process.env.LIMIT ?? 4)); if (process.env.NOCACHE) sharp.cache(false); if (process.env.CONC) sharp.concurrency(Number(process.env.CONC));
await Promise.all(files.map((f) => limit(async () => {
  if (part.includes('m')) await sharp(f).metadata();
  if (part.includes('t')) await sharp(f, { failOn: 'error' }).resize(64, 64, { fit: 'inside' }).flatten({ background: '#ffffff' }).toBuffer();
  if (part.includes('h')) { const h = createHash('sha256'); await pipeline(fs.createReadStream(f), h); }
})));
console.log(part, 'peak', Math.round(peak / 1048576), 'cache', JSON.stringify(sharp.cache()));
