/**
 * Reaching every photograph: #slug deep links, the j/k keys, and the whole
 * site walked with JavaScript off.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { photoLinks, settled, useSite } from '../helpers/browser.ts';
import { gallery, photoAt, photos } from '../helpers/content.ts';

const site = useSite();
const GALLERY = `/${gallery.id}/`;
const total = photos.length;

/** Top of a figure relative to the viewport, in CSS pixels. */
const topOf = (page: Page, id: string) => page.evaluate((slug) => document.getElementById(slug)?.getBoundingClientRect().top ?? NaN, id);

const focusedFigure = (page: Page) => page.evaluate(() => document.activeElement?.closest('figure')?.id ?? document.activeElement?.tagName);

describe('deep links', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`a #slug address lands on that figure (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      for (const slug of new Set([photoAt(2).slug, photoAt(10).slug])) {
        const { page, close } = await site.open(`${GALLERY}#${slug}`, { javaScriptEnabled });
        try {
          await settled(page, { javaScript: javaScriptEnabled });
          // At the top of the screen, below its small scroll margin, and still there once images have loaded.
          const top = await topOf(page, slug);
          expect(top, slug).toBeGreaterThanOrEqual(0);
          expect(top, slug).toBeLessThan(40);
        } finally {
          await close();
        }
      }
    });
  }
});

describe('j and k on the gallery page', () => {
  it('move focus and scroll to the next and previous photograph', async () => {
    const { page, errors, close } = await site.open(GALLERY, { reducedMotion: 'reduce' });
    try {
      await expect.poll(() => page.getByText('Press J for the next photograph').isVisible()).toBe(true);
      await page.keyboard.press('j');
      await expect.poll(() => focusedFigure(page)).toBe(photoAt(0).slug);
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      const third = photoAt(2);
      await expect.poll(() => focusedFigure(page)).toBe(third.slug);
      await expect.poll(() => topOf(page, third.slug)).toBeLessThan(40);
      expect(await topOf(page, third.slug)).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('k');
      const back = photoAt(third.number - 2);
      await expect.poll(() => focusedFigure(page)).toBe(back.slug);
      await expect.poll(() => topOf(page, back.slug)).toBeLessThan(40);

      // From wherever the reader has scrolled to, when nothing in the gallery has focus.
      const from = photoAt(Math.max(0, Math.floor(total / 2) - 1));
      const to = photoAt(from.number);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), from.slug);
      await page.keyboard.press('j');
      await expect.poll(() => focusedFigure(page)).toBe(to.slug);

      // Enter on the focused photo opens it large.
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: `Photo ${to.number} of ${total}` }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('are ignored while typing in a field or with a modifier key held', async () => {
    const { page, close } = await site.open(GALLERY, { reducedMotion: 'reduce' });
    try {
      await page.evaluate(() => {
        const input = Object.assign(document.createElement('input'), { id: 'field', 'aria-label': 'A field' });
        document.querySelector('main')?.prepend(input);
      });
      await page.locator('#field').focus();
      await page.keyboard.type('jk');
      expect(await page.locator('#field').inputValue()).toBe('jk');
      expect(await focusedFigure(page)).toBe('INPUT');

      await page.locator('#field').blur();
      for (const chord of ['Control+j', 'Alt+j', 'Shift+J', 'Meta+j']) {
        await page.keyboard.press(chord);
        expect(await focusedFigure(page), chord).toBe('BODY');
      }
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('without JavaScript', () => {
  it('every photo, caption and photo page can be reached', async () => {
    // Reduced motion: each step of the walk is a page load, not a cross-document view transition that holds
    // the next click for about a second in headless Chromium (the transitions are tested in reading.test.ts).
    const { page, close } = await site.open('/', { javaScriptEnabled: false, reducedMotion: 'reduce' });
    try {
      // Home → gallery by its link.
      await page.getByRole('link', { name: gallery.title }).first().click();
      await page.waitForURL(`**${GALLERY}`);
      // Every photo's figure (the cover above them is its photo again).
      expect(await page.locator('figure[id]').count()).toBe(total);
      for (const { caption } of photos) expect(await page.getByText(caption, { exact: false }).first().isVisible(), caption).toBe(true);
      // No hint of keys that need JavaScript.
      expect(await page.getByText('Press J for the next photograph').isVisible()).toBe(false);

      // The first photo's link opens its page; Next walks through all of them.
      await photoLinks(page).first().click();
      for (const photo of photos) {
        await page.waitForURL(`**${GALLERY}${photo.slug}/`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Photo ${photo.number} of ${total}`);
        expect(await page.locator('figcaption').innerText()).toContain(photo.caption);
        expect(await page.getByRole('img', { name: photo.alt, exact: true }).count()).toBe(1);
        const next = page.locator('a[rel="next"]');
        if (photo.number < total) await next.click();
        else expect(await next.count()).toBe(0);
      }

      // Back to the gallery, at that photo.
      const last = photoAt(total - 1).slug;
      await page.getByRole('link', { name: /Back to the gallery/ }).click();
      await page.waitForURL(`**${GALLERY}#${last}`);
      await settled(page, { javaScript: false });
      expect(await topOf(page, last)).toBeGreaterThanOrEqual(0);
      expect(await topOf(page, last)).toBeLessThan(40);
    } finally {
      await close();
    }
  });

  it('every gallery link leads to the page of the photo it shows', async () => {
    const { page, close } = await site.open(GALLERY, { javaScriptEnabled: false });
    try {
      const links = await page.locator('figure a.photo-link').evaluateAll((as) => as.map((a) => [a.closest('figure')?.id, a.getAttribute('href')]));
      expect(links).toHaveLength(total);
      for (const [slug, href] of links) expect(href).toBe(`${GALLERY}${slug}/`);
    } finally {
      await close();
    }
  });
});
