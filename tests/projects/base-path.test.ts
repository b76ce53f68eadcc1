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
import { crawl } from '../helpers/crawl.ts';
import { textOf } from '../helpers/dist.ts';
import { $, $$, addresses, rawText } from '../helpers/html.ts';
import { fixtureProject, type Project } from '../helpers/project.ts';
import { serve, type StaticServer } from '../helpers/server.ts';
import { htmlErrors } from '../helpers/vnu.ts';

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

describe(`the site built for ${SITE}`, () => {
  it('does not warn of a placeholder address', () => expect(output).not.toContain('SITE_URL is not set'));

  it('has every reference inside /repo/ and every one resolves, on every page, in a real browser', async () => {
    const context = await browser.newContext();
    const { pages, problems } = await crawl(context, server.url, BASE, SITE);
    await context.close();
    expect(problems).toEqual([]);
    // Home, gallery, three photo pages and the essay: all reached by following links.
    expect(pages.length).toBeGreaterThanOrEqual(6);
  });

  it('is valid HTML, by the Nu Html Checker', () => {
    expect(htmlErrors(project.at('dist'))).toEqual([]);
  });

  it('names its sitemap under /repo/ in robots.txt, and lists its pages there', async () => {
    const robots = await (await fetch(`${server.url}${BASE}robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
    const index = await (await fetch(`${server.url}${BASE}sitemap-index.xml`)).text();
    const first = textOf($(index, 'loc', true) ?? '');
    expect(first.startsWith(`${SITE}/`)).toBe(true);
    const urls = $$(await (await fetch(`${server.url}${new URL(first).pathname}`)).text(), 'url > loc', true).map((l) => textOf(l));
    expect(urls.length).toBeGreaterThanOrEqual(6);
    expect(urls.every((u) => u.startsWith(`${SITE}/`))).toBe(true);
  });

  it('has its feed under /repo/, every address in it absolute and under the public address', async () => {
    const feed = await (await fetch(`${server.url}${BASE}rss.xml`)).text();
    // The channel's and each item's link and guid, and every address in each item's HTML.
    const named = [
      ...$$(feed, 'channel > link, item > link, item > guid', true).map((el) => textOf(el)),
      ...$$(feed, 'item > content\\:encoded', true).flatMap((el) => addresses(rawText(el))),
    ];
    expect(named.length).toBeGreaterThanOrEqual(1 + 2 * 2 + 3);
    for (const a of named) expect(a.startsWith(`${SITE}/`), a).toBe(true);
    for (const a of named.filter((a) => a.includes('/_astro/'))) expect((await fetch(`${server.url}${new URL(a).pathname}`)).status, a).toBe(200);
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
