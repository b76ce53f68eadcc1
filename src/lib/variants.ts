/**
 * Every published variant of a photograph, by file name. Pure: the pages
 * (images.ts) and the encoder (photo-pipeline.ts) read the same plan, made
 * once by the content check (content-check.ts, into the manifest), so a page
 * links to exactly what the build encodes, and the build encodes nothing a
 * page does not link to.
 *
 * A name carries a hash of everything that decides the variant's bytes:
 * the source file's content, format, size, crop and the format's encoder
 * settings with sharp's and libvips' versions. The image cache is keyed by
 * name, so it never serves a stale file, and a changed setting renames (and
 * so re-encodes) exactly the variants it decides.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { encoderKey, variantSizes, type VariantSize } from './image-settings.ts';

/** A photo's image file as the content check read it. */
export interface Source {
  /** Absolute path of the image file. */
  file: string;
  /** SHA-256 of its bytes. */
  hash: string;
  /** Width and height as shown (EXIF orientation applied). */
  width: number;
  height: number;
  /** Named in any encoding error: `<file>.mdx: field "image" (./photo.jpg)`. */
  origin: string;
}

export interface Variant extends VariantSize {
  /** File name under `_astro/`, such as `couple-at-airport-1080.3f9c0a1b2d4e.avif`. */
  name: string;
}

/** Where variants are published, under the site's base path: the folder whose files are cached for a year. */
export const VARIANT_DIR = '_astro';

const LIBRARIES = `sharp ${sharp.versions.sharp} libvips ${sharp.versions.vips}`;
const EXTENSION = { avif: 'avif', webp: 'webp', jpg: 'jpg' } as const;

/** The file's name as a readable prefix: lowercase letters, digits and hyphens. */
const stemOf = (file: string) =>
  path
    .basename(file, path.extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'photo';

export function variantsOf(source: Source): Variant[] {
  const stem = stemOf(source.file);
  return variantSizes(source.width, source.height).map((v) => {
    // Every variant is made at exactly this size, cropped to it when rounding or the card's shape asks (encode.ts).
    const key = JSON.stringify([source.hash, v.format, v.width, v.height, 'cover', encoderKey(v.format, LIBRARIES)]);
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
    const label = v.role === 'card' ? 'card' : String(v.width);
    return { ...v, name: `${stem}-${label}.${hash}.${EXTENSION[v.format]}` };
  });
}
