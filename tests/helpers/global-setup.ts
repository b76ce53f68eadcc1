/** Builds the site once into test-results/site (never the editor's dist/), so every test reads a real production build. */
import { execFileSync } from 'node:child_process';
import { findChromium } from './chromium.ts';
import { SITE_DIR } from './dist.ts';
import { ENV } from './project.ts';

export default function setup() {
  // Fail early, in one line, when there is no browser to drive.
  findChromium();
  execFileSync(process.execPath, ['scripts/build.ts', '--out', SITE_DIR], { stdio: 'inherit', env: ENV });
}
