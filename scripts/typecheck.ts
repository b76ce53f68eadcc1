/**
 * `astro check`, made strict: it exits 0 even when it could not load
 * @astrojs/check at all, so this also requires its "Result" line.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const astro = path.resolve('node_modules/astro/bin/astro.mjs');
const r = spawnSync(process.execPath, [astro, 'check'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
const result = /Result \(\d+ files\):\s*\n- (\d+) errors?/.exec(r.stdout);
if (r.status !== 0 || !result) {
  console.error(result ? 'astro check found errors.' : 'astro check did not run: no "Result" line in its output.');
  process.exit(1);
}
if (result[1] !== '0') process.exit(1);
