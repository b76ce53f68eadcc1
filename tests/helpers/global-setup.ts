/** The `site` project's global setup: fails at once, in one line, when there is no browser to drive, and starts the site's build and the type check (site-build.ts). */
import { findChromium } from './chromium.ts';
import { startSiteSteps } from './site-build.ts';

export default function setup() {
  findChromium();
  // Returned as the teardown: a run stopped early leaves nothing running.
  return startSiteSteps();
}
