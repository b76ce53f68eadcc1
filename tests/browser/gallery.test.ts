/** The built gallery in a real Chromium: the lightbox, what loads when, layout stability, no JavaScript. */
import { describe, expect, it } from 'vitest';
import { lightboxCaption, lightboxOpen, photoLinks, settled, useSite } from '../helpers/browser.ts';
import { launch } from '../helpers/chromium.ts';
import { crawl } from '../helpers/crawl.ts';
import { content, gallery, photos } from '../helpers/content.ts';

const site = useSite();
const GALLERY = `/${gallery.id}/`;
const total = photos.length;
// A photo in the middle, and the one after it (any gallery of two or more).
const start = Math.max(0, Math.min(2, total - 2));
const next = Math.min(start + 1, total - 1);

describe('gallery lightbox', () => {
  it('opens at the clicked photo with its caption, moves with the arrow key and closes with Esc', async () => {
    const { page, errors, external, close } = await site.open(GALLERY);
    try {
      const links = photoLinks(page);
      await expect.poll(() => links.count()).toBe(total);
      await links.nth(start).click();
      const dialog = page.getByRole('dialog');
      await lightboxOpen(page);
      await expect.poll(() => lightboxCaption(page)).toContain(photos[start]!.caption);
      await expect.poll(() => page.locator('.pswp__counter').innerText()).toBe(`${start + 1} / ${total}`);

      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.locator('.pswp__counter').innerText()).toBe(`${next + 1} / ${total}`);
      await expect.poll(() => lightboxCaption(page)).toContain(photos[next]!.caption);

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.url()).toBe(`${site.url}${GALLERY}`);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await close();
    }
  });

  it('loads no PhotoSwipe code or styles before the first click', async () => {
    const { page, close } = await site.open(GALLERY);
    try {
      const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect((await loaded()).filter((u) => /photoswipe|lightbox/i.test(u))).toEqual([]);
      await photoLinks(page).first().click();
      await page.locator('.pswp').waitFor({ state: 'visible' });
      expect((await loaded()).some((u) => /photoswipe/i.test(u))).toBe(true);
    } finally {
      await close();
    }
  });

  it('has no broken link: every page reached from the home page, every reference on it resolves', async () => {
    const browser = await launch();
    try {
      const home = await site.open('/');
      const canonical = await home.page.locator('link[rel="canonical"]').getAttribute('href');
      await home.close();
      const { pages, problems } = await crawl(await browser.newContext(), site.url, '/', new URL(canonical ?? '').origin);
      expect(problems).toEqual([]);
      expect(pages.length).toBe(1 + content.galleries.reduce((n, g) => n + 1 + g.photos.length, 0) + content.essays.length);
    } finally {
      await browser.close();
    }
  });

  it('has no layout shift while the gallery loads and scrolls', async () => {
    for (const viewport of [
      { width: 360, height: 800 },
      { width: 1440, height: 900 },
    ]) {
      const { page, close } = await site.open(GALLERY, { viewport });
      try {
        await page.evaluate(() => {
          const w = window as unknown as { __cls: number };
          w.__cls = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!e.hadRecentInput) w.__cls += e.value;
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        for (let y = 0; y < 40; y++) {
          await page.mouse.wheel(0, 800);
          // The next frame: the scroll has been laid out and painted, so any shift it caused is recorded.
          await page.evaluate(() => new Promise(requestAnimationFrame));
        }
        await settled(page);
        const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
        expect(cls, `${viewport.width}x${viewport.height}`).toBe(0);
      } finally {
        await close();
      }
    }
  });
});
