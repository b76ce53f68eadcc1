/**
 * Every built page against axe-core's WCAG 2.2 AA rules in both colour
 * schemes, the open lightbox too; no sideways scrolling at 320 px; and no
 * console error, Content-Security-Policy violation or request off this host.
 * Pictures of the pages for a person to review are not a test: `npm run
 * screenshots -- --all` writes them (scripts/screenshots.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from '../helpers/axe.ts';
import { goTo, lightboxOpen, photoLinks, settled, useSite, VIEWPORT, type OpenPage } from '../helpers/browser.ts';
import { content, gallery, photoAt, photos } from '../helpers/content.ts';
import { pagePaths } from '../helpers/dist.ts';

const site = useSite();

describe('the harness', () => {
  it('reports a violation when there is one', async () => {
    const { page, close } = await site.open('/');
    try {
      await page.evaluate(() => document.querySelector('main')?.append(Object.assign(document.createElement('img'), { src: '/favicon.svg' })));
      expect((await violations(page)).join('\n')).toMatch(/^image-alt \(critical\)/m);
    } finally {
      await close();
    }
  });

  it('reports a Content-Security-Policy violation when there is one (so "no error" on every page, below, means none)', async () => {
    const { page, errors, close } = await site.open(`/${gallery.id}/`);
    try {
      await page.evaluate(() => {
        const el = document.createElement('p');
        el.setAttribute('style', 'color: red');
        document.body.append(el);
      });
      await expect.poll(() => errors.join('\n')).toMatch(/^securitypolicyviolation: style-src-attr /m);
    } finally {
      await close();
    }
  });
});

const paths = pagePaths();

/**
 * Every page, loaded once: axe in the light colour scheme, then in the dark one (the page switched by
 * emulating the media feature, as a reader's system switch does, without a reload), then the same page at
 * 320 px wide. One page load for three checks: most of a check's time is loading and painting the page.
 * One browser tab goes from page to page (goTo): a new context for each cost about two seconds a page here.
 */
describe('every page', () => {
  let tab: OpenPage | undefined;
  beforeAll(async () => {
    tab = await site.open(paths[0] ?? '/');
  });
  afterAll(() => tab?.close());

  it('is every page of the built site, photo pages and the 404 page included', () => {
    expect(paths).toContain('/404.html');
    expect(paths.length).toBe(2 + content.galleries.reduce((n, g) => n + 1 + g.photos.length, 0) + content.essays.length);
    expect(paths.filter((p) => p.startsWith(`/${gallery.id}/`) && p !== `/${gallery.id}/`)).toHaveLength(photos.length);
  });

  it.each(paths)('%s: axe finds nothing in either colour scheme, nothing scrolls sideways at 320 px wide, no error, no request off this host', async (p) => {
    if (!tab) throw new Error('no tab');
    const { page, errors, external } = tab;
    await goTo(tab, site.url + p, VIEWPORT);
    // Lazy images and fonts in place, as a reader would see the page.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await settled(page);
    expect(await violations(page), 'light').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    await settled(page);
    expect(await violations(page), 'dark').toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'at 320 px').toBe(0);
    // No console error or warning, uncaught exception or Content-Security-Policy violation, and nothing fetched from elsewhere.
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});

describe.each(['light', 'dark'] as const)('axe, WCAG 2.2 AA, %s colour scheme', (colorScheme) => {
  it('finds nothing on the gallery before any scrolling, its photos still held back', async () => {
    const { page, close } = await site.open(`/${gallery.id}/`, { colorScheme });
    try {
      await settled(page);
      expect(await page.locator('img:not([src])').count()).toBeGreaterThan(0);
      expect(await violations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('finds nothing in the open lightbox', async () => {
    const { page, close } = await site.open(`/${gallery.id}/`, { colorScheme, reducedMotion: 'reduce' });
    try {
      const shown = photoAt(3);
      await photoLinks(page)
        .nth(shown.number - 1)
        .click();
      await lightboxOpen(page);
      await page.getByRole('dialog', { name: `Photo ${shown.number} of ${photos.length}` }).waitFor();
      expect(await violations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});
