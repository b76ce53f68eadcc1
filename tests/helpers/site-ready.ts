/** The `site` project's setup file: each of its test files starts once the site is built (site-build.ts), or fails with the build's output. */
import { siteBuilt } from './site-build.ts';

await siteBuilt();
