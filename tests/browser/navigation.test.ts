/**
 * Reaching every photograph: #slug deep links, the j/k keys, and the whole
 * site walked with JavaScript off.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSite } from '../helpers/browser.ts';
import { seed } from '../helpers/dist.ts';

const site = useSite();
const GALLERY = '/korean-film-studio/';
const photoSeed = seed('000_0ed6b1242d26c68a.txt').split('\n').map((l) => l.trim()).filter(Boolean);
const captions = photoSeed.slice(photoSeed.findIndex((l) => l.startsWith('Check out these images')) + 1);

/** Top of a figure relative to the viewport, in CSS pixels. */
const topOf = (page: Page, id: string) => page.evaluate((slug) => document.getElementById(slug)?.getBoundingClientRect().top ?? NaN, id);

const focusedFigure = (page: Page) => page.evaluate(() => document.activeElement?.closest('figure')?.id ?? document.activeElement?.tagName);

describe('deep links', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`a #slug address lands on that figure (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      for (const slug of ['couple-at-airport', 'hundreds-of-actors']) {
        const { page, close } = await site.open(`${GALLERY}#${slug}`, { javaScriptEnabled });
        try {
          await page.waitForLoadState('networkidle');
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
      await expect.poll(() => focusedFigure(page)).toBe('child-actors-in-costume');
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await expect.poll(() => focusedFigure(page)).toBe('couple-at-airport');
      await expect.poll(() => topOf(page, 'couple-at-airport')).toBeLessThan(40);
      expect(await topOf(page, 'couple-at-airport')).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('k');
      await expect.poll(() => focusedFigure(page)).toBe('actresses-having-hair-done');
      await expect.poll(() => topOf(page, 'actresses-having-hair-done')).toBeLessThan(40);

      // From wherever the reader has scrolled to, when nothing in the gallery has focus.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.evaluate(() => document.getElementById('makeup-team')?.scrollIntoView());
      await page.keyboard.press('j');
      await expect.poll(() => focusedFigure(page)).toBe('costume-storage');

      // Enter on the focused photo opens it large.
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'Photo 8 of 14' }).waitFor();
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
    const { page, close } = await site.open('/', { javaScriptEnabled: false });
    try {
      // Home → gallery by its link.
      await page.getByRole('link', { name: /Rare photos reveal/ }).first().click();
      await page.waitForURL(`**${GALLERY}`);
      expect(await page.locator('figure').count()).toBe(14);
      for (const caption of captions) expect(await page.getByText(caption, { exact: false }).first().isVisible(), caption).toBe(true);
      // No hint of keys that need JavaScript.
      expect(await page.getByText('Press J for the next photograph').isVisible()).toBe(false);

      // The first photo's link opens its page; Next walks through all fourteen.
      await page.getByRole('link', { name: /Placeholder for the photograph/ }).first().click();
      for (let n = 1; n <= 14; n++) {
        await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(`Photo ${n} of 14`);
        expect(await page.locator('figcaption').innerText()).toContain(captions[n - 1]);
        expect(await page.getByRole('img', { name: /Placeholder for the photograph/ }).count()).toBe(1);
        const next = page.locator('a[rel="next"]');
        if (n < 14) await next.click();
        else expect(await next.count()).toBe(0);
      }

      // Back to the gallery, at that photo.
      await page.getByRole('link', { name: /Back to the gallery/ }).click();
      await page.waitForURL(`**${GALLERY}#camera-on-truck`);
      await page.waitForLoadState('networkidle');
      expect(await topOf(page, 'camera-on-truck')).toBeGreaterThanOrEqual(0);
      expect(await topOf(page, 'camera-on-truck')).toBeLessThan(40);
    } finally {
      await close();
    }
  });

  it('every gallery link leads to the page of the photo it shows', async () => {
    const { page, close } = await site.open(GALLERY, { javaScriptEnabled: false });
    try {
      const links = await page.locator('figure a.photo-link').evaluateAll((as) => as.map((a) => [a.closest('figure')?.id, a.getAttribute('href')]));
      expect(links).toHaveLength(14);
      for (const [slug, href] of links) expect(href).toBe(`${GALLERY}${slug}/`);
    } finally {
      await close();
    }
  });
});
