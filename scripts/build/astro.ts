/**
 * The second step of `npm run build`: the Astro build itself, in a process
 * of its own (so it can be stopped at once, so its malloc settings, env.ts,
 * apply from its start, and so its memory is given back before the encoder
 * starts). Builds the pages into the folder it is given, from the manifest
 * the first step wrote (KFS_MANIFEST, read by src/integrations/content.ts).
 * On failure it prints the error's own lines, not Astro's stack trace,
 * unless KFS_VERBOSE=1.
 *
 *   node scripts/build/astro.ts OUT_DIR
 */
import path from 'node:path';
import { build } from 'astro';
import { describeError } from './errors.ts';

const outDir = path.resolve(process.argv[2] ?? 'dist');
const verbose = process.env['KFS_VERBOSE'] === '1';

try {
  await build({ outDir, logLevel: verbose ? 'debug' : 'info' });
} catch (error) {
  console.error(describeError(error, verbose));
  process.exit(1);
}
process.exit(0);
