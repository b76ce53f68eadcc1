/**
 * Image quality for the benchmark: SSIM by ssim.js (a maintained port of
 * Wang et al.'s reference code) with its Gaussian 11x11 windows at every
 * pixel ('fast' is the same maths as 'original', computed separably), at
 * full resolution: ssim.js would otherwise shrink images to 256 px first,
 * hiding the very artefacts an encoder makes.
 */
import path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import sharp, { type Sharp } from 'sharp';
import { ssim } from 'ssim.js';
import { CARD } from '../../src/lib/image-settings.ts';

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** RGBA pixels of an encoded image (a file or its bytes, EXIF rotation applied) or of a sharp pipeline. */
export async function rgba(input: Buffer | Uint8Array | string | Sharp): Promise<Pixels> {
  const image = typeof input === 'string' || input instanceof Uint8Array ? sharp(input).rotate() : input;
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** SSIM of `image` against `reference` (1 = identical). */
export function quality(reference: Pixels, image: Pixels): number {
  if (reference.width !== image.width || reference.height !== image.height) {
    throw new Error(`ssim: ${reference.width}x${reference.height} against ${image.width}x${image.height}`);
  }
  return ssim(reference, image, { ssim: 'fast', downsample: false }).mssim;
}

/** Mean and spread of a list of values. */
export function spread(values: number[]): { mean: number; min: number; max: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, min: Math.min(...values), max: Math.max(...values), sd };
}

/**
 * The two halves of a folder of photos, by sorted file name, alternating:
 * settings are chosen on half A and confirmed on half B.
 */
export function halves<T>(sorted: T[]): { a: T[]; b: T[] } {
  return { a: sorted.filter((_, i) => i % 2 === 0), b: sorted.filter((_, i) => i % 2 === 1) };
}

/** One published image, scored. `width` is -1 for a link-preview card. */
export interface Scored {
  file: string;
  format: string;
  width: number;
  ssim: number;
}

/**
 * Scores every image made of one original against that original resized
 * (cropped, for a card) to the image's size: what an encoder was asked to
 * reproduce. The original is decoded whole first: resizing straight from
 * the JPEG would let libjpeg shrink it on load, a cheaper approximation,
 * and a build that does the same would look better than it is. Run in a
 * worker by `npm run bench`, one photo per core.
 */
export async function scorePhoto(original: string, images: string[]): Promise<Scored[]> {
  const { data, info } = await sharp(original).rotate().raw().toBuffer({ resolveWithObject: true });
  const whole = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const references = new Map<string, Promise<Pixels>>();
  const out: Scored[] = [];
  for (const file of images) {
    const { width = 0, height = 0 } = await sharp(file).metadata();
    const card = width === CARD.width && height === CARD.height;
    const key = `${width}x${height}`;
    let reference = references.get(key);
    if (!reference) {
      reference = rgba(whole().resize({ width, height, fit: card ? 'cover' : 'fill' }));
      references.set(key, reference);
    }
    out.push({ file, format: path.extname(file).slice(1), width: card ? -1 : width, ssim: quality(await reference, await rgba(file)) });
  }
  return out;
}

const task = workerData as { task?: string; original?: string; images?: string[] } | null;
if (!isMainThread && task?.task === 'score') {
  parentPort?.postMessage(await scorePhoto(task.original ?? '', task.images ?? []));
}
