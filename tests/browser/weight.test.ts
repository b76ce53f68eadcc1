/**
 * Page weight, in bytes, not time: what the gallery makes a browser fetch
 * before the reader scrolls or touches anything. Only the photos on the
 * first screen (and the cover), each at the smallest width of its ladder that covers its
 * displayed size at the screen's pixel ratio; and under 5 KB of JavaScript,
 * compressed, PhotoSwipe being fetched on first use only.
 */
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { coveringWidth } from '../../src/lib/layout.ts';
import { settled, useSite } from '../helpers/browser.ts';
import { gallery, photoAt } from '../helpers/content.ts';

const site = useSite();
const JS_BUDGET = 5 * 1024;

interface Fetched {
  url: string;
  type: string;
  bytes: number;
  gzip: number;
}

/**
 * The images on the first screen, and the gallery's cover wherever it is (loaded at once, as the first
 * screen of the gallery's own address needs it): what each shows, how wide it is shown, and the widths its
 * srcset offers.
 */
const firstScreen = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('img')]
      .filter((img) => {
        const box = img.getBoundingClientRect();
        return (box.bottom > 0 && box.top < window.innerHeight && box.width > 0) || img.closest('.cover');
      })
      .map((img) => {
        const url = new URL(img.currentSrc, location.href).href;
        // The chosen file's width is its `w` descriptor; naturalWidth is in CSS pixels.
        const candidates = [...(img.closest('picture') ?? img).querySelectorAll('source, img')].flatMap((el) =>
          (el.getAttribute('srcset') ?? '').split(',').map((c) => c.trim().split(/\s+/)),
        );
        const chosen = candidates.find(([u]) => u && new URL(u, location.href).href === url);
        const ofSameType = candidates.filter(([u]) => u && u.split('.').pop() === url.split('.').pop());
        return {
          url: new URL(url).pathname,
          shown: img.getBoundingClientRect().width,
          file: Number(chosen?.[1]?.replace('w', '') ?? NaN),
          ladder: ofSameType.map(([, w]) => Number(w?.replace('w', ''))),
        };
      }),
  );

const inlineScripts = (page: Page) => page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? ''));

const gz = (b: Buffer | string) => zlib.gzipSync(b, { level: 9 }).length;

describe.each([
  { width: 360, height: 800, ratio: 3 },
  { width: 1440, height: 900, ratio: 1 },
])('page weight at $width x $height, pixel ratio $ratio', ({ width, height, ratio }) => {
  for (const path of [`/${gallery.id}/`, `/${gallery.id}/#${photoAt(2).slug}`, `/${gallery.id}/${photoAt(2).slug}/`]) {
    it(`${path}: first-screen photos only, each at the width it needs; JavaScript under 5 KB`, async () => {
      // Each response's body is read as it comes; all of them are awaited before anything is compared.
      const reading: Promise<Fetched>[] = [];
      const listen = (page: Page) =>
        page.on('response', (r) =>
          reading.push(
            r
              .body()
              .catch(() => Buffer.alloc(0))
              .then((body) => ({ url: new URL(r.url()).pathname, type: r.request().resourceType(), bytes: body.length, gzip: gz(body) })),
          ),
        );
      const { page, close } = await site.open(path, { viewport: { width, height }, deviceScaleFactor: ratio }, listen);
      try {
        // The photos on screen are released by the gallery's observer, then loaded; only then is silence
        // on the network the end of the first screen's fetching (under load, half a second of it came once
        // before the observer had released the photos the anchor scrolled to).
        await settled(page);
        await page.waitForLoadState('networkidle');
        const shown = await firstScreen(page);
        const fetched = await Promise.all(reading);

        const images = fetched.filter((f) => f.type === 'image' && !f.url.endsWith('.svg'));
        expect(images.map((f) => f.url).sort(), 'images fetched = images on the first screen').toEqual(shown.map((s) => s.url).sort());
        for (const s of shown) {
          expect(s.file, `${s.url}, shown ${s.shown} px wide at ${ratio}x`).toBe(coveringWidth(s.ladder, s.shown * ratio));
        }

        const scripts = fetched.filter((f) => f.type === 'script');
        expect(scripts.map((f) => f.url).filter((u) => /photoswipe|lightbox/i.test(u))).toEqual([]);
        const js = scripts.reduce((n, f) => n + f.gzip, 0) + (await inlineScripts(page)).reduce((n, t) => n + gz(t), 0);
        expect(js).toBeLessThan(JS_BUDGET);

        const total = fetched.reduce((n, f) => n + f.bytes, 0);
        const totalGzip = fetched.reduce((n, f) => n + (f.type === 'image' || f.type === 'font' ? f.bytes : f.gzip), 0);
        const imageBytes = images.reduce((n, f) => n + f.bytes, 0);
        console.log(
          `[weight] ${path} at ${width}x${height}@${ratio}x: ${fetched.length} requests, ${(total / 1024).toFixed(1)} KiB in all ` +
            `(${(totalGzip / 1024).toFixed(1)} KiB with text gzipped); ` +
            `${images.length} image(s) ${(imageBytes / 1024).toFixed(1)} KiB; JavaScript ${(js / 1024).toFixed(2)} KiB gzip`,
        );
      } finally {
        await close();
      }
    });
  }
});
