/**
 * `npm run screenshots [-- --all] [--out DIR]`: pictures of the site as a
 * reader sees it, from the test fixture of real photographs
 * (tests/fixtures/reading: a wide cover, an upright photo, an article with
 * photos placed in its text), built into a temporary folder and shown in
 * the system's Chromium. Without `--all`, the pictures the README shows
 * (docs/screenshots/); with it, every page at a phone, a laptop and a
 * desktop screen, light and dark, for a designer to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from '../tests/helpers/chromium.ts';
import { fixtureProject } from '../tests/helpers/project.ts';
import { serve } from '../tests/helpers/server.ts';

const { values } = parseArgs({ options: { all: { type: 'boolean' }, out: { type: 'string' }, keep: { type: 'boolean' } } });
const out = path.resolve(values.out ?? 'docs/screenshots');

const SCREENS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  laptop: { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
} as const;
type Screen = keyof typeof SCREENS;
const PAGES = { home: '/', gallery: '/shore/', 'photo-upright': '/shore/upright-sea/', 'photo-wide': '/shore/nuthatch/', article: '/essays/reading-with-photos/' };
type PageName = keyof typeof PAGES;

/** What the README shows: the gallery, a photo page and the article, on a desktop in light and on a phone in dark. */
const README: [PageName, Screen, 'light' | 'dark'][] = [
  ['gallery', 'desktop', 'light'],
  ['gallery', 'phone', 'dark'],
  ['photo-upright', 'desktop', 'dark'],
  ['photo-wide', 'phone', 'light'],
  ['article', 'desktop', 'light'],
  ['article', 'phone', 'dark'],
];
const shots: [PageName, Screen, 'light' | 'dark'][] = values.all
  ? (Object.keys(PAGES) as PageName[]).flatMap((p) => (Object.keys(SCREENS) as Screen[]).flatMap((s) => (['light', 'dark'] as const).map((c): [PageName, Screen, 'light' | 'dark'] => [p, s, c])))
  : README;

const project = fixtureProject('reading');
try {
  console.error(`[screenshots] building tests/fixtures/reading in ${project.dir}…`);
  const built = project.build();
  if (built.status !== 0) throw new Error(`the fixture did not build:\n${built.output}`);
  const server = await serve(project.at('dist'));
  const browser = await launch();
  try {
    fs.mkdirSync(out, { recursive: true });
    for (const [name, screen, scheme] of shots) {
      const context = await browser.newContext({ ...SCREENS[screen], colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(server.url + PAGES[name], { waitUntil: 'load' });
      // Again, as a returning reader sees it: the fonts are shown with `display: optional`, so only when they
      // are in before the first paint, which on a first visit depends on the machine's speed.
      await page.reload({ waitUntil: 'load' });
      // Every image on the first screen decoded, and the fonts in: what a reader sees once the page has settled.
      await page.evaluate(async () => {
        await document.fonts.ready;
        const onScreen = [...document.images].filter((img) => img.getBoundingClientRect().top < innerHeight && img.currentSrc);
        await Promise.all(onScreen.map((img) => img.decode().catch(() => undefined)));
      });
      const file = path.join(out, `${name}-${screen}-${scheme}.jpg`);
      // JPEG: these are pictures of photographs; a PNG of one is ten times the size.
      await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
      console.log(path.relative(process.cwd(), file));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  if (values.keep) console.error(`[screenshots] kept ${project.dir}`);
  else project.remove();
}
