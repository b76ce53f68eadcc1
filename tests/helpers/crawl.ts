/**
 * A link check in a real browser: from the home page, every page reached by
 * following links, and on each every address it refers to (links, images,
 * srcset candidates, scripts, stylesheets, icons, meta URLs). Each must stay
 * under the site's base path and resolve; absolute https addresses (canonical,
 * Open Graph, JSON-LD) must be under the public address.
 */
import type { BrowserContext } from 'playwright-core';
import { addresses } from './html.ts';

export interface Crawl {
  /** Pages visited. */
  pages: string[];
  /** One line per broken or stray reference, per failed request; empty when all is well. */
  problems: string[];
}

/** Crawls the site served at `origin` under `base`, whose public address (base path included) is `site`. */
export async function crawl(context: BrowserContext, origin: string, base: string, site: string): Promise<Crawl> {
  const publicRoot = site.endsWith('/') ? site : `${site}/`;
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  // A request the crawl's own next navigation cut short (a photo released as the page was left) is no fault of
  // the site: what the page refers to is fetched on its own below.
  page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`));
  const toVisit = [`${origin}${base}`];
  const visited = new Set<string>();
  const checked = new Set<string>();
  while (toVisit.length > 0) {
    const at = toVisit.shift() ?? '';
    if (visited.has(at)) continue;
    visited.add(at);
    // The load event, not network idle (half a second of silence on every page): what loads later is a
    // reference of the page, and is fetched below.
    const response = await page.goto(at, { waitUntil: 'load' });
    if (response?.status() !== 200) problems.push(`${response?.status()} ${at}`);
    // The page as it is now, held-back photos included: what it refers to (html.ts).
    for (const raw of addresses(await page.content())) {
      const target = new URL(raw, at);
      if (target.protocol === 'https:') {
        if (!target.href.startsWith(publicRoot)) problems.push(`${at}: ${raw} is not under ${publicRoot}`);
        continue;
      }
      if (target.origin !== origin) {
        problems.push(`${at}: ${raw} leaves the site`);
        continue;
      }
      if (!target.pathname.startsWith(base)) problems.push(`${at}: ${raw} is outside ${base}`);
      target.hash = '';
      if (checked.has(target.href)) continue;
      checked.add(target.href);
      const fetched = await context.request.get(target.href);
      if (fetched.status() !== 200) problems.push(`${at}: ${raw} answers ${fetched.status()}`);
      if (target.pathname.endsWith('/')) toVisit.push(target.href);
    }
  }
  await page.close();
  return { pages: [...visited], problems };
}
