/**
 * The site under a base path, as a GitHub Pages project site is served:
 * SITE_URL=https://user.github.io/repo, the built site served at /repo/
 * only, and crawled in Chromium. Every link, image, script, stylesheet and
 * font resolves, none leaves /repo/, canonical and card URLs carry it, and
 * the lightbox works there. And SITE_URL itself: a wrong one fails in one
 * line, an unset one is said.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '../helpers/chromium.ts';
import { fixtureProject, type Project } from '../helpers/project.ts';
import { serve, type StaticServer } from '../helpers/server.ts';

const SITE = 'https://user.github.io/repo';
const BASE = '/repo/';
let project: Project;
let server: StaticServer;
let browser: Browser;
let output = '';

beforeAll(async () => {
  project = fixtureProject('small');
  const r = project.buildWith({ SITE_URL: SITE });
  output = r.output;
  if (r.status !== 0) throw new Error(`build failed:\n${r.output}`);
  server = await serve(project.at('dist'), 0, BASE);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  project?.remove();
});

/** Every address a page refers to: links, sources, srcset candidates, and the URLs in its meta tags. */
const references = () =>
  [...document.querySelectorAll('[href], [src], [srcset], [data-pswp-src], [data-pswp-srcset], meta[content^="http"]')].flatMap((el) => [
    ...['href', 'src', 'data-pswp-src', 'content'].map((a) => el.getAttribute(a)).filter((v): v is string => !!v),
    ...['srcset', 'data-pswp-srcset'].flatMap((a) => (el.getAttribute(a) ?? '').split(',').map((c) => c.trim().split(/\s+/)[0] ?? '').filter(Boolean)),
  ]);

describe(`the site built for ${SITE}`, () => {
  it('does not warn of a placeholder address', () => expect(output).not.toContain('SITE_URL is not set'));

  it('has every reference inside /repo/ and every one resolves, on every page, in a real browser', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
    const toVisit = [`${server.url}${BASE}`];
    const visited = new Set<string>();
    const checked = new Set<string>();
    while (toVisit.length > 0) {
      const at = toVisit.shift() ?? '';
      if (visited.has(at)) continue;
      visited.add(at);
      const response = await page.goto(at, { waitUntil: 'networkidle' });
      expect(response?.status(), at).toBe(200);
      for (const raw of await page.evaluate(references)) {
        const target = new URL(raw, at);
        if (target.protocol === 'https:') {
          // Canonical, Open Graph and Twitter URLs: the public address, base path included.
          expect(target.href.startsWith(`${SITE}/`), `${at}: ${raw}`).toBe(true);
          continue;
        }
        if (target.origin !== server.url) continue;
        expect(target.pathname.startsWith(BASE), `${at}: ${raw}`).toBe(true);
        target.hash = '';
        if (checked.has(target.href)) continue;
        checked.add(target.href);
        const fetched = await context.request.get(target.href);
        expect(fetched.status(), `${at}: ${raw}`).toBe(200);
        if (target.pathname.endsWith('/')) toVisit.push(target.href);
      }
    }
    expect(failed).toEqual([]);
    // Home, gallery, three photo pages and the essay: all reached by following links.
    expect(visited.size).toBeGreaterThanOrEqual(6);
    await context.close();
  });

  it('opens the lightbox there, and the address follows the photo under /repo/', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${BASE}studio/`);
    await page.locator('a[data-pswp-width]').first().click();
    await page.getByRole('dialog').waitFor();
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).hash).toBe(`${BASE}studio/#first-light`);
    await page.close();
  });

  it('serves its 404 page under /repo/ with its styles', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}${BASE}no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toBe('');
    const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.every((h) => h?.startsWith(BASE))).toBe(true);
    await page.close();
  });
});

describe('SITE_URL', () => {
  it('a wrong one fails the build in one line naming it; dist/ is kept', () => {
    const p = fixtureProject('small');
    try {
      const r = p.buildWith({ SITE_URL: 'user.github.io/repo' });
      expect(r.status).not.toBe(0);
      expect(r.lines[0]).toBe('SITE_URL is "user.github.io/repo", which is not a web address: set it to where the site is served, such as https://example.org or https://user.github.io/repo');
      expect(r.output).toContain('The build failed; dist/ was left as it was.');
    } finally {
      p.remove();
    }
  });

  it('unset, the build says which placeholder address it publishes', () => {
    const p = fixtureProject('small');
    try {
      const r = p.buildWith({ SITE_URL: '' });
      expect(r.status, r.output).toBe(0);
      expect(r.lines).toContain('SITE_URL is not set: canonical URLs and link previews point at https://north-korean-cinema.example.org/, a placeholder. Set it to the address the site is served at (see README, "Deploying").');
    } finally {
      p.remove();
    }
  });
});
