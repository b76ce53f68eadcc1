/**
 * The last step of `npm run build` (and of a plain `astro build`), in a
 * process of its own once Astro's has ended, so that the memory of the pages
 * and of the encoder never add up: publishes every variant the manifest
 * plans into OUT_DIR/_astro/, from the image cache or encoded
 * (src/lib/photo-pipeline.ts). On failure it prints the error's one line
 * and exits 1.
 *
 *   node scripts/build/encode.ts MANIFEST OUT_DIR CACHE_DIR
 */
import path from 'node:path';
import { readManifest } from '../../src/lib/manifest.ts';
import { publishVariants } from '../../src/lib/photo-pipeline.ts';
import { describeError } from './errors.ts';

const [manifest, outDir, cacheDir] = process.argv.slice(2);
if (!manifest || !outDir || !cacheDir) throw new Error('usage: node scripts/build/encode.ts MANIFEST OUT_DIR CACHE_DIR');
const time = () => new Date().toTimeString().slice(0, 8);
try {
  const done = await publishVariants(readManifest(manifest), path.resolve(outDir), path.resolve(cacheDir), {
    onStart: (toEncode, cached) => console.log(`${time()} [photos] encoding ${toEncode} photo variants (${cached} more from the cache)…`),
  });
  const tidy = [done.swept > 0 && `${done.swept} half-written files of a stopped build removed`, done.pruned > 0 && `${done.pruned} unused variants pruned from the cache`].filter(Boolean);
  console.log(`${time()} [photos] ${done.variants} photo variants published in ${(done.ms / 1000).toFixed(1)} s${tidy.length > 0 ? ` (${tidy.join('; ')})` : ''}`);
} catch (error) {
  console.error(describeError(error, process.env['KFS_VERBOSE'] === '1'));
  process.exit(1);
}
