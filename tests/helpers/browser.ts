/**
 * The built site in a real Chromium: one static server and one browser per
 * test file, and pages that record console errors, warnings and every
 * request that leaves our server.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { PHOTO_LINKS } from '../../src/client/dom.ts';
import { launch } from './chromium.ts';
import { DIST } from './dist.ts';
import { serve, type StaticServer } from './server.ts';

export interface OpenPage {
  page: Page;
  /** Console errors and warnings, uncaught exceptions and Content-Security-Policy violations, in order. */
  errors: string[];
  /** Requests to anything but our server. */
  external: string[];
  close: () => Promise<void>;
}

export interface Site {
  /** The server's origin, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** A new browser context on `path`; `before` runs on the page before it navigates (to listen from the first request). */
  open: (path: string, options?: BrowserContextOptions, before?: (page: Page) => unknown) => Promise<OpenPage>;
}

/** The viewport a page opens with unless a test asks for another. */
export const VIEWPORT = { width: 1280, height: 800 };

/** Call at the top of a test file: serves the built site (or `dir`) and launches Chromium for its tests. */
export function useSite(dir = DIST): Site {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serve(dir);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const ready = () => {
    if (!server || !browser) throw new Error('useSite(): the server and browser start in beforeAll');
    return { server, browser };
  };
  return {
    get url() {
      return ready().server.url;
    },
    async open(path, options = {}, before) {
      const { server, browser } = ready();
      const context = await browser.newContext({ viewport: VIEWPORT, ...options });
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
      await page.exposeFunction('__cspViolation', (v: string) => errors.push(`securitypolicyviolation: ${v}`));
      await page.addInitScript(() =>
        addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
        ),
      );
      await before?.(page);
      await page.goto(server.url + path, { waitUntil: 'load' });
      return { page, errors, external, close: () => context.close() };
    },
  };
}

/**
 * Takes an open page to `url`, in the light colour scheme (and at `viewport`, when given), as a reader's tab
 * goes from page to page; what the page before logged and asked for is forgotten. Cheaper than a new context
 * a page: no renderer to start, and what a test injects (axe) is compiled once. A page already at `url` stays
 * as it was opened, with what it logged.
 */
export async function goTo({ page, errors, external }: OpenPage, url: string, viewport?: { width: number; height: number }): Promise<void> {
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: 'light' });
  if (page.url() === url) return;
  errors.length = 0;
  external.length = 0;
  await page.goto(url, { waitUntil: 'load' });
}

/** Resolves once PhotoSwipe has finished opening: it ignores keys until then. */
export const lightboxOpen = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { pswp?: { opener: { isOpen: boolean } } }).pswp?.opener.isOpen === true);

/** The caption PhotoSwipe shows for the current slide, if it is on screen. */
export const lightboxCaption = (page: Page) =>
  page.evaluate(() => {
    type Slide = { dynamicCaption?: { element?: HTMLElement } };
    const el = (window as unknown as { pswp?: { currSlide?: Slide } }).pswp?.currSlide?.dynamicCaption?.element;
    if (!el) return '';
    const box = el.getBoundingClientRect();
    const onScreen = box.width > 0 && box.left >= 0 && box.right <= window.innerWidth && getComputedStyle(el).visibility !== 'hidden';
    return onScreen ? el.innerText : '';
  });

/** The gallery's photo links, in order: what the lightbox opens (src/client/dom.ts). */
export const photoLinks = (page: Page) => page.locator(PHOTO_LINKS);

/**
 * Waits, by events, until the page is as a reader sees it: loaded, the
 * photos on screen released (two frames for the gallery's observer) and
 * loaded or failed, and the fonts in. Faster than Playwright's
 * `networkidle`, which always waits half a second of silence; at most
 * `timeout` ms. A page opened with JavaScript off cannot be asked
 * anything: for it, `networkidle` is the event to wait on.
 */
export async function settled(page: Page, { timeout = 15_000, javaScript = true } = {}): Promise<void> {
  if (!javaScript) return page.waitForLoadState('networkidle', { timeout });
  await page.waitForLoadState('load', { timeout });
  await page.evaluate(async (ms) => {
    const frame = () => new Promise(requestAnimationFrame);
    await frame();
    await frame();
    const onScreen = (img: HTMLImageElement) => {
      const r = img.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.width > 0;
    };
    const pending = [...document.images].filter((img) => img.getAttribute('src') && !img.complete && onScreen(img));
    const loaded = (img: HTMLImageElement) => new Promise((resolve) => (img.addEventListener('load', resolve, { once: true }), img.addEventListener('error', resolve, { once: true })));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([document.fonts.ready, ...pending.map(loaded)]),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${pending.length} images still loading after ${ms} ms`)), ms))),
    ]).finally(() => clearTimeout(timer));
  }, timeout);
}
