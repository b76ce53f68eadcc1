/**
 * The first step of `npm run build`, in a process of its own: checks the
 * content once (src/lib/content-check.ts) and writes what it found as the
 * manifest (src/lib/manifest.ts) that Astro's process and the encoder read.
 * On a problem it prints each one, one line naming the file and the field,
 * and exits 1 without writing anything.
 *
 *   node scripts/build/check.ts ROOT MANIFEST
 */
import path from 'node:path';
import { checkContent } from '../../src/lib/content-check.ts';
import { manifestOf, writeManifest } from '../../src/lib/manifest.ts';
import { describeError } from './errors.ts';

const [root = '.', file] = process.argv.slice(2);
if (!file) throw new Error('usage: node scripts/build/check.ts ROOT MANIFEST');
try {
  const report = await checkContent(path.resolve(root));
  if (report.errors.length > 0) {
    for (const line of report.errors) console.error(line);
    process.exit(1);
  }
  writeManifest(path.resolve(file), manifestOf(report));
} catch (error) {
  console.error(describeError(error, process.env['KFS_VERBOSE'] === '1'));
  process.exit(1);
}
