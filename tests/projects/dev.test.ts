/**
 * `npm run dev` as an editor uses it, in a real browser left open on the
 * page: a caption edited shows at once; a content mistake shows in the
 * browser (not only in the terminal), naming the file and the field, and
 * fixing it brings the page back; a photo saved over another, added or
 * renamed shows without a restart; photos are encoded when the browser asks
 * for them, into the same bytes a build makes. Every wait is on an event of
 * the page (the dev server's reload), with a timeout.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import getPort from 'get-port';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMdx } from '../../src/lib/frontmatter.ts';
import { APP_ID } from '../../src/toolbar/protocol.ts';
import { $, addresses, attr } from '../helpers/html.ts';
import { launch } from '../helpers/chromium.ts';
import { ENV, fixtureProject, PHOTOS, type Project } from '../helpers/project.ts';

const GALLERY = 'content/galleries/studio';
const PHOTO = `${GALLERY}/photos/first-light.mdx`;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** `astro dev` in `project`, resolved once it listens. */
async function startDev(project: Project, env: Record<string, string> = {}): Promise<{ origin: string; stop: () => void; output: () => string }> {
  const port = await getPort({ host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${port}`;
  const dev: ChildProcess = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: project.dir,
    env: { ...ENV, ...env },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`astro dev did not start in 60 s:\n${output}`)), 60_000);
    const on = (d: Buffer) => {
      output += d.toString();
      if (output.includes(origin)) (clearTimeout(timer), resolve());
    };
    dev.stdout?.on('data', on);
    dev.stderr?.on('data', on);
    dev.on('exit', () => (clearTimeout(timer), reject(new Error(`astro dev ended:\n${output}`))));
  });
  return { origin, stop: () => dev.kill('SIGKILL'), output: () => output };
}

/** A new tab, and what it and the dev server say from now on (Vite's client says when it reloads or loses the server), for a failure's message. */
async function openPage(dev: Awaited<ReturnType<typeof startDev>>): Promise<{ page: Page; said: () => string }> {
  const page = await browser.newPage();
  const log: string[] = [];
  const at = () => new Date().toISOString().slice(11, 23);
  page.on('console', (m) => log.push(`${at()} console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`${at()} pageerror: ${e.message}`));
  page.on('load', () => log.push(`${at()} load ${page.url()}`));
  page.on('requestfailed', (r) => log.push(`${at()} failed ${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => void (r.status() >= 400 && log.push(`${at()} HTTP ${r.status()} ${r.url()}`)));
  // Documents asked for and received: one asked for and never received is a render the dev server did not finish.
  page.on('request', (r) => void (r.isNavigationRequest() && log.push(`${at()} document asked for: ${r.url()}`)));
  page.on('requestfinished', (r) => void (r.isNavigationRequest() && log.push(`${at()} document received: ${r.url()}`)));
  const output = dev.output().length;
  return { page, said: () => `-- the page:\n${log.join('\n')}\n-- the dev server, since the page opened:\n${dev.output().slice(output)}` };
}

/**
 * Waits until `check` holds on the open page, re-checking after each load of
 * it (the dev server reloads the page after a change): no fixed sleep, and
 * at most `timeout` ms in all. Returns what `check` returned last. A failure
 * names the step (`what`) and carries what the page and the dev server said
 * (`said`).
 */
async function untilShown<T>(page: Page, what: string, said: () => string, check: () => Promise<T | undefined>, timeout = 30_000): Promise<T> {
  const start = Date.now();
  const deadline = start + timeout;
  let loads = 0;
  /** Why the last check could not tell, if it threw: for the failure's message. */
  let failure: string | undefined;
  for (;;) {
    // Listening before checking: a reload that starts during the check is not missed.
    const loaded = page.waitForEvent('load', { timeout: Math.max(1, deadline - Date.now()) });
    loaded.catch(() => undefined);
    const fail = (why: string) =>
      new Error(`${what}: ${why} (${loads} reloads in ${Date.now() - start} ms)${failure ? `; the last check failed: ${failure}` : ''}\n${said()}`);
    // A check can wait on the page itself (a locator waits for a document on its way), so it has the step's deadline too.
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), Math.max(1, deadline - Date.now()))));
    const value = await Promise.race([
      check().catch((error: unknown) => void (failure = error instanceof Error ? error.message.split('\n')[0] : String(error))),
      hung,
    ]);
    clearTimeout(timer);
    if (value === 'hung') throw fail('the page did not answer in time (is a document still on its way?)');
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw fail('the page did not show it in time');
    await loaded.catch(() => {
      throw fail(`the page did not reload within ${timeout} ms, and does not show it`);
    });
    loads += 1;
  }
}

/** What a photo's figure shows: its image's source and natural size once loaded (scrolled to, as the gallery loads a photo as it nears the screen); undefined if the figure or its image is missing. */
const figure = (page: Page, id: string) => async () => {
  const img = page.locator(`figure[id="${id}"] img`).first();
  if ((await img.count()) === 0) return undefined;
  await img.scrollIntoViewIfNeeded({ timeout: 5_000 });
  return img.evaluate(async (el: HTMLImageElement) => {
    if (!el.complete || el.naturalWidth === 0) {
      await new Promise((resolve, reject) => {
        el.addEventListener('load', resolve, { once: true });
        el.addEventListener('error', reject, { once: true });
        // The dev server encodes a photo when a page first asks for it, after what it is encoding already: on a
        // busy machine that can take a while, so most of a step's 30 s.
        setTimeout(() => reject(new Error(`the image ${el.currentSrc} did not load in 25 s`)), 25_000);
      });
    }
    await el.decode();
    return { src: el.currentSrc, width: el.naturalWidth, height: el.naturalHeight };
  });
};

describe('the dev server', () => {
  let project: Project;
  let dev: Awaited<ReturnType<typeof startDev>>;
  /** What the editor was asked to open: Vite's /__open-in-editor runs LAUNCH_EDITOR, here a script that writes down its arguments. */
  let opened: string;
  beforeAll(async () => {
    project = fixtureProject('small');
    opened = project.at('opened-in-editor.txt');
    const editor = project.at('editor.sh');
    fs.writeFileSync(editor, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`, { mode: 0o755 });
    dev = await startDev(project, { LAUNCH_EDITOR: editor });
  });
  afterAll(() => {
    dev?.stop();
    project?.remove();
  });

  it('keeps Vite’s dependency cache in the project, where no other project’s build can empty it under the open page', async () => {
    const deps = project.at('node_modules/.vite/deps');
    await expect.poll(() => fs.existsSync(deps), { timeout: 30_000 }).toBe(true);
    expect(path.relative(fs.realpathSync(project.dir), fs.realpathSync(deps))).toBe(path.join('node_modules', '.vite', 'deps'));
  });

  it('leads from a photo, in the gallery, on its page, in an article and on the home page, to the file that holds its caption', async () => {
    const { page, said } = await openPage(dev);
    try {
      const essay = path.basename(fs.globSync('content/essays/*.mdx', { cwd: project.dir })[0]!, '.mdx');
      for (const address of ['/studio/', '/studio/first-light/', `/essays/${essay}/`, '/']) {
        await page.goto(`${dev.origin}${address}`);
        const marked = new Set(await page.locator('[data-photo]:not(:has([data-photo]))').evaluateAll((els) => els.map((el) => el.getAttribute('data-photo'))))
          .size;
        expect(marked, address).toBeGreaterThan(0);
        await page
          .locator('astro-dev-toolbar')
          .getByRole('button', { name: 'Photo files' })
          .click({ timeout: 30_000 })
          .catch((e: Error) => {
            throw new Error(`${e.message}\n${said()}`);
          });
        const panel = page.locator(`astro-dev-toolbar-app-canvas[data-app-id="${APP_ID}"] astro-dev-toolbar-window`);
        await expect
          .poll(() => panel.locator('li').count(), { timeout: 30_000 })
          .toBe(marked)
          .catch((e: Error) => {
            throw new Error(`the Photo files panel on ${address}, one entry a photo: ${e.message}\n${said()}`);
          });
        // Each entry: the .mdx file, its fields as the editor wrote them, its caption.
        for (const item of await panel.locator('li').all()) {
          const file = String(await item.getAttribute('data-photo-file'));
          const { data, body } = readMdx(project.at(file));
          expect(await item.locator('code').innerText()).toBe(file);
          const shown = await item.locator('dt, dd').allInnerTexts();
          expect(shown).toEqual(Object.entries(data ?? {}).flatMap(([k, v]) => [k, String(v)]));
          expect((await item.locator('p').innerText()).trim()).toBe(body.trim());
        }
        // The first photo's button asks the editor to open its file, by its absolute path.
        const first = panel.locator('li').first();
        const file = project.at(String(await first.getAttribute('data-photo-file')));
        const before = fs.existsSync(opened) ? fs.readFileSync(opened, 'utf8') : '';
        await first.getByRole('button', { name: 'Open in editor' }).click();
        await expect.poll(() => (fs.existsSync(opened) ? fs.readFileSync(opened, 'utf8').slice(before.length) : ''), { timeout: 15_000 }).toBe(`${file}\n`);
        await page.locator('astro-dev-toolbar').getByRole('button', { name: 'Photo files' }).click();
      }
    } finally {
      await page.close();
    }
  });

  /** The image file a photo's .mdx names, by its name in the gallery's folder. */
  const imageOf = (slug: string) => path.basename(String(readMdx(project.at(GALLERY, 'photos', `${slug}.mdx`)).data?.['image']));

  /** The caption shown at `path`; '' while the page is not there. */
  const caption = (page: Page) =>
    page
      .locator('figcaption')
      .first()
      .innerText({ timeout: 2_000 })
      .catch(() => '');
  const overlay = (page: Page) =>
    page
      .locator('vite-error-overlay #message-content')
      .innerText({ timeout: 2_000 })
      .catch(() => '');

  // Each step below has a timeout of its own, and this test's is longer than theirs added up: a step that fails says which.
  it('shows an edit at once, and a content error in the browser, naming the file and the field', { timeout: 240_000 }, async () => {
    const { page, said } = await openPage(dev);
    await page.goto(`${dev.origin}/studio/first-light/`);
    await untilShown(page, 'the caption', said, async () => ((await caption(page)).includes('A nuthatch on a tree trunk') ? true : undefined));

    project.edit(PHOTO, (s) => s.replace('A nuthatch on a tree trunk', 'A nuthatch high on a tree trunk'));
    await untilShown(page, 'the edited caption', said, async () => ((await caption(page)).includes('A nuthatch high on a tree trunk') ? true : undefined));

    project.edit(PHOTO, (s) => s.replace(/^alt:.*\n/m, ''));
    await untilShown(page, 'the missing alt text', said, async () =>
      (await overlay(page)).includes('content/galleries/studio/photos/first-light.mdx: field "alt" is required') ? true : undefined,
    );

    project.edit(PHOTO, (s) => s.replace('image:', 'alt: A small bird clings to the bark of a tree.\nimage:'));
    await untilShown(page, 'the page again, once the alt text is back', said, async () =>
      (await caption(page)).includes('A nuthatch high on a tree trunk') && (await page.locator('vite-error-overlay').count()) === 0 ? true : undefined,
    );
    await page.close();
  });

  it('shows a photo saved over another while the page was loading, though the page missed the dev server’s reload for it', async () => {
    const { page, said } = await openPage(dev);
    const address = `${dev.origin}/studio/waiting-room/`;
    /** The address of the photo's image, as the page has it (the server's HTML, or the open page's). */
    const photo = 'main figure img';
    const served = async () => attr($(await (await page.request.get(address)).text(), photo), 'src');
    const shown = () => page.locator(photo).first().getAttribute('src', { timeout: 2_000 });
    // Once whole first, so that nothing else reloads it below (Vite reloads a page whose dependencies it had not bundled yet).
    await page.goto(address);
    const before = await shown();
    expect(before).toBe(await served());
    // Then again, with its connection to the dev server (Vite's client) held back until the dev server renders the new
    // photo: the reload the content check sends once it has checked the photo goes nowhere, as it does for a page still
    // on its way.
    const { promise: held, resolve: release } = Promise.withResolvers<void>();
    await page.route(/\/@vite\/client/, async (route) => {
      await held;
      await route.continue();
    });
    // From a blank page: a reload the open page was sent just now (for an earlier change) would cut this navigation short.
    await page.goto('about:blank');
    await page.goto(address, { waitUntil: 'commit' });
    await expect.poll(shown, { timeout: 30_000 }).toBe(before);
    const named = imageOf('waiting-room');
    fs.copyFileSync(path.join(PHOTOS, 'landscape.jpg'), project.at(GALLERY, 'photos', named));
    await expect.poll(served, { timeout: 30_000 }).not.toBe(before);
    const after = await served();
    release();
    await untilShown(page, 'the new photo, once the page has connected', said, async () => ((await shown()) === after ? true : undefined));
    await page.close();
  });

  it('shows a photo saved in pieces a moment apart, as an app that writes as it goes saves it, once it is whole, and never an error page for it half-written', async () => {
    const { page, said } = await openPage(dev);
    await page.goto(`${dev.origin}/studio/`);
    const before = await untilShown(page, 'the photo', said, figure(page, 'waiting-room'));
    const bytes = fs.readFileSync(path.join(PHOTOS, 'portrait.jpg'));
    const { width, height } = await sharp(bytes).metadata();
    // Emptied, then written in four pieces 10 ms apart: the file watcher reports
    // the first change and, within 50 ms of it, none of the others
    // (paulmillr/chokidar#1455), so a check that read the file half-written
    // must not be the last word. The pauses shape the writing, not a wait for
    // its outcome: that is untilShown below.
    // The pages the open page is reloaded into from here: none of them an error for the file read half-written.
    const failed: string[] = [];
    page.on('response', (r) => void (r.request().isNavigationRequest() && r.status() >= 500 && failed.push(`${r.status()} ${r.url()}`)));
    const fd = fs.openSync(project.at(GALLERY, 'photos', imageOf('waiting-room')), 'w');
    try {
      const piece = Math.ceil(bytes.length / 4);
      for (let at = 0; at < bytes.length; at += piece) {
        if (at > 0) await pause(10);
        fs.writeSync(fd, bytes, at, Math.min(piece, bytes.length - at));
      }
    } finally {
      fs.closeSync(fd);
    }
    await untilShown(page, 'the photo, once whole', said, async () => {
      const now = await figure(page, 'waiting-room')();
      return now && now.src !== before.src && Math.abs(now.width / now.height - width / height) < 0.01 ? now : undefined;
    });
    expect(failed, said()).toEqual([]);
    // No error left over from the half-written file (a page that shows content the check found fine closes one that comes late).
    await expect.poll(() => page.locator('vite-error-overlay').count(), { timeout: 10_000, message: said() }).toBe(0);
    await page.close();
  });

  it('follows the photos: one saved over another, one added, one renamed, each shown in the open page without a restart', { timeout: 240_000 }, async () => {
    const { page, said } = await openPage(dev);
    await page.goto(`${dev.origin}/studio/`);
    const before = await untilShown(page, 'the first photo', said, figure(page, 'first-light'));
    expect(before.width).toBeGreaterThan(0);

    // Saved over, under the same name: an image of another shape.
    const named = imageOf('first-light');
    const landscape = await sharp(path.join(PHOTOS, 'landscape.jpg')).metadata();
    fs.copyFileSync(path.join(PHOTOS, 'landscape.jpg'), project.at(GALLERY, 'photos', named));
    const swapped = await untilShown(page, 'the photo saved over the first', said, async () => {
      const now = await figure(page, 'first-light')();
      return now && now.src !== before.src && Math.abs(now.width / now.height - landscape.width / landscape.height) < 0.01 ? now : undefined;
    });
    expect(swapped.width).toBeGreaterThan(0);

    // Added: its image, its .mdx, then the gallery's list.
    fs.copyFileSync(path.join(PHOTOS, 'portrait.jpg'), project.at(GALLERY, 'photos', 'new-arrival.jpg'));
    fs.writeFileSync(
      project.at(GALLERY, 'photos', 'new-arrival.mdx'),
      '---\nimage: ./new-arrival.jpg\nalt: An upright test photograph.\n---\n\nA photo added while the dev server runs.\n',
    );
    project.edit(`${GALLERY}/index.mdx`, (s) => s.replace('photos:\n', 'photos:\n  - new-arrival\n'));
    const added = await untilShown(page, 'the photo added', said, figure(page, 'new-arrival'));
    expect(added.height).toBeGreaterThan(added.width);

    // Renamed: the image file, the .mdx (and its image field), the gallery's list.
    const upright = imageOf('upright');
    fs.renameSync(project.at(GALLERY, 'photos', upright), project.at(GALLERY, 'photos', 'standing.jpg'));
    fs.writeFileSync(
      project.at(GALLERY, 'photos', 'standing.mdx'),
      fs.readFileSync(project.at(GALLERY, 'photos', 'upright.mdx'), 'utf8').replace(`./${upright}`, './standing.jpg'),
    );
    fs.rmSync(project.at(GALLERY, 'photos', 'upright.mdx'));
    project.edit(`${GALLERY}/index.mdx`, (s) => s.replace('  - upright\n', '  - standing\n'));
    const renamed = await untilShown(page, 'the photo renamed', said, async () =>
      (await page.locator('figure[id="upright"]').count()) === 0 ? figure(page, 'standing')() : undefined,
    );
    expect(renamed.width).toBeGreaterThan(0);
    await expect.poll(() => page.locator('vite-error-overlay').count(), { timeout: 10_000, message: said() }).toBe(0);
    await page.close();
  });

  it('serves no variant name it did not plan', async () => {
    const { page, said } = await openPage(dev);
    await page.goto(`${dev.origin}/studio/`);
    const shown = await untilShown(page, 'the first photo', said, figure(page, 'first-light'));
    expect(new URL(shown.src).pathname).toMatch(/^\/_astro\/[a-z0-9-]+-\d+\.[0-9a-f]{12}\.avif$/);
    const response = await page.request.get(shown.src);
    expect(response.headers()['content-type']).toBe('image/avif');
    expect((await page.request.get(shown.src.replace(/\.[0-9a-f]{12}\./, '.000000000000.'))).status()).toBe(404);
    await page.close();
  });
});

describe('one encode path', () => {
  it('publishes the same bytes after the dev server filled the cache as a cold build does', async () => {
    const project = fixtureProject('small');
    try {
      // Photos 900 px wide: the same code at a smaller size, so the test stays short.
      const folder = project.at(GALLERY, 'photos');
      for (const f of fs.readdirSync(folder).filter((f) => f.endsWith('.jpg'))) {
        fs.writeFileSync(path.join(folder, f), await sharp(path.join(folder, f)).rotate().resize({ width: 900 }).toBuffer());
      }
      const dev = await startDev(project);
      const names = new Set<string>();
      try {
        const page = await browser.newPage();
        // Every page of the site, and on each every image address it names (what the build publishes).
        const queue = ['/'];
        const seen = new Set<string>();
        while (queue.length > 0) {
          const next = queue.shift() ?? '/';
          if (seen.has(next)) continue;
          seen.add(next);
          await page.goto(`${dev.origin}${next}`);
          await page.locator('main').waitFor({ timeout: 30_000 });
          const found = addresses(await page.content())
            .map((a) => new URL(a, page.url()))
            .map((u) => ({ host: u.host === new URL(dev.origin).host, path: u.pathname }));
          for (const { host, path: p } of found) {
            if (/^\/_astro\/.+\.(avif|webp|jpg)$/.test(p)) names.add(p.slice('/_astro/'.length));
            else if (host && p.endsWith('/') && !seen.has(p)) queue.push(p);
          }
        }
        for (const name of names) expect((await page.request.get(`${dev.origin}/_astro/${name}`)).status(), name).toBe(200);
        await page.close();
      } finally {
        dev.stop();
      }
      const build = (out: string) => spawnSync(process.execPath, ['scripts/build.ts', '--out', out], { cwd: project.dir, encoding: 'utf8', env: ENV });
      const warm = build('after-dev');
      expect(warm.status, warm.stderr).toBe(0);
      // Everything the pages name came from the dev server's cache.
      expect(warm.stdout).toContain('encoding 0 photo variants');
      fs.rmSync(project.at('node_modules/.astro'), { recursive: true, force: true });
      const cold = build('cold');
      expect(cold.status, cold.stderr).toBe(0);
      const images = (dir: string) =>
        fs
          .readdirSync(project.at(dir, '_astro'))
          .filter((f) => /\.(avif|webp|jpg)$/.test(f))
          .sort();
      expect(images('after-dev')).toEqual(images('cold'));
      expect(new Set(images('cold'))).toEqual(names);
      for (const f of images('cold'))
        expect(fs.readFileSync(project.at('after-dev/_astro', f)).equals(fs.readFileSync(project.at('cold/_astro', f))), f).toBe(true);
    } finally {
      project.remove();
    }
  });
});
