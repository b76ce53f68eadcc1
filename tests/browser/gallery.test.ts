/** The built gallery in a real Chromium, served on 127.0.0.1. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '../helpers/chromium.ts';
import { serve, type StaticServer } from '../helpers/server.ts';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serve('dist');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records console errors and every request that is not to our server. */
async function open(path: string, options: { width?: number; height?: number } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== server.url) external.push(r.url());
  });
  await page.goto(server.url + path, { waitUntil: 'load' });
  return { page, errors, external, close: () => context.close() };
}

/** The caption PhotoSwipe shows for the current slide, if it is on screen. */
const caption = (page: Page) =>
  page.evaluate(() => {
    type Slide = { dynamicCaption?: { element?: HTMLElement } };
    const el = (window as unknown as { pswp?: { currSlide?: Slide } }).pswp?.currSlide?.dynamicCaption?.element;
    if (!el) return '';
    const box = el.getBoundingClientRect();
    const onScreen = box.width > 0 && box.left >= 0 && box.right <= window.innerWidth && getComputedStyle(el).visibility !== 'hidden';
    return onScreen ? el.innerText : '';
  });

describe('gallery lightbox', () => {
  it('opens at the clicked photo with its caption, moves with the arrow key and closes with Esc', async () => {
    const { page, errors, external, close } = await open('/korean-film-studio/');
    try {
      const links = page.getByRole('link', { name: /Placeholder for the photograph/ });
      await expect.poll(() => links.count()).toBe(14);
      await links.nth(2).click();
      const dialog = page.locator('.pswp');
      await page.locator('.pswp--ui-visible').waitFor();
      // PhotoSwipe ignores keys until its opening animation has finished.
      await page.waitForFunction(() => (window as unknown as { pswp?: { opener: { isOpen: boolean } } }).pswp?.opener.isOpen === true);
      await expect.poll(() => caption(page)).toContain('Scene of a couple breaking up at the airport.');
      await expect.poll(() => page.locator('.pswp__counter').innerText()).toBe('3 / 14');

      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.locator('.pswp__counter').innerText()).toBe('4 / 14');
      await expect.poll(() => caption(page)).toContain('Five actors smile brightly at the camera');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(page.url()).toBe(`${server.url}/korean-film-studio/`);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await close();
    }
  });

  it('loads no PhotoSwipe code or styles before the first click', async () => {
    const { page, close } = await open('/korean-film-studio/');
    try {
      const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect((await loaded()).filter((u) => /photoswipe|lightbox/i.test(u))).toEqual([]);
      await page.getByRole('link', { name: /Placeholder for the photograph/ }).first().click();
      await page.locator('.pswp').waitFor({ state: 'visible' });
      expect((await loaded()).some((u) => /photoswipe/i.test(u))).toBe(true);
    } finally {
      await close();
    }
  });

  it('makes no request off this host and logs no error on any page', async () => {
    for (const path of ['/', '/korean-film-studio/', '/essays/north-korean-cinema-at-a-crossroads/', '/404.html']) {
      const { page, errors, external, close } = await open(path);
      try {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForLoadState('networkidle');
        expect(errors, path).toEqual([]);
        expect(external, path).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it('has no layout shift while the gallery loads and scrolls', async () => {
    for (const viewport of [
      { width: 360, height: 800 },
      { width: 1440, height: 900 },
    ]) {
      const { page, close } = await open('/korean-film-studio/', viewport);
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
          await page.waitForTimeout(50);
        }
        await page.waitForLoadState('networkidle');
        const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
        expect(cls, `${viewport.width}x${viewport.height}`).toBe(0);
      } finally {
        await close();
      }
    }
  });

  it('without JavaScript, every photo and caption is there and each photo links to its large version', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/korean-film-studio/`);
      const figures = page.locator('figure');
      expect(await figures.count()).toBe(14);
      const href = await page.getByRole('link', { name: /Placeholder for the photograph/ }).nth(4).getAttribute('href');
      const response = await page.goto(server.url + href);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toBe('image/jpeg');
    } finally {
      await context.close();
    }
  });
});
