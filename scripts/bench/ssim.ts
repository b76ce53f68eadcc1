/**
 * SSIM between two images of the same size, on luma, in 8x8 windows
 * (Wang et al. 2004 with the usual constants): 1 means identical. Enough to
 * compare encoder settings at equal visual quality; not a certified metric.
 */
import sharp, { type Sharp } from 'sharp';

const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;
const WINDOW = 8;

export interface Luma {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The luma of an encoded image (a file or its bytes, after EXIF rotation) or of a sharp pipeline. */
export async function luma(input: Buffer | string | Sharp): Promise<Luma> {
  const image = typeof input === 'string' || Buffer.isBuffer(input) ? sharp(input).rotate() : input;
  const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * A resized original before any lossy step: its raw pixels, to encode from,
 * and their luma, the reference every encoded variant is compared with.
 */
export async function pixels(image: Sharp) {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  return { data, raw, luma: await luma(sharp(data, raw)) };
}

export function ssim(a: Luma, b: Luma): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`ssim: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  let total = 0;
  let windows = 0;
  const n = WINDOW * WINDOW;
  for (let y = 0; y + WINDOW <= a.height; y += WINDOW) {
    for (let x = 0; x + WINDOW <= a.width; x += WINDOW) {
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let j = 0; j < WINDOW; j++) {
        const row = (y + j) * a.width + x;
        for (let i = 0; i < WINDOW; i++) {
          const va = a.data[row + i] ?? 0;
          const vb = b.data[row + i] ?? 0;
          sa += va;
          sb += vb;
          saa += va * va;
          sbb += vb * vb;
          sab += va * vb;
        }
      }
      const ma = sa / n;
      const mb = sb / n;
      const va = saa / n - ma * ma;
      const vb = sbb / n - mb * mb;
      const cov = sab / n - ma * mb;
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      windows++;
    }
  }
  return total / windows;
}
