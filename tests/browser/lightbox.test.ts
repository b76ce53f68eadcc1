/**
 * The lightbox as a keyboard and screen-reader user meets it: a named modal
 * dialog, focus kept inside and returned, the address following the photo
 * in one history entry, and Back closing it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lightboxCaption, lightboxOpen, photoLinks, useSite } from '../helpers/browser.ts';
import { gallery, photos } from '../helpers/content.ts';

const site = useSite();
const GALLERY = `/${gallery.id}/`;
const total = photos.length;
/** Index `i`, kept inside the gallery. */
const at = (i: number) => Math.max(0, Math.min(i, total - 1));
const name = (i: number) => `Photo ${i + 1} of ${total}`;

/** What is focused: the id of the figure it is in, or "dialog" when it is inside the lightbox. */
const focusIsIn = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (el?.closest('.pswp')) return 'dialog';
    return el?.closest('figure')?.id ?? el?.tagName ?? '';
  });

/** Whether the figure is on screen. */
const onScreen = (page: Page, slug: string) =>
  page.evaluate((id) => {
    const box = document.getElementById(id)?.querySelector('a')?.getBoundingClientRect();
    return !!box && box.bottom > 0 && box.top < window.innerHeight;
  }, slug);

const liveStatus = (page: Page) => page.locator('.pswp [role="status"]').innerText();

describe.each(['no-preference', 'reduce'] as const)('lightbox (prefers-reduced-motion: %s)', (reducedMotion) => {
  it('can be walked with the keyboard alone: Tab to a photo, Enter, arrows, Esc back on the same photo', async () => {
    const { page, errors, close } = await site.open(GALLERY, { reducedMotion });
    try {
      // Tab from the top of the page to the first photo.
      let presses = 0;
      while ((await focusIsIn(page)) !== photos[0]!.slug) {
        await page.keyboard.press('Tab');
        expect(++presses, 'Tab presses to reach the first photo').toBeLessThan(15);
      }
      await page.keyboard.press('Enter');
      await lightboxOpen(page);
      const dialog = page.getByRole('dialog', { name: name(0) });
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      await expect.poll(() => focusIsIn(page)).toBe('dialog');

      const third = at(2);
      for (let i = 0; i < third; i++) await page.keyboard.press('ArrowRight');
      await page.getByRole('dialog', { name: name(third) }).waitFor();
      if (third > 0) await expect.poll(() => liveStatus(page)).toBe(name(third));
      await expect.poll(() => lightboxCaption(page)).toContain(photos[third]!.caption);

      // Tab stays in the dialog: the page behind is inert.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        expect(await focusIsIn(page)).toBe('dialog');
      }

      await page.keyboard.press('Escape');
      await page.locator('.pswp').waitFor({ state: 'detached' });
      await expect.poll(() => focusIsIn(page)).toBe(photos[third]!.slug);
      expect(await onScreen(page, photos[third]!.slug)).toBe(true);
      expect(await page.locator('[inert]').count()).toBe(0);
      await expect.poll(() => page.url()).toBe(site.url + GALLERY);
      // Includes Chromium's "Blocked aria-hidden on an element because its descendant retained focus".
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows the format the page chose: AVIF in a browser that has it, from the photo’s own ladder', async () => {
    const { page, close } = await site.open(GALLERY, { reducedMotion });
    try {
      const shown = at(1);
      const link = photoLinks(page).nth(shown);
      await link.scrollIntoViewIfNeeded();
      // Loaded: the gallery holds a photo back until it nears the screen (PhotoGallery.astro).
      const loaded = (img: HTMLImageElement) => (img.complete && img.naturalWidth > 0 ? { src: new URL(img.currentSrc).pathname, width: img.naturalWidth } : undefined);
      await expect.poll(async () => (await link.locator('img').evaluate(loaded))?.src).toMatch(/\.avif$/);
      await link.click();
      await lightboxOpen(page);
      const large = page.locator('.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)');
      await expect.poll(async () => (await large.evaluate(loaded))?.src).toMatch(/\.avif$/);
      // One of the page's own AVIF variants of that photo.
      const chosenLarge = (await large.evaluate(loaded))?.src ?? '';
      const ladder = (await link.locator('source[type="image/avif"]').getAttribute('srcset')) ?? '';
      expect(ladder.split(', ').map((c) => c.split(' ')[0])).toContain(chosenLarge);
    } finally {
      await close();
    }
  });

  it('ties each photo to its caption with aria-describedby', async () => {
    const { page, close } = await site.open(GALLERY, { reducedMotion });
    try {
      const shown = at(6);
      await photoLinks(page).nth(shown).click();
      await lightboxOpen(page);
      await page.getByRole('dialog', { name: name(shown) }).waitFor();
      const description = () =>
        page.evaluate(() => {
          const img = document.querySelector('.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)');
          const id = img?.getAttribute('aria-describedby');
          return { alt: img?.getAttribute('alt') ?? '', text: id ? (document.getElementById(id)?.textContent ?? '') : '' };
        });
      await expect.poll(async () => (await description()).text).toContain(photos[shown]!.caption);
      expect((await description()).alt).toBe(photos[shown]!.alt);
    } finally {
      await close();
    }
  });

  it('keeps the address on the photo shown in one history entry; Back closes it and stays on the gallery', async () => {
    const { page, errors, close } = await site.open(GALLERY, { reducedMotion });
    try {
      const before = await page.evaluate(() => history.length);
      const first = at(4);
      const last = at(first + 3);
      await photoLinks(page).nth(first).click();
      await lightboxOpen(page);
      await expect.poll(() => page.url()).toBe(`${site.url}${GALLERY}#${photos[first]!.slug}`);
      for (let i = first; i < last; i++) await page.keyboard.press('ArrowRight');
      await page.getByRole('dialog', { name: name(last) }).waitFor();
      await expect.poll(() => page.url()).toBe(`${site.url}${GALLERY}#${photos[last]!.slug}`);
      expect(await page.evaluate(() => history.length)).toBe(before + 1);

      await page.goBack();
      await page.locator('.pswp').waitFor({ state: 'detached' });
      await expect.poll(() => page.url()).toBe(site.url + GALLERY);
      expect(await page.title()).toContain(gallery.title);
      await expect.poll(() => focusIsIn(page)).toBe(photos[last]!.slug);
      expect(await onScreen(page, photos[last]!.slug)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('closes from its close button the same way, leaving no history behind', async () => {
    const { page, errors, close } = await site.open(GALLERY, { reducedMotion });
    try {
      const before = await page.evaluate(() => history.length);
      const shown = at(9);
      await photoLinks(page).nth(shown).click();
      await lightboxOpen(page);
      await page.getByRole('button', { name: 'Close (Esc)' }).click();
      await page.locator('.pswp').waitFor({ state: 'detached' });
      await expect.poll(() => page.url()).toBe(site.url + GALLERY);
      await expect.poll(() => focusIsIn(page)).toBe(photos[shown]!.slug);
      // The entry the lightbox pushed is now a Forward entry; Back leaves for the previous page, as it should.
      expect(await page.evaluate(() => history.length)).toBe(before + 1);
      expect(await page.evaluate(() => history.state?.lightbox)).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it(`animates ${reducedMotion === 'reduce' ? 'nothing' : 'its zoom'}`, async () => {
    const { page, close } = await site.open(GALLERY, { reducedMotion });
    try {
      await photoLinks(page).first().click();
      await lightboxOpen(page);
      const options = await page.evaluate(() => {
        const o = (window as unknown as { pswp: { options: Record<string, unknown> } }).pswp.options;
        return { type: o['showHideAnimationType'], show: o['showAnimationDuration'], zoom: o['zoomAnimationDuration'] };
      });
      expect(options).toEqual(reducedMotion === 'reduce' ? { type: 'none', show: 0, zoom: 0 } : { type: 'zoom', show: 333, zoom: 333 });
    } finally {
      await close();
    }
  });
});
