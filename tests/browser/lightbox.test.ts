/**
 * The lightbox as a keyboard and screen-reader user meets it: a named modal
 * dialog, focus kept inside and returned, the address following the photo
 * in one history entry, and Back closing it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lightboxCaption, lightboxOpen, useSite } from '../helpers/browser.ts';

const site = useSite();
const GALLERY = '/korean-film-studio/';

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
      while ((await focusIsIn(page)) !== 'child-actors-in-costume') {
        await page.keyboard.press('Tab');
        expect(++presses, 'Tab presses to reach the first photo').toBeLessThan(15);
      }
      await page.keyboard.press('Enter');
      await lightboxOpen(page);
      const dialog = page.getByRole('dialog', { name: 'Photo 1 of 14' });
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      await expect.poll(() => focusIsIn(page)).toBe('dialog');

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.getByRole('dialog', { name: 'Photo 3 of 14' }).waitFor();
      await expect.poll(() => liveStatus(page)).toBe('Photo 3 of 14');
      await expect.poll(() => lightboxCaption(page)).toContain('Scene of a couple breaking up at the airport.');

      // Tab stays in the dialog: the page behind is inert.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        expect(await focusIsIn(page)).toBe('dialog');
      }

      await page.keyboard.press('Escape');
      await page.locator('.pswp').waitFor({ state: 'detached' });
      await expect.poll(() => focusIsIn(page)).toBe('couple-at-airport');
      expect(await onScreen(page, 'couple-at-airport')).toBe(true);
      expect(await page.locator('[inert]').count()).toBe(0);
      await expect.poll(() => page.url()).toBe(site.url + GALLERY);
      // Includes Chromium's "Blocked aria-hidden on an element because its descendant retained focus".
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('ties each photo to its caption with aria-describedby', async () => {
    const { page, close } = await site.open(GALLERY, { reducedMotion });
    try {
      await page.getByRole('link', { name: /Placeholder for the photograph/ }).nth(5).click();
      await lightboxOpen(page);
      await page.keyboard.press('ArrowRight');
      await page.getByRole('dialog', { name: 'Photo 7 of 14' }).waitFor();
      const description = () =>
        page.evaluate(() => {
          const img = document.querySelector('.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)');
          const id = img?.getAttribute('aria-describedby');
          return { alt: img?.getAttribute('alt') ?? '', text: id ? (document.getElementById(id)?.textContent ?? '') : '' };
        });
      await expect.poll(async () => (await description()).text).toContain('Makeup team creates looks for the actors.');
      expect((await description()).alt).toMatch(/^Placeholder for the photograph\. /);
    } finally {
      await close();
    }
  });

  it('keeps the address on the photo shown in one history entry; Back closes it and stays on the gallery', async () => {
    const { page, errors, close } = await site.open(GALLERY, { reducedMotion });
    try {
      const before = await page.evaluate(() => history.length);
      await page.getByRole('link', { name: /Placeholder for the photograph/ }).nth(4).click();
      await lightboxOpen(page);
      await expect.poll(() => page.url()).toBe(`${site.url}${GALLERY}#dvd-store-in-subway`);
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await page.getByRole('dialog', { name: 'Photo 8 of 14' }).waitFor();
      await expect.poll(() => page.url()).toBe(`${site.url}${GALLERY}#costume-storage`);
      expect(await page.evaluate(() => history.length)).toBe(before + 1);

      await page.goBack();
      await page.locator('.pswp').waitFor({ state: 'detached' });
      await expect.poll(() => page.url()).toBe(site.url + GALLERY);
      expect(await page.title()).toMatch(/^Rare photos reveal the cinema/);
      await expect.poll(() => focusIsIn(page)).toBe('costume-storage');
      expect(await onScreen(page, 'costume-storage')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('closes from its close button the same way, leaving no history behind', async () => {
    const { page, errors, close } = await site.open(GALLERY, { reducedMotion });
    try {
      const before = await page.evaluate(() => history.length);
      await page.getByRole('link', { name: /Placeholder for the photograph/ }).nth(9).click();
      await lightboxOpen(page);
      await page.getByRole('button', { name: 'Close (Esc)' }).click();
      await page.locator('.pswp').waitFor({ state: 'detached' });
      await expect.poll(() => page.url()).toBe(site.url + GALLERY);
      await expect.poll(() => focusIsIn(page)).toBe('studying-mickey-mouse');
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
      await page.getByRole('link', { name: /Placeholder for the photograph/ }).first().click();
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
