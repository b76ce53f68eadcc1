/**
 * The Astro build itself, run by scripts/build.ts in a process of its own
 * (so it can be stopped at once, and so its malloc settings, lib/build-env.ts,
 * apply from its start). Builds into the folder it is given. On failure it prints the
 * error's own lines, not Astro's stack trace, unless KFS_VERBOSE=1.
 *
 *   node scripts/astro-build.ts OUT_DIR
 */
import path from 'node:path';
import { build } from 'astro';
import { describeError } from './lib/errors.ts';

const outDir = path.resolve(process.argv[2] ?? 'dist');
const verbose = process.env['KFS_VERBOSE'] === '1';

try {
  await build({ outDir, logLevel: verbose ? 'debug' : 'info' });
} catch (error) {
  console.error(describeError(error, verbose));
  process.exit(1);
}
process.exit(0);
