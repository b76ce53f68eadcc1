/**
 * The reading experience, measured in Chromium on a site of real
 * photographs (tests/fixtures/reading: a 16:10 cover, an upright 2:3 photo
 * and a 16:9 one, and an article with photos placed in its text), at a
 * desktop, a laptop and a touch phone, light and dark. Every expectation is
 * read from the fixture's content; nothing compares screenshots.
 */
import zlib from 'node:zlib';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_MAX_PX, coveringWidth, MAX_HEIGHT_VH } from '../../src/lib/layout.ts';
import { violations } from '../helpers/axe.ts';
import { goTo, lightboxOpen, photoLinks, settled as scrolledIn, useSite } from '../helpers/browser.ts';
import { expectedContent } from '../helpers/content.ts';
import { readPdf } from '../helpers/pdf.ts';
import { fixtureProject } from '../helpers/project.ts';

const project = fixtureProject('reading');
beforeAll(() => {
  const built = project.build();
  if (built.status !== 0) throw new Error(`the fixture did not build:\n${built.output}`);
});
afterAll(() => project.remove());
const site = useSite(project.at('dist'));

const content = await expectedContent(project.dir);
const gallery = content.galleries[0]!;
const photos = gallery.photos;
const essay = content.essays[0]!;
const G = `/${gallery.id}/`;

const SCREENS = {
  desktop: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, share: 0.4 },
  laptop: { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, share: 0.4 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, share: 0.25 },
} as const;
type Screen = keyof typeof SCREENS;
const screen = (name: Screen, colorScheme: 'light' | 'dark' = 'light'): BrowserContextOptions => {
  const { share: _, ...options } = SCREENS[name];
  return { ...options, colorScheme };
};
const SIZES = Object.keys(SCREENS) as Screen[];

/**
 * Runs `check` on the open page in the light colour scheme, then again after switching the page to dark, as a
 * reader's system setting does: the media feature changes, the page is not loaded again. Every measure holds in
 * both, and each page is loaded and painted once instead of twice.
 */
async function inBothSchemes(page: Page, check: (scheme: 'light' | 'dark') => Promise<unknown>): Promise<void> {
  await check('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  await settled(page);
  await check('dark');
}

describe('the fixture', () => {
  it('has what these tests measure: a wide cover, an upright photo, an essay with a lead and placed photos', () => {
    expect(gallery.cover.width).toBeGreaterThan(gallery.cover.height);
    expect(photos.some((p) => p.height > p.width)).toBe(true);
    expect(photos.every((p) => !p.placeholder)).toBe(true);
    expect(essay.photos.length).toBeGreaterThanOrEqual(3);
  });
});

/** Every photograph's box on the first screen, clipped to it, with whether it has really been painted. */
const shownPhotos = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('picture img')].map((img) => {
      const r = img.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      const style = getComputedStyle(img);
      return {
        photo: img.closest('[data-photo]')?.getAttribute('data-photo') ?? '',
        cover: !!img.closest('.cover'),
        area: w * h,
        top: r.top,
        bottom: r.bottom,
        left: r.left,
        right: r.right,
        height: r.height,
        painted: img.complete && img.naturalWidth > 0 && style.opacity === '1' && style.visibility === 'visible',
      };
    }),
  );

/** Resolves once every image on the first screen has loaded and decoded, and the fonts are in. */
const settled = (page: Page) =>
  page.evaluate(async () => {
    await document.fonts.ready;
    const onScreen = [...document.images].filter((img) => img.getBoundingClientRect().top < innerHeight);
    await Promise.all(onScreen.map((img) => img.decode().catch(() => undefined)));
  });

/**
 * The largest contentful paint as the browser computes it: of every image and every block of text on the
 * first screen, the one whose painted area (clipped to the screen; a text block's, the bounding box of its
 * text) is largest. Computed from the layout rather than read from Chromium's PerformanceObserver, which here,
 * with software rendering on two busy cores, now and then reports no entry for an image painted 300 ms after
 * the text (Lighthouse names the cover: docs/performance.md).
 */
const largestPaint = (page: Page) =>
  page.evaluate(() => {
    const clipped = (r: DOMRect) =>
      Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    const candidates: { name: string; area: number }[] = [];
    for (const img of document.querySelectorAll('img')) {
      if (img.complete && img.naturalWidth > 0)
        candidates.push({ name: `img${img.closest('.cover') ? '.cover' : ''}`, area: clipped(img.getBoundingClientRect()) });
    }
    const blocks = new Map<Element, DOMRect[]>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || !node.parentElement || node.parentElement.closest('script, style')) continue;
      const block = node.parentElement.closest('p, h1, h2, li, figcaption, div, header, nav') ?? node.parentElement;
      const range = document.createRange();
      range.selectNodeContents(node);
      blocks.set(block, [...(blocks.get(block) ?? []), ...range.getClientRects()]);
    }
    for (const [block, rects] of blocks) {
      if (rects.length === 0) continue;
      const box = rects.reduce(
        (b, r) =>
          new DOMRect(
            Math.min(b.x, r.x),
            Math.min(b.y, r.y),
            Math.max(b.right, r.right) - Math.min(b.x, r.x),
            Math.max(b.bottom, r.bottom) - Math.min(b.y, r.y),
          ),
      );
      candidates.push({ name: block.tagName.toLowerCase(), area: clipped(box) });
    }
    return candidates.sort((a, b) => b.area - a.area)[0]?.name ?? 'none';
  });

describe('goal 1: a photograph on the first screen of the gallery', () => {
  it.each(SIZES)('at the %s size, light and dark: the cover fills its share of the first screen and is the largest paint', async (name) => {
    const { page, errors, close } = await site.open(G, screen(name));
    try {
      await settled(page);
      await inBothSchemes(page, async () => {
        const shown = await shownPhotos(page);
        const cover = shown.find((s) => s.cover);
        expect(cover?.photo).toBe(gallery.cover.slug);
        expect(cover?.painted).toBe(true);
        const { width, height } = SCREENS[name].viewport;
        const share = shown.filter((s) => s.painted).reduce((n, s) => n + s.area, 0) / (width * height);
        expect(share, `${Math.round(share * 100)} % of the first screen is photograph`).toBeGreaterThanOrEqual(SCREENS[name].share);
        // Headline and byline stay, before it.
        const h1 = await page.getByRole('heading', { level: 1 }).boundingBox();
        expect(h1?.y ?? Infinity).toBeLessThan(cover?.top ?? 0);
        expect(await largestPaint(page)).toBe('img.cover');
      });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('publishes every word of the introduction, after the cover', async () => {
    const { page, close } = await site.open(G);
    try {
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      const cover = text.indexOf(`Photo: ${gallery.cover.credit}`);
      expect(text.indexOf(gallery.introduction)).toBeGreaterThan(cover);
    } finally {
      await close();
    }
  });

  it('on a phone at 3x, fetches the one right-sized AVIF of the cover and nothing below it: 400 KB at most, fonts included', async () => {
    // Each response's body is read as it comes; all of them are awaited before anything is counted.
    const reading: Promise<{ url: string; type: string; bytes: number }>[] = [];
    const listen = (page: Page) =>
      page.on('response', (r) => {
        const type = r.request().resourceType();
        // Text as every host sends it, gzipped; images and fonts are compressed already.
        const size = (body: Buffer) => (['document', 'script', 'stylesheet'].includes(type) ? zlib.gzipSync(body).length : body.length);
        reading.push(
          r
            .body()
            .catch(() => Buffer.alloc(0))
            .then((body) => ({ url: new URL(r.url()).pathname, type, bytes: size(body) })),
        );
      });
    const { page, close } = await site.open(G, screen('phone'), listen);
    try {
      await page.waitForLoadState('networkidle');
      const fetched = await Promise.all(reading);
      const images = fetched.filter((f) => f.type === 'image' && !f.url.endsWith('.svg'));
      expect(images).toHaveLength(1);
      expect(images[0]?.url).toMatch(/\.avif$/);
      const chosen = await page.locator('.cover img').evaluate((img: HTMLImageElement) => {
        const ladder = (img.closest('picture')?.querySelector('source[type="image/avif"]')?.getAttribute('srcset') ?? '').split(', ').map((c) => c.split(' '));
        return {
          url: new URL(img.currentSrc).pathname,
          shown: img.getBoundingClientRect().width,
          ladder: ladder.map(([, w]) => Number(w?.replace('w', ''))),
          file: Number(ladder.find(([u]) => u === new URL(img.currentSrc).pathname)?.[1]?.replace('w', '')),
        };
      });
      expect(chosen.url).toBe(images[0]?.url);
      expect(chosen.file).toBe(coveringWidth(chosen.ladder, chosen.shown * 3));
      const total = fetched.reduce((n, f) => n + f.bytes, 0);
      expect(total, `${Math.round(total / 1000)} KB: ${fetched.map((f) => `${f.url} ${f.bytes}`).join(', ')}`).toBeLessThanOrEqual(400_000);
    } finally {
      await close();
    }
  });
});

/** The photo page's photo and the first line of its caption, against the first screen. */
const photoAndCaption = (page: Page) =>
  page.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('figure picture img');
    const text = document.querySelector('figcaption .caption');
    const walker =
      text &&
      document.createTreeWalker(text, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
    const first = walker?.nextNode();
    const range = document.createRange();
    if (first) range.selectNodeContents(first);
    const line = first ? range.getClientRects()[0] : undefined;
    const r = img?.getBoundingClientRect();
    return {
      photo: r && { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
      painted: !!img && img.complete && img.naturalWidth > 0,
      firstLine: line && { top: line.top, bottom: line.bottom },
      screen: { width: document.documentElement.clientWidth, height: innerHeight },
    };
  });

describe('goal 2: on a photo page, the photo and its caption together', () => {
  it.each(SIZES)('at the %s size, light and dark: every photo whole and the first line of its caption on the first screen', async (name) => {
    // One tab going from photo to photo (goTo).
    const tab = await site.open(`${G}${photos[0]!.slug}/`, screen(name));
    const { page, close } = tab;
    try {
      for (const photo of photos) {
        await goTo(tab, `${site.url}${G}${photo.slug}/`);
        await settled(page);
        await inBothSchemes(page, async () => {
          const m = await photoAndCaption(page);
          expect(m.painted, photo.slug).toBe(true);
          expect(m.photo?.top, photo.slug).toBeGreaterThanOrEqual(0);
          expect(m.photo?.left, photo.slug).toBeGreaterThanOrEqual(0);
          expect(m.photo?.right, photo.slug).toBeLessThanOrEqual(m.screen.width + 0.5);
          expect(m.photo?.bottom, photo.slug).toBeLessThanOrEqual(m.screen.height);
          expect(m.firstLine?.top ?? Infinity, photo.slug).toBeGreaterThanOrEqual(m.photo?.bottom ?? Infinity);
          expect(m.firstLine?.bottom ?? Infinity, `${photo.slug}: the caption's first line`).toBeLessThanOrEqual(m.screen.height);
        });
      }
    } finally {
      await close();
    }
  });

  it('follows ← and → to the previous and next photo', async () => {
    const middle = photos[1]!;
    const { page, close } = await site.open(`${G}${middle.slug}/`, screen('laptop'));
    try {
      await page.keyboard.press('ArrowRight');
      await page.waitForURL(`${site.url}${G}${photos[2]!.slug}/`);
      await page.keyboard.press('ArrowLeft');
      await page.waitForURL(`${site.url}${G}${middle.slug}/`);
      await page.keyboard.press('ArrowLeft');
      await page.waitForURL(`${site.url}${G}${photos[0]!.slug}/`);
      // Nothing before the first: the key does nothing, and the page stays.
      await page.keyboard.press('ArrowLeft');
      await page.getByRole('link', { name: /Back to the gallery/ }).focus();
      expect(page.url()).toBe(`${site.url}${G}${photos[0]!.slug}/`);
    } finally {
      await close();
    }
  });

  /** A one-finger swipe across the screen from x0 to x1, through the DevTools protocol's touch events. */
  async function swipe(page: Page, x0: number, x1: number) {
    const cdp = await page.context().newCDPSession(page);
    const y = 400;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
    for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + ((x1 - x0) * i) / 5, y: y + i }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  /** Marks the page once it has been revealed and its view transition, if any, has finished: input is ignored during one. */
  const whenRevealed = (page: Page) =>
    page.addInitScript(() =>
      addEventListener('pagereveal', (e) => {
        const transition = (e as Event & { viewTransition: { finished: Promise<unknown> } | null }).viewTransition;
        const done = () => ((window as unknown as { revealed: boolean }).revealed = true);
        (transition ? transition.finished : Promise.resolve()).then(done, done);
      }),
    );
  const revealed = (page: Page) => page.waitForFunction(() => (window as unknown as { revealed?: boolean }).revealed === true, undefined, { timeout: 15_000 });

  it('turns to the next photo with a swipe to the left on a touch screen, and back with one to the right', async () => {
    const middle = photos[1]!;
    const { page, close } = await site.open(`${G}${middle.slug}/`, screen('phone'), whenRevealed);
    try {
      await revealed(page);
      await swipe(page, 330, 60);
      await page.waitForURL(`${site.url}${G}${photos[2]!.slug}/`);
      await revealed(page);
      await swipe(page, 60, 330);
      await page.waitForURL(`${site.url}${G}${middle.slug}/`);
    } finally {
      await close();
    }
  });

  /** Whether the page the browser shows now came in with a view transition (recorded from its `pagereveal`). */
  const recordTransitions = (page: Page) =>
    page.addInitScript(() =>
      addEventListener('pagereveal', (e) => {
        (window as unknown as { revealedWith: string }).revealedWith = (e as Event & { viewTransition: unknown }).viewTransition ? 'transition' : 'none';
      }),
    );
  const revealedWith = (page: Page) => page.waitForFunction(() => (window as unknown as { revealedWith?: string }).revealedWith).then((h) => h.jsonValue());

  it('animates previous/next with a cross-document view transition, and not at all under reduced motion', async () => {
    for (const [reducedMotion, expected] of [
      ['no-preference', 'transition'],
      ['reduce', 'none'],
    ] as const) {
      const { page, close } = await site.open(`${G}${photos[0]!.slug}/`, { ...screen('laptop'), reducedMotion }, recordTransitions);
      try {
        await page.getByRole('link', { name: /^Next/ }).click();
        await page.waitForURL(`${site.url}${G}${photos[1]!.slug}/`);
        expect(await revealedWith(page), reducedMotion).toBe(expected);
      } finally {
        await close();
      }
    }
  });
});

describe('goal 3: every photo fits the screen it is read on', () => {
  it.each(SIZES)('at the %s size, light and dark: no photo in the gallery is taller than the screen, the upright one included', async (name) => {
    const { page, close } = await site.open(G, screen(name));
    try {
      await inBothSchemes(page, async () => {
        const shown = await shownPhotos(page);
        expect(shown.filter((s) => !s.cover).map((s) => s.photo)).toEqual(photos.map((p) => p.slug));
        const { width, height } = SCREENS[name].viewport;
        for (const s of shown) {
          expect(s.height, s.photo).toBeLessThanOrEqual(height);
          expect(s.right - s.left, s.photo).toBeLessThanOrEqual(width);
        }
      });
    } finally {
      await close();
    }
  });
});

/** The lightbox's current slide: its image as loaded, and the widest variant it could have. */
const currentSlide = (page: Page) =>
  page.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)');
    const widths = (img?.getAttribute('srcset') ?? '').split(', ').map((c) => Number(c.split(' ')[1]?.replace('w', '')));
    const chosen = (img?.getAttribute('srcset') ?? '').split(', ').find((c) => img && c.split(' ')[0] === new URL(img.currentSrc, location.href).pathname);
    return { chosen: Number(chosen?.split(' ')[1]?.replace('w', '') ?? NaN), largest: Math.max(...widths), complete: !!img?.complete };
  });

describe('goal 4: the lightbox', () => {
  it.each(SIZES)('at the %s size, light and dark: hides the page entirely behind the photo', async (name) => {
    const { page, close } = await site.open(G, { ...screen(name), reducedMotion: 'reduce' });
    try {
      await photoLinks(page).nth(0).click();
      await lightboxOpen(page);
      await inBothSchemes(page, async () => {
        const { opacity, seen } = await page.evaluate(() => {
          const bg = document.querySelector('.pswp__bg');
          const opacity = bg ? Number(getComputedStyle(bg).opacity) : 0;
          // What is at the top of a grid of points over the whole screen: never the page.
          const seen = new Set<string>();
          for (let x = 5; x < innerWidth; x += innerWidth / 12) {
            for (let y = 5; y < innerHeight; y += innerHeight / 12) {
              const top = document.elementFromPoint(x, y);
              seen.add(top?.closest('.pswp') ? 'lightbox' : (top?.tagName ?? 'nothing'));
            }
          }
          return { opacity, seen: [...seen] };
        });
        expect(opacity).toBe(1);
        expect(seen).toEqual(['lightbox']);
      });
    } finally {
      await close();
    }
  });

  it.each(['desktop', 'phone'] as const)('at the %s size: zoom loads the largest variant', async (name) => {
    const { page, close } = await site.open(G, { ...screen(name), reducedMotion: 'reduce' });
    try {
      const landscape = photos.findIndex((p) => p.width > p.height);
      await photoLinks(page).nth(landscape).click();
      await lightboxOpen(page);
      await page.getByRole('button', { name: 'Zoom' }).click();
      await expect.poll(async () => (await currentSlide(page)).chosen, { timeout: 10_000 }).toBe((await currentSlide(page)).largest);
    } finally {
      await close();
    }
  });

  it.each(['light', 'dark'] as const)('on a phone, %s: the caption is on the screen, large enough and in contrast on any photo', async (colorScheme) => {
    const { page, close } = await site.open(G, { ...screen('phone', colorScheme), reducedMotion: 'reduce' });
    try {
      for (let i = 0; i < photos.length; i++) {
        if (i === 0) {
          await photoLinks(page).nth(0).click();
          await lightboxOpen(page);
        } else {
          await page.keyboard.press('ArrowRight');
        }
        await page.getByRole('dialog', { name: `Photo ${i + 1} of ${photos.length}` }).waitFor();
        const caption = await page.evaluate(() => {
          type Slide = { dynamicCaption?: { element?: HTMLElement } };
          const el = (window as unknown as { pswp?: { currSlide?: Slide } }).pswp?.currSlide?.dynamicCaption?.element;
          if (!el) return undefined;
          const text = el.querySelector('.caption') ?? el;
          const r = el.getBoundingClientRect();
          // The background behind the text, up to the first opaque one; what shows through is the worst case, white.
          const layers: string[] = [];
          for (let n: Element | null = text; n; n = n.parentElement) {
            const c = getComputedStyle(n).backgroundColor;
            layers.push(c);
            if (/^rgb\(/.test(c)) break;
          }
          return {
            top: r.top,
            bottom: r.bottom,
            left: r.left,
            right: r.right,
            text: el.innerText,
            color: getComputedStyle(text).color,
            fontSize: parseFloat(getComputedStyle(text).fontSize),
            layers,
          };
        });
        expect(caption?.text, `photo ${i + 1}`).toContain(photos[i]!.caption.slice(0, 40));
        expect(caption!.top).toBeGreaterThanOrEqual(0);
        expect(caption!.bottom).toBeLessThanOrEqual(SCREENS.phone.viewport.height);
        expect(caption!.left).toBeGreaterThanOrEqual(0);
        expect(caption!.right).toBeLessThanOrEqual(SCREENS.phone.viewport.width);
        expect(caption!.fontSize).toBeGreaterThanOrEqual(14);
        expect(contrast(caption!.color, caption!.layers), `photo ${i + 1}`).toBeGreaterThanOrEqual(4.5);
      }
    } finally {
      await close();
    }
  });

  it('copies the address of the photo’s own page where there is no Web Share', async () => {
    const noShare = (page: Page) => page.addInitScript(() => delete (Navigator.prototype as Partial<Navigator>).share);
    const { page, close } = await site.open(G, { ...screen('laptop'), permissions: ['clipboard-read', 'clipboard-write'] }, noShare);
    try {
      await photoLinks(page).nth(1).click();
      await lightboxOpen(page);
      await page.getByRole('button', { name: 'Copy the link to this photo' }).click();
      await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${site.url}${G}${photos[1]!.slug}/`);
    } finally {
      await close();
    }
  });

  it('shares the address of the photo’s own page where the device has Web Share', async () => {
    const fakeShare = (page: Page) =>
      page.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'share', {
          configurable: true,
          value: (data: ShareData) => ((window as unknown as { shared: ShareData }).shared = data) && Promise.resolve(),
        });
      });
    const { page, close } = await site.open(G, { ...screen('phone'), reducedMotion: 'reduce' }, fakeShare);
    try {
      await photoLinks(page).nth(2).click();
      await lightboxOpen(page);
      await page.getByRole('button', { name: 'Share this photo' }).click();
      const shared = await page.waitForFunction(() => (window as unknown as { shared?: ShareData }).shared?.url);
      expect(await shared.jsonValue()).toBe(`${site.url}${G}${photos[2]!.slug}/`);
    } finally {
      await close();
    }
  });
});

describe('goal 5: hints only where they apply', () => {
  it('tells of the j and k keys with a mouse and a keyboard, and never on a touch phone', async () => {
    for (const [name, visible] of [
      ['desktop', true],
      ['phone', false],
    ] as const) {
      const { page, close } = await site.open(G, screen(name));
      try {
        expect(await page.getByText('Reading with a keyboard?').isVisible(), name).toBe(visible);
      } finally {
        await close();
      }
    }
  });
});

describe('goal 6: photographs in the article', () => {
  const E = `/essays/${essay.id}/`;
  const placed = essay.photos.map((id) => photos.find((p) => `${gallery.id}/${p.slug}` === id)!);

  it.each(SIZES)('at the %s size, light and dark: the lead at the top, each placed photo where the text puts it, at its size', async (name) => {
    const { page, errors, close } = await site.open(E, screen(name));
    try {
      await inBothSchemes(page, async () => {
        const figures = await page.locator('article figure').evaluateAll((els) =>
          els.map((f) => {
            const text = f.closest('article')?.querySelector(':scope > p:not(.kicker):not(.standfirst), :scope > h2');
            return {
              photo: f.getAttribute('data-photo'),
              frame: [...f.classList].find((c) => c.startsWith('frame-')),
              width: f.querySelector('img')?.getBoundingClientRect().width ?? 0,
              height: f.querySelector('img')?.getBoundingClientRect().height ?? 0,
              textWidth: text?.getBoundingClientRect().width ?? 0,
              beforeText: !!text && !!(f.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING),
              caption: (f.querySelector('figcaption') as HTMLElement | null)?.innerText ?? '',
              href: f.querySelector('a')?.getAttribute('href'),
            };
          }),
        );
        expect(figures.map((f) => f.photo)).toEqual(placed.map((p) => p.slug));
        expect(figures[0]?.beforeText, 'the lead comes before the text').toBe(true);
        const { width, height } = SCREENS[name].viewport;
        for (const [i, f] of figures.entries()) {
          const photo = placed[i]!;
          expect(f.caption).toContain(photo.caption);
          expect(f.caption).toContain(`Photo: ${photo.credit}`);
          expect(f.href).toBe(`${G}${photo.slug}/`);
          expect(f.height, photo.slug).toBeLessThanOrEqual(height);
          // As wide as its size lets it be (the text's width, the photo column, the window), unless that would make
          // it taller than the screen allows.
          const room = { 'frame-column': f.textWidth, 'frame-wide': Math.min(COLUMN_MAX_PX, width), 'frame-full': width }[f.frame ?? ''] ?? NaN;
          const capped = Math.min(room, (MAX_HEIGHT_VH / 100) * height * (photo.width / photo.height));
          expect(f.width, `${photo.slug}, ${f.frame}`).toBeCloseTo(capped, 0);
        }
        // Nothing scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        const text = (await page.locator('article').innerText()).replace(/\s+/g, ' ');
        for (const block of essay.blocks) expect(text).toContain(block);
      });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens a placed photo in the lightbox, with its caption', async () => {
    const { page, close } = await site.open(E, { ...screen('laptop'), reducedMotion: 'reduce' });
    try {
      const last = placed.length - 1;
      await photoLinks(page).nth(last).click();
      await lightboxOpen(page);
      await page.getByRole('dialog', { name: `Photo ${last + 1} of ${placed.length}` }).waitFor();
      await expect.poll(() => page.url()).toBe(`${site.url}${E}#${placed[last]!.slug}`);
    } finally {
      await close();
    }
  });
});

describe('goal 7: card images fill their boxes', () => {
  it.each(SIZES)('at the %s size, light and dark: every card image covers its box, whatever the photo’s shape', async (name) => {
    const { page, close } = await site.open('/', screen(name));
    try {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      // Every image now on screen in: events, not network idle's half second of silence.
      await scrolledIn(page);
      await inBothSchemes(page, async () => {
        const cards = await page.locator('.card .image').evaluateAll((boxes) =>
          boxes.map((box) => {
            const img = box.querySelector('img');
            const b = box.getBoundingClientRect();
            const i = img?.getBoundingClientRect();
            return {
              photo: box.getAttribute('data-photo'),
              box: [b.width, b.height],
              img: i ? [i.width, i.height] : [],
              fit: img ? getComputedStyle(img).objectFit : '',
            };
          }),
        );
        expect(cards.map((c) => c.photo).sort()).toEqual([gallery.cover.slug, essay.photos[0]!.split('/')[1]].sort());
        for (const c of cards) {
          expect(c.img[0], c.photo ?? '').toBeCloseTo(c.box[0]!, 0);
          expect(c.img[1], c.photo ?? '').toBeCloseTo(c.box[1]!, 0);
          expect(c.fit).toBe('cover');
        }
      });
    } finally {
      await close();
    }
  });
});

describe('goal 8: printing prints every photograph, even right after the page opens', () => {
  /** A reader's connection: slow enough that nothing below the first screen has loaded when the page is printed. */
  const slowNetwork = async (page: Page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 100_000 });
  };

  it.each([
    ['the gallery', G, photos.length],
    ['the article', `/essays/${essay.id}/`, essay.photos.length],
  ])('%s, printed at once on a slow connection', async (_, path, expected) => {
    const { page, close } = await site.open(path, screen('laptop'), slowNetwork);
    try {
      const loaded = await page.evaluate(() => [...document.images].filter((i) => i.complete && i.naturalWidth > 0).length);
      const pages = await readPdf(await page.pdf({ format: 'A4' }));
      expect(loaded, 'photos were still to load when printing began').toBeLessThan(expected);
      expect(pages.reduce((n, p) => n + p.images, 0)).toBe(expected);
    } finally {
      await close();
    }
  });

  it('holds Ctrl+P until every photo of the gallery is in, then prints', async () => {
    const recordPrint = (page: Page) =>
      page.addInitScript(() => {
        window.print = () => {
          (window as unknown as { printed: number }).printed = [...document.querySelectorAll<HTMLImageElement>('.sequence img')].filter(
            (i) => i.complete && i.naturalWidth > 0,
          ).length;
        };
      });
    const { page, close } = await site.open(G, screen('laptop'), recordPrint);
    try {
      await page.keyboard.press('Control+p');
      const printed = await page.waitForFunction(() => (window as unknown as { printed?: number }).printed, undefined, { timeout: 30_000 });
      expect(await printed.jsonValue()).toBe(photos.length);
    } finally {
      await close();
    }
  });
});

describe('accessibility of the new layouts', () => {
  it.each(SIZES)('at the %s size, light and dark: axe finds nothing on the gallery, a photo page and the article', async (name) => {
    // One tab going from page to page (goTo).
    const tab = await site.open(G, screen(name));
    const { page, close } = tab;
    try {
      for (const path of [G, `${G}${photos.find((p) => p.height > p.width)!.slug}/`, `/essays/${essay.id}/`]) {
        await goTo(tab, site.url + path);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await scrolledIn(page);
        await inBothSchemes(page, async (colorScheme) => expect(await violations(page), `${path}, ${colorScheme}`).toEqual([]));
      }
    } finally {
      await close();
    }
  });
});

/** WCAG contrast of a CSS colour over a stack of backgrounds (innermost first), laid on white where they let it through. */
function contrast(color: string, layers: string[]): number {
  const rgba = (c: string) => {
    const n = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
    return { r: n[0] ?? 0, g: n[1] ?? 0, b: n[2] ?? 0, a: c.startsWith('rgba') ? (n[3] ?? 1) : 1 };
  };
  let bg = { r: 255, g: 255, b: 255 };
  for (const layer of [...layers].reverse()) {
    const l = rgba(layer);
    bg = { r: l.r * l.a + bg.r * (1 - l.a), g: l.g * l.a + bg.g * (1 - l.a), b: l.b * l.a + bg.b * (1 - l.a) };
  }
  const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [a, b] = [lum(rgba(color)), lum(bg)].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}
