/**
 * SSIM between two images of the same size, on luma, in 8x8 windows
 * (Wang et al. 2004 with the usual constants): 1 means identical. Enough to
 * compare encoder settings at equal visual quality; not a certified metric.
 */
import sharp from 'sharp';

const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;
const WINDOW = 8;

export interface Luma {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The image's luma, after EXIF rotation, optionally resized to `width`. */
export async function luma(input: Buffer | string, width?: number): Promise<Luma> {
  let image = sharp(input).rotate();
  if (width) image = image.resize({ width, withoutEnlargement: true });
  const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
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
