/**
 * The one way a photograph's variant is made, in the build's encoder and in
 * the dev server alike (photo-pipeline.ts), so that a variant's name always
 * stands for the same bytes: the original is decoded once, whole, into
 * pixels (`decodeOriginal`), and each variant is resized and encoded from
 * those pixels at exactly its planned size (`encodeVariant`).
 * - Any failure throws, naming the format, the width and why: the original's
 *   bytes are never published in place of a variant.
 * - The first frame of an animation is a still (`pages: 1`).
 * - EXIF orientation is applied, transparency laid on BACKGROUND, colour
 *   converted to sRGB, and every metadata block dropped (sharp's default).
 * - Damaged pixel data fails (`failOn: 'error'`) instead of being published grey.
 */
import sharp from 'sharp';
import { BACKGROUND, ENCODERS, type Format } from './image-settings.ts';

/** One variant that could not be made. Its message is one line. */
export class VariantError extends Error {
  override name = 'VariantError';
}

/** An original decoded once, EXIF rotation applied, first frame only, in sRGB: what each of its variants is made from. */
export interface Decoded {
  data: Buffer;
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** What a variant is: its format and exact size. */
export interface VariantSpec {
  format: Format;
  width: number;
  height: number;
}

const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Decodes an original (its file, or its bytes) for its variants; damaged pixel data fails, naming `origin`. */
export async function decodeOriginal(input: string | Uint8Array, origin = 'an image'): Promise<Decoded> {
  try {
    const { data, info } = await sharp(input, { failOn: 'error', pages: 1 }).rotate().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data, raw: { width: info.width, height: info.height, channels: info.channels } };
  } catch (error) {
    throw new VariantError(`${origin}: could not be read: ${oneLine(error)}`, { cause: error });
  }
}

/**
 * One variant of decoded pixels, at exactly `width` x `height`: cropped to
 * that shape when rounding or the card's shape asks (sharp's `cover`), so
 * the size a page declares is the size of the file; never enlarged.
 */
export async function encodeVariant(pixels: Decoded, { format, width, height }: VariantSpec, origin = 'an image'): Promise<Uint8Array> {
  try {
    const image = sharp(pixels.data, { raw: pixels.raw })
      .resize({ width, height, fit: 'cover', withoutEnlargement: true })
      .flatten({ background: BACKGROUND });
    if (format === 'avif') image.avif(ENCODERS.avif);
    else if (format === 'webp') image.webp(ENCODERS.webp);
    else image.jpeg(ENCODERS.jpg);
    return new Uint8Array(await image.toBuffer());
  } catch (error) {
    throw new VariantError(`${origin}: its ${format.toUpperCase()} copy ${width} px wide could not be made: ${oneLine(error)}`, { cause: error });
  }
}
