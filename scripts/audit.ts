/**
 * `npm run audit [-- --photos DIR] [--only TEXT] [--no-write] [--json]`: Lighthouse
 * (mobile preset, its default) on every page of a fresh build (every HTML
 * file but the 404 page), served on 127.0.0.1 with text gzipped as every
 * host sends it, in the system's Chromium. With `--photos`, the build is of
 * a copy of the project with the photographs of DIR saved over the photo
 * files (scripts/real-photos.ts), as the site will be read: placeholders
 * are small flat images that flatter every figure. Prints the four category scores and FCP, LCP, CLS
 * and TBT per page, and writes them into docs/performance.md; with
 * `--json`, its last line is the summary `npm run bench` reports.
 *
 * The site is built for the address it is audited at (SITE_URL), so its
 * canonical links point to the pages Lighthouse sees.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import getPort from 'get-port';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, findChromium } from '../tests/helpers/chromium.ts';
import { copyProject } from '../tests/helpers/project.ts';
import { serve } from '../tests/helpers/server.ts';
import { saveRealPhotos } from './real-photos.ts';
import { writeSection } from './bench/doc-section.ts';

const { values } = parseArgs({ options: { 'no-write': { type: 'boolean' }, json: { type: 'boolean' }, photos: { type: 'string' }, only: { type: 'string' } } });
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const repo = process.cwd();
const copy = values.photos === undefined ? undefined : copyProject(path.join(repo, 'content'), 'audit');
if (copy && values.photos) console.error(`[audit] ${await saveRealPhotos(copy.dir, path.resolve(values.photos))} photos from ${values.photos}, in ${copy.dir}`);
const project = copy?.dir ?? repo;
const lighthouseVersion = (createRequire(import.meta.url)('lighthouse/package.json') as { version: string }).version;
const outDir = path.join(repo, '.audit-dist');

const port = await getPort({ host: '127.0.0.1' });
const origin = `http://127.0.0.1:${port}`;
console.error(`[audit] building for ${origin}…`);
const built = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--silent'], {
  cwd: project,
  stdio: 'inherit',
  env: { ...process.env, SITE_URL: origin, ASTRO_OUT_DIR: outDir },
});
if (built.status !== 0) process.exit(built.status ?? 1);

// Every page: each index.html, as the address it is served at.
const PAGES = fs
  .globSync('**/index.html', { cwd: outDir })
  .map((f) => `/${path.dirname(f) === '.' ? '' : `${path.dirname(f).split(path.sep).join('/')}/`}`)
  .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))
  // `--only TEXT`: the pages whose address contains TEXT, for trying a change (nothing is written then).
  .filter((p) => values.only === undefined || p.includes(values.only));
if (values.only !== undefined) values['no-write'] = true;
const server = await serve(outDir, port, '/', { compress: true });
const chrome = await chromeLauncher.launch({ chromePath: findChromium(), chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
const rows: string[] = [];
const perfect: string[] = [];
let worst = { page: '', total: Infinity, scores: '' };
try {
  for (const page of PAGES) {
    console.error(`[audit] ${page}`);
    const result = await lighthouse(`${origin}${page}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned nothing for ${page}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${page}: ${lhr.runtimeError.message}`);
    const score = (c: (typeof CATEGORIES)[number]) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const failing = CATEGORIES.flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${c}: ${ref.id}`),
    );
    const scores = CATEGORIES.map(score);
    const total = scores.reduce((a, b) => a + b, 0);
    if (total === 100 * CATEGORIES.length) perfect.push(page);
    if (total < worst.total) worst = { page, total, scores: scores.join('/') };
    rows.push(
      `| \`${page}\` | ${scores.join(' | ')} | ${(metric('first-contentful-paint') / 1000).toFixed(2)} s | ${(metric('largest-contentful-paint') / 1000).toFixed(2)} s | ${metric('cumulative-layout-shift').toFixed(3)} | ${Math.round(metric('total-blocking-time'))} ms | ${failing.join(', ') || '–'} |`,
    );
  }
} finally {
  chrome.kill();
  await server.close();
  fs.rmSync(outDir, { recursive: true, force: true });
  copy?.remove();
}

const report = [
  `Written by \`npm run audit${values.photos ? ` -- --photos ${values.photos}` : ''}\` on ${new Date().toISOString().slice(0, 10)}${values.photos ? ', real photographs saved over the placeholders (every sixth cropped upright)' : ', on the content as it is'}: Lighthouse ${lighthouseVersion} (mobile preset, simulated throttling), Chromium at ${findChromium()}. ${perfect.length} of ${PAGES.length} pages have 100 in all four categories.`,
  '',
  '| page | Performance | Accessibility | Best Practices | SEO | FCP | LCP | CLS | TBT | audits below 100 % |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows,
].join('\n');
console.log(`\n${report}\n`);

if (!values['no-write']) writeSection('audit', report, 'Lighthouse');
if (values.json) console.log(JSON.stringify({ report, pages: PAGES.length, perfect: perfect.length, worst: `${worst.page} (${worst.scores})` }));
