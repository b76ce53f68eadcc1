/**
 * What the site needs to know of an image file an editor dropped in, read
 * with sharp before anything is encoded: its format, its size as shown
 * (EXIF rotation applied), whether it is a placeholder, animated or
 * transparent, and its dominant colour. A file that cannot be published
 * gives an ImageFileError whose message is one line an editor can act on.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp, { type Metadata } from 'sharp';
import { isPlaceholderXmp } from './placeholder.ts';

/** The formats a photograph may come in, by sharp's name, with the name an editor knows. */
export const SUPPORTED_FORMATS: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', gif: 'GIF' };
const SUPPORTED_LIST = Object.values(SUPPORTED_FORMATS).join(', ');

/** Names of formats sharp recognises but the site does not publish, and common ones it cannot read at all, by file ending. */
const KNOWN_FORMATS: Record<string, string> = {
  tiff: 'TIFF', tif: 'TIFF', svg: 'SVG', heif: 'HEIC/HEIF', heic: 'HEIC/HEIF', jp2k: 'JPEG 2000', jxl: 'JPEG XL', pdf: 'PDF',
  bmp: 'BMP', psd: 'Photoshop (PSD)', raw: 'camera RAW', dng: 'camera RAW (DNG)', cr2: 'camera RAW (CR2)', nef: 'camera RAW (NEF)', arw: 'camera RAW (ARW)',
};

export interface ImageFacts {
  /** sharp's name of the format: `jpeg`, `png`, `webp`, `avif` or `gif`. */
  format: string;
  /** Width and height as shown, EXIF orientation applied; the first frame of an animation. */
  width: number;
  height: number;
  /** The file is a generated placeholder, not the photograph. */
  placeholder: boolean;
  /** More than one frame: the site publishes the first as a still. */
  animated: boolean;
  /** Has an alpha channel: transparent areas are laid on one colour. */
  alpha: boolean;
  /** The image's dominant colour, `#rrggbb`, shown while it loads. */
  color: string;
  /** SHA-256 of the file's bytes: part of every variant's name, so a new photo under an old name gets new variants. */
  hash: string;
}

/** An image file that cannot be published; the message says why in one line, without the file's name. */
export class ImageFileError extends Error {
  override name = 'ImageFileError';
}

const hex = (n: number) => n.toString(16).padStart(2, '0');
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() ?? '';

async function read(file: string): Promise<ImageFacts> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new ImageFileError('the file is empty (0 bytes): save the photograph again');
  const ending = path.extname(file).slice(1).toLowerCase();
  let meta: Metadata;
  try {
    meta = await sharp(file).metadata();
  } catch (error) {
    const known = KNOWN_FORMATS[ending];
    if (known) throw new ImageFileError(`${known} is not a supported format (supported: ${SUPPORTED_LIST}); save it as JPEG`);
    throw new ImageFileError(`the file is not an image that can be read (${firstLine(error)}): is it damaged, or not an image at all? Supported: ${SUPPORTED_LIST}`);
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : String(meta.format);
  if (!SUPPORTED_FORMATS[format]) {
    const name = KNOWN_FORMATS[format] ?? format.toUpperCase();
    throw new ImageFileError(`${name} is not a supported format (supported: ${SUPPORTED_LIST}); save it as JPEG`);
  }
  let color: string;
  try {
    // Decodes every pixel (at a fraction of the size, for JPEG at load), so a
    // truncated or damaged file fails here, not halfway through the build.
    const small = await sharp(file, { failOn: 'error' }).resize(64, 64, { fit: 'inside' }).flatten({ background: '#ffffff' }).toBuffer();
    const { r, g, b } = (await sharp(small).stats()).dominant;
    color = `#${hex(r)}${hex(g)}${hex(b)}`;
  } catch (error) {
    throw new ImageFileError(`the ${SUPPORTED_FORMATS[format]} file is damaged or incomplete (${firstLine(error)}): save or export the photograph again`);
  }
  // Streamed: a build of thousands of photos never holds their bytes.
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  const shown = meta.autoOrient ?? { width: meta.width, height: meta.height };
  return {
    format,
    width: shown.width,
    height: shown.height,
    placeholder: isPlaceholderXmp(meta.xmp),
    animated: (meta.pages ?? 1) > 1,
    alpha: meta.hasAlpha,
    color,
    hash: hash.digest('hex'),
  };
}

/**
 * Facts by file: the dev server checks the content again on every change,
 * and reading a large progressive JPEG takes its whole coefficient buffer,
 * so an unchanged file is not read again. Only the content check calls this.
 */
const cache = new Map<string, { stamp: string; facts: Promise<ImageFacts> }>();

/**
 * The facts of an image file, read once per version of the file. Rejects with ImageFileError when the file
 * cannot be published.
 */
export function readImageFacts(file: string): Promise<ImageFacts> {
  const stat = fs.statSync(file);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.facts;
  const facts = read(file);
  cache.set(file, { stamp, facts });
  return facts;
}
