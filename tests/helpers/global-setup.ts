/** Builds the site (`npm run build`) once, so every test reads a real production build. */
import { execFileSync } from 'node:child_process';
import { findChromium } from './chromium.ts';

export default function setup() {
  // Fail early, in one line, when there is no browser to drive.
  findChromium();
  execFileSync(process.execPath, ['scripts/build.ts'], { stdio: 'inherit' });
}
