/**
 * `npm run dev` as an editor uses it: a caption edited shows at once, and a
 * content mistake shows in the browser (not only in the terminal), naming
 * the file and the field; fixing it brings the page back; photos are encoded
 * when the browser asks for them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '../helpers/chromium.ts';
import { ENV, fixtureProject, type Project } from '../helpers/project.ts';

const PHOTO = 'content/galleries/studio/photos/first-light.mdx';
let project: Project;
let dev: ChildProcess;
let browser: Browser;
let origin: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  project = fixtureProject('small');
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: project.dir,
    env: ENV,
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const on = (d: Buffer) => {
      output += d.toString();
      if (output.includes(origin)) resolve();
    };
    dev.stdout?.on('data', on);
    dev.stderr?.on('data', on);
    dev.on('exit', () => reject(new Error(`astro dev ended:\n${output}`)));
  });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  dev?.kill('SIGKILL');
  project?.remove();
});

/** The caption shown at `path`, reloaded; '' while the page is not there (the dev server may reload it once as it warms up). */
async function caption(page: import('playwright-core').Page, path: string): Promise<string> {
  await page.goto(`${origin}${path}`).catch(() => undefined);
  return page.locator('figcaption').innerText({ timeout: 2_000 }).catch(() => '');
}

/** The message of the error overlay at `path`, reloaded; '' while there is none. */
async function overlay(page: import('playwright-core').Page, path: string): Promise<string> {
  await page.goto(`${origin}${path}`).catch(() => undefined);
  return page.locator('vite-error-overlay #message-content').innerText({ timeout: 5_000 }).catch(() => '');
}

describe('the dev server', () => {
  it('shows an edit at once, and a content error in the browser, naming the file and the field', async () => {
    const page = await browser.newPage();
    await expect.poll(() => caption(page, '/studio/first-light/'), { timeout: 30_000 }).toContain('A nuthatch on a tree trunk');

    project.edit(PHOTO, (s) => s.replace('A nuthatch on a tree trunk', 'A nuthatch high on a tree trunk'));
    await expect.poll(() => caption(page, '/studio/first-light/'), { timeout: 15_000 }).toContain('A nuthatch high on a tree trunk');

    project.edit(PHOTO, (s) => s.replace(/^alt:.*\n/m, ''));
    await expect
      .poll(() => overlay(page, '/studio/first-light/'), { timeout: 30_000 })
      .toContain('content/galleries/studio/photos/first-light.mdx: field "alt" is required');

    project.edit(PHOTO, (s) => s.replace('image:', 'alt: A small bird clings to the bark of a tree.\nimage:'));
    await expect.poll(() => caption(page, '/studio/first-light/'), { timeout: 15_000 }).toContain('A nuthatch high on a tree trunk');
    expect(await page.locator('vite-error-overlay').count()).toBe(0);
  });

  it('encodes a photo when the browser asks for it, as the build would, and serves no name it did not plan', async () => {
    const page = await browser.newPage();
    // The photo page's image once it has loaded; undefined while the dev server is still reloading the page.
    const shown = () =>
      page
        .goto(`${origin}/studio/first-light/`)
        .then(async () => {
          const img = page.getByRole('main').getByRole('img').first();
          await img.evaluate((el: HTMLImageElement) => el.decode());
          return await img.evaluate((el: HTMLImageElement) => ({ src: el.currentSrc, width: el.naturalWidth }));
        })
        .catch(() => undefined);
    let first: { src: string; width: number } | undefined;
    await expect.poll(async () => (first = await shown())?.width ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    const src = first?.src ?? '';
    expect(src).toMatch(/\/_astro\/camera-metadata-\d+\.[0-9a-f]{12}\.avif$/);
    const response = await page.request.get(src);
    expect(response.headers()['content-type']).toBe('image/avif');
    // A name no photo has is not ours to serve.
    expect((await page.request.get(src.replace(/\.[0-9a-f]{12}\./, '.000000000000.'))).status()).toBe(404);
  });
});
