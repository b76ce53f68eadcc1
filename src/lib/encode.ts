/**
 * Encodes one published variant of a photograph with sharp: from its file
 * on disk, from bytes, or from its pixels decoded once for all its variants
 * (`decodeOriginal`). Unlike Astro's sharp transform, which on an encoder
 * failure logs a warning and publishes the input file unchanged (camera
 * metadata included) and which stacks an animation's frames into one tall
 * image:
 * - any failure throws, naming the format, the width and why: the original's
 *   bytes are never returned;
 * - the first frame of an animation is a still (`pages: 1`);
 * - EXIF orientation is applied, transparency laid on BACKGROUND, colour
 *   converted to sRGB and every metadata block dropped (sharp's default);
 * - damaged pixel data fails (`failOn: 'error'`) instead of being published grey.
 */
import sharp, { type FitEnum } from 'sharp';
import { BACKGROUND, ENCODERS, type Format } from './image-settings.ts';

export interface VariantRequest {
  width?: number | undefined;
  height?: number | undefined;
  format?: string | undefined;
  fit?: string | undefined;
  position?: string | undefined;
  /** Who asked, for messages: `<file>.mdx: field "image" (./photo.jpg)`. */
  origin?: string | undefined;
}

/** One variant that could not be made. Its message is one line. */
export class VariantError extends Error {
  override name = 'VariantError';
}

/** An original decoded once, EXIF rotation applied, first frame only, in sRGB: what each of its variants is made from. */
export interface Decoded {
  data: Buffer;
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Decodes an original for its variants; damaged pixel data fails, naming `origin`. */
export async function decodeOriginal(file: string, origin = 'an image'): Promise<Decoded> {
  try {
    const { data, info } = await sharp(file, { failOn: 'error', pages: 1 }).rotate().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data, raw: { width: info.width, height: info.height, channels: info.channels } };
  } catch (error) {
    throw new VariantError(`${origin}: could not be read: ${oneLine(error)}`, { cause: error });
  }
}

const FIT: Record<string, keyof FitEnum> = { fill: 'fill', contain: 'inside', cover: 'cover', none: 'outside', 'scale-down': 'inside', outside: 'outside', inside: 'inside' };
const FORMAT_OF: Record<string, Format> = { avif: 'avif', webp: 'webp', jpg: 'jpg', jpeg: 'jpg' };

export async function encodeVariant(input: string | Uint8Array | Decoded, request: VariantRequest): Promise<{ data: Uint8Array; format: string }> {
  const format = FORMAT_OF[request.format ?? ''];
  const what = `${request.origin ?? 'an image'}: its ${(request.format ?? '?').toUpperCase()} copy ${request.width ?? '?'} px wide could not be made`;
  if (!format) throw new VariantError(`${what}: the site publishes AVIF, WebP and JPEG only`);
  try {
    const image = typeof input === 'object' && 'raw' in input ? sharp(input.data, { raw: input.raw }) : sharp(input, { failOn: 'error', pages: 1 }).rotate();
    const width = request.width ? Math.round(request.width) : undefined;
    const height = request.height ? Math.round(request.height) : undefined;
    if (width || height) {
      // Given both sides and no fit, sharp's own default (cover) makes exactly the size the page declares,
      // where rounding the height from the width can differ by a pixel from the photo's own proportions.
      const fit = request.fit ? (FIT[request.fit] ?? 'inside') : undefined;
      image.resize({ width, height, fit, position: request.position, withoutEnlargement: true });
    }
    image.flatten({ background: BACKGROUND });
    if (format === 'avif') image.avif(ENCODERS.avif);
    else if (format === 'webp') image.webp(ENCODERS.webp);
    else image.jpeg(ENCODERS.jpg);
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), format: info.format };
  } catch (error) {
    throw new VariantError(`${what}: ${oneLine(error)}`, { cause: error });
  }
}
