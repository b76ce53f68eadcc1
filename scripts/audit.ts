/**
 * `npm run audit`: Lighthouse (mobile preset, its default) on the home,
 * gallery, essay and one photo page, served from a fresh build on
 * 127.0.0.1 with the system's Chromium. Prints the four category scores
 * and LCP, CLS and TBT per page, and writes them into docs/performance.md.
 *
 * The site is built for the address it is audited at (SITE_URL), so its
 * canonical links point to the pages Lighthouse sees.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, findChromium } from '../tests/helpers/chromium.ts';
import { serve } from '../tests/helpers/server.ts';
import { writeSection } from './bench/doc-section.ts';

const { values } = parseArgs({ options: { 'no-write': { type: 'boolean' } } });
const PAGES = ['/', '/korean-film-studio/', '/essays/north-korean-cinema-at-a-crossroads/', '/korean-film-studio/couple-at-airport/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const repo = process.cwd();
const outDir = path.join(repo, '.audit-dist');

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
console.error(`[audit] building for ${origin}…`);
const built = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--silent'], {
  stdio: 'inherit',
  env: { ...process.env, SITE_URL: origin, ASTRO_OUT_DIR: outDir },
});
if (built.status !== 0) process.exit(built.status ?? 1);

const server = await serve(outDir, port);
const chrome = await chromeLauncher.launch({ chromePath: findChromium(), chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
const rows: string[] = [];
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
    rows.push(
      `| \`${page}\` | ${CATEGORIES.map(score).join(' | ')} | ${(metric('largest-contentful-paint') / 1000).toFixed(2)} s | ${metric('cumulative-layout-shift').toFixed(3)} | ${Math.round(metric('total-blocking-time'))} ms | ${failing.join(', ') || '–'} |`,
    );
  }
} finally {
  chrome.kill();
  await server.close();
  fs.rmSync(outDir, { recursive: true, force: true });
}

const report = [
  `Lighthouse (mobile preset, simulated throttling), ${new Date().toISOString().slice(0, 10)}, Chromium at ${findChromium()}.`,
  '',
  '| page | Performance | Accessibility | Best Practices | SEO | LCP | CLS | TBT | audits below 100 % |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows,
].join('\n');
console.log(`\n${report}\n`);

if (!values['no-write']) writeSection('audit', report, 'Lighthouse');
