import fs from 'node:fs';
import sharp from 'sharp';
for (const f of fs.readdirSync('../shared/photo-corpus').filter((f) => f.endsWith('.jpg'))) {
  const m = await sharp(`../shared/photo-corpus/${f}`).metadata();
  console.log(f, m.width, m.height, (fs.statSync(`../shared/photo-corpus/${f}`).size / 1e6).toFixed(1) + ' MB');
}
