/**
 * The README's pictures of the site (written by `npm run screenshots` from
 * tests/fixtures/reading): each one it shows is there, is a real screenshot
 * at the size of its screen, and together they show the gallery, a photo
 * page and the article. Whether they are current is for a person to see:
 * nothing compares pictures.
 */
import fs from 'node:fs';
import { DomUtils, parseDocument } from 'htmlparser2';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const readme = parseDocument(fs.readFileSync('README.md', 'utf8'));
const pictures = DomUtils.getElementsByTagName('img', readme)
  .map((img) => img.attribs['src'] ?? '')
  .filter((src) => src.startsWith('docs/screenshots/'));

describe('the README’s pictures of the site', () => {
  it('show the gallery, a photo page and the article', () => {
    for (const kind of ['gallery-', 'photo-', 'article-']) expect(pictures.some((p) => p.includes(`/${kind}`)), kind).toBe(true);
  });

  it.each(pictures)('%s is a screenshot of a phone or a desktop screen', async (src) => {
    const { width, height, format } = await sharp(src).metadata();
    expect(format).toBe('jpeg');
    // 390x844 at 3x, or 1440x900 at 1x, as scripts/screenshots.ts takes them.
    expect([`${width}x${height}`]).toContain(src.includes('-phone-') ? '1170x2532' : '1440x900');
    expect(DomUtils.getElementsByTagName('img', readme).find((img) => img.attribs['src'] === src)?.attribs['alt']?.length ?? 0).toBeGreaterThan(20);
  });
});
