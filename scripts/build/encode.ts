/**
 * The last step of `npm run build` (and of a plain `astro build`), in a
 * process of its own once Astro's has ended, so that the memory of the pages
 * and of the encoder never add up: publishes every variant the manifest
 * plans into OUT_DIR/_astro/, from the image cache or encoded
 * (src/lib/photo-pipeline.ts). With `--part K/N`, only the K-th of N parts
 * of the photos: the build runs one fresh process per part (manifest.ts,
 * `partsOf`), so that what the allocator keeps is given back between parts.
 * On failure it prints the error's one line and exits 1.
 *
 *   node scripts/build/encode.ts MANIFEST OUT_DIR CACHE_DIR [--part K/N]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parsePart, readManifest } from '../../src/lib/manifest.ts';
import { publishVariants } from '../../src/lib/photo-pipeline.ts';
import { describeError } from './errors.ts';

const USAGE = 'usage: node scripts/build/encode.ts MANIFEST OUT_DIR CACHE_DIR [--part K/N]';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { part: { type: 'string', default: '1/1' } } });
const [manifest, outDir, cacheDir] = positionals;
const part = parsePart(values.part);
if (!manifest || !outDir || !cacheDir || !part) throw new Error(USAGE);
const time = () => new Date().toTimeString().slice(0, 8);
const of = part.count > 1 ? `part ${part.index} of ${part.count}: ` : '';
try {
  const done = await publishVariants(readManifest(manifest), path.resolve(outDir), path.resolve(cacheDir), {
    part,
    onStart: (toEncode, cached) => console.log(`${time()} [photos] ${of}encoding ${toEncode} photo variants (${cached} more from the cache)…`),
  });
  const tidy = [done.swept > 0 && `${done.swept} half-written files of a stopped build removed`, done.pruned > 0 && `${done.pruned} unused variants pruned from the cache`].filter(Boolean);
  console.log(`${time()} [photos] ${of}${done.variants} photo variants published in ${(done.ms / 1000).toFixed(1)} s${tidy.length > 0 ? ` (${tidy.join('; ')})` : ''}`);
} catch (error) {
  console.error(describeError(error, process.env['KFS_VERBOSE'] === '1'));
  process.exit(1);
}
