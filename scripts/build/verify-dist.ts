/**
 * The last check of a build, on the staging folder before it is published:
 * no image carries what a camera recorded (EXIF, GPS, XMP, IPTC, comments),
 * no file is a byte-for-byte copy of a source image, and no page uses an
 * element id twice (a photo's name is its figure's id). Each problem is one
 * line naming the file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import pLimit from 'p-limit';
import sharp, { type Metadata } from 'sharp';

const IMAGE = /\.(jpe?g|png|webp|avif|gif|tiff?|heic|heif)$/i;

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

const hashes = new Map<string, string>();
/** A file's SHA-256, read once per file. */
const sha256 = (file: string) => {
  let hash = hashes.get(file);
  if (hash === undefined) hashes.set(file, (hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')));
  return hash;
};

/**
 * JPEG segments that carry text a camera or an editor wrote: COM (comments),
 * which sharp does not report, and APP1/APP13 (EXIF, XMP, IPTC), checked
 * here too in case a decoder skips a malformed one.
 */
function jpegMetadataSegments(data: Buffer): string[] {
  const found: string[] = [];
  let i = 2;
  while (i + 4 <= data.length && data[i] === 0xff) {
    const marker = data[i + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break; // start of scan: no more headers
    const length = data.readUInt16BE(i + 2);
    if (marker === 0xfe) found.push('a comment (COM)');
    if (marker === 0xe1) found.push(data.subarray(i + 4, i + 8).toString('latin1') === 'Exif' ? 'EXIF' : 'XMP');
    if (marker === 0xed) found.push('IPTC');
    i += 2 + length;
  }
  return found;
}

async function imageMetadata(file: string): Promise<string[]> {
  let meta: Metadata;
  try {
    meta = await sharp(file).metadata();
  } catch {
    return []; // not an image sharp reads (an SVG icon, say): nothing of a camera's
  }
  const found = [meta.exif && 'EXIF', meta.xmp && 'XMP', meta.iptc && 'IPTC', meta.comments?.length && 'text comments'].filter((x): x is string => !!x);
  if (meta.format === 'jpeg') found.push(...jpegMetadataSegments(fs.readFileSync(file)));
  return [...new Set(found)];
}

/** Ids used more than once in an HTML page. */
function duplicateIds(html: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  const parser = new Parser({
    onopentag(_name, attributes) {
      const id = attributes['id'];
      if (id === undefined) return;
      if (seen.has(id)) twice.add(id);
      seen.add(id);
    },
  });
  parser.write(html);
  parser.end();
  return [...twice];
}

/** Every problem with the built site in `dist`, given the folders the source images are in; empty when it may be published. */
export async function verifyDist(dist: string, sourceDirs: string[]): Promise<string[]> {
  const problems: string[] = [];
  const rel = (f: string) => path.relative(process.cwd(), f);
  const sources = new Map<number, string[]>();
  for (const f of sourceDirs.flatMap(walk).filter((f) => IMAGE.test(f))) {
    const size = fs.statSync(f).size;
    if (size > 0) sources.set(size, [...(sources.get(size) ?? []), f]);
  }
  const files = walk(dist);
  for (const file of files) {
    const same = sources.get(fs.statSync(file).size);
    if (same) {
      const hash = sha256(file);
      const original = same.find((s) => sha256(s) === hash);
      if (original) problems.push(`${rel(file)}: a byte-for-byte copy of ${rel(original)}; originals are never published`);
    }
  }
  const images = files.filter((f) => IMAGE.test(f));
  // A few at a time: asked all at once, sharp's pending reads held 951 MiB at 2,000 photos (28,000 images).
  const limit = pLimit(2 * os.availableParallelism());
  const found = await Promise.all(images.map((file) => limit(() => imageMetadata(file))));
  images.forEach((file, i) => {
    if (found[i]?.length) problems.push(`${rel(file)}: carries ${found[i].join(', ')}; published images must carry no metadata`);
  });
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    for (const id of duplicateIds(fs.readFileSync(file, 'utf8'))) {
      problems.push(`${rel(file)}: the id "${id}" is used twice on the page; if a photo has that name, rename its .mdx and image files`);
    }
  }
  return problems;
}
