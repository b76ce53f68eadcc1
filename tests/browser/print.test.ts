/**
 * Printing, as Chromium prints to PDF, read back with pdf.js: every
 * photograph printed with its caption and credit on the same page, none
 * left out (the held-back photos are released for print), no navigation,
 * key hints or lightbox chrome, and the targets of text links written out.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSite } from '../helpers/browser.ts';
import { content, gallery, photoAt, photos } from '../helpers/content.ts';
import { readPdf } from '../helpers/pdf.ts';

const site = useSite();
/** pdf.js reads some quotes back as other code points: compare with those folded. */
const fold = (s: string) => s.replace(/[ʼ’‘']/g, "'").replace(/\s+/g, ' ').trim();

async function print(page: Page) {
  await page.waitForLoadState('networkidle');
  const pdf = await page.pdf({ format: 'A4' });
  return (await readPdf(pdf)).map((p) => ({ ...p, text: fold(p.text) }));
}

describe('printing', () => {
  it('the gallery: every photograph with its caption and credit on one page, and nothing of the screen’s chrome', async () => {
    const { page, close } = await site.open(`/${gallery.id}/`);
    try {
      const pages = await print(page);
      expect(pages.reduce((n, p) => n + p.images, 0)).toBe(photos.length);
      for (const photo of photos) {
        const on = pages.find((p) => p.text.includes(fold(photo.caption)));
        expect(on, photo.slug).toBeDefined();
        expect(on?.text, photo.slug).toContain(fold(`Photo: ${photo.credit}`));
        expect(on?.images, photo.slug).toBeGreaterThanOrEqual(1);
      }
      const all = pages.map((p) => p.text).join(' ');
      expect(all).not.toContain('Skip to content');
      expect(all).not.toContain('Reading with a keyboard');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('nav').evaluateAll((navs) => navs.filter((n) => n.getBoundingClientRect().height > 0).length)).toBe(0);
    } finally {
      await close();
    }
  });

  it('a photo page: the photograph, its caption and credit; no previous/next; one page', async () => {
    const photo = photoAt(2);
    const { page, close } = await site.open(`/${gallery.id}/${photo.slug}/`);
    try {
      const pages = await print(page);
      expect(pages.reduce((n, p) => n + p.images, 0)).toBe(1);
      const text = pages.map((p) => p.text).join(' ');
      expect(text).toContain(fold(photo.caption));
      expect(text).toContain(fold(`Photo: ${photo.credit}`));
      expect(text).not.toMatch(/Previous|Next|Back to the gallery/);
    } finally {
      await close();
    }
  });

  it('an article: its text, and the target of each link written out', async () => {
    const essay = content.essays[0];
    if (!essay) throw new Error('no essay');
    const { page, close } = await site.open(`/essays/${essay.id}/`);
    try {
      const text = (await print(page)).map((p) => p.text).join(' ');
      for (const block of essay.blocks) expect(text).toContain(fold(block));
      expect(text).toContain(`(/${gallery.id}/)`);
    } finally {
      await close();
    }
  });
});
