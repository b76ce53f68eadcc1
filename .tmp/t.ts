import sharp from 'sharp';
import { rgba, quality } from '/work/main/scripts/bench/quality.ts';
const f = '/work/shared/photo-corpus/Aqua.jpg';
const ref = await rgba(sharp(f).rotate().resize({ width: 2400 }));
const enc = await sharp(f).rotate().resize({ width: 2400 }).avif({ quality: 50, effort: 0 }).toBuffer();
let t = performance.now();
const img = await rgba(enc);
console.log(quality(ref, img), performance.now() - t, ref.width, ref.height);
