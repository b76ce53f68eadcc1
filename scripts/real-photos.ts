/**
 * `npm run real-photos -- <folder> [--project DIR]`: saves real photographs
 * from a folder over the photo files a project's content names, one by one
 * in order (taking the folder's photos again from the start when there are
 * fewer), and crops every sixth to an upright 2:3 frame, so that a site
 * with placeholders can be measured and tested as it will be read: mostly
 * wide camera photos, and some upright ones.
 *
 * For benchmarks, audits and CI only: the photos are saved under the
 * content's own file names, so never commit the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { readMdx } from '../src/lib/frontmatter.ts';
import { COLLECTIONS } from '../src/schemas.ts';

/** Every how many photos one is cropped upright. */
const UPRIGHT_EVERY = 6;

/** Saves the photos of `from` over every image file named by the photo MDX files of the project in `root`; returns how many. */
export async function saveRealPhotos(root: string, from: string): Promise<number> {
  const real = fs
    .readdirSync(from)
    .filter((f) => /\.jpe?g$/i.test(f))
    .sort()
    .map((f) => path.join(from, f));
  if (real.length === 0) throw new Error(`${from}: no JPEG photographs in this folder`);
  const targets = fs
    .globSync(COLLECTIONS.photos.pattern, { cwd: path.join(root, COLLECTIONS.photos.base) })
    .sort()
    .flatMap((mdx) => {
      const file = path.join(root, COLLECTIONS.photos.base, mdx);
      const image = readMdx(file).data?.['image'];
      return typeof image === 'string' ? [path.resolve(path.dirname(file), image)] : [];
    });
  for (const [i, target] of targets.entries()) {
    const source = real[i % real.length]!;
    if (i % UPRIGHT_EVERY === UPRIGHT_EVERY - 1) {
      // An upright crop, kept at the photo's full height: as large as a camera's portrait photo.
      const { width = 0, height = 0 } = await sharp(source).rotate().metadata();
      const side = Math.min(height, Math.round((width * 3) / 2));
      await sharp(source).rotate().resize(Math.round((side * 2) / 3), side, { fit: 'cover' }).jpeg({ quality: 90 }).toFile(target);
    } else {
      fs.copyFileSync(source, target);
    }
  }
  return targets.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { project: { type: 'string' } } });
  const from = positionals[0];
  if (!from) {
    console.error('usage: npm run real-photos -- <folder of JPEG photographs> [--project DIR]');
    process.exit(2);
  }
  const n = await saveRealPhotos(path.resolve(values.project ?? '.'), path.resolve(from));
  console.log(`${n} photo files replaced by photographs from ${from} (every ${UPRIGHT_EVERY}th cropped upright)`);
}
