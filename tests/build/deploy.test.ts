/**
 * The deploy recipes promise what the site needs: the same security headers
 * and caching from `_headers` (Netlify, Cloudflare Pages; written by every
 * build) and `vercel.json`, and a GitHub Pages workflow that installs with
 * `npm ci`, keeps the image cache and builds for the Pages address.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_CACHE, PAGE_CACHE, SECURITY_HEADERS } from '../../src/lib/deploy-headers.ts';
import { allFiles, DIST, pagePaths } from '../helpers/dist.ts';
import { headerRules, hostHeaders, serve, type StaticServer } from '../helpers/server.ts';

const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
const SECURITY = lower(SECURITY_HEADERS);
/** What every page gets, and what every file under /_astro/ gets. */
const PAGE = { ...SECURITY, 'cache-control': PAGE_CACHE };
const ASSET = { ...SECURITY, 'cache-control': ASSET_CACHE };
const pages = () => [...pagePaths(), '/404.html'].filter((p, i, all) => all.indexOf(p) === i);
const asset = () => `/${path.relative(DIST, allFiles().find((f) => f.includes(`${path.sep}_astro${path.sep}`)) ?? '').split(path.sep).join('/')}`;

describe('_headers (Netlify, Cloudflare Pages)', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serve(DIST);
  });
  afterAll(() => server?.close());

  it('gives every page the security headers and short caching, and /_astro/ files a year', async () => {
    const rules = await headerRules(DIST);
    for (const p of pages()) expect(hostHeaders(rules, p), p).toEqual(PAGE);
    expect(hostHeaders(rules, asset())).toEqual(ASSET);
  });

  it('is what the test server sends, so the browser tests run under the same headers', async () => {
    const page = await fetch(`${server.url}/`);
    for (const [k, v] of Object.entries(PAGE)) expect(page.headers.get(k), k).toBe(v);
    const file = await fetch(`${server.url}${asset()}`);
    expect(file.headers.get('cache-control')).toBe(ASSET_CACHE);
  });
});

describe('vercel.json', () => {
  const config = JSON.parse(fs.readFileSync('vercel.json', 'utf8')) as {
    installCommand: string;
    buildCommand: string;
    outputDirectory: string;
    headers: { source: string; headers: { key: string; value: string }[] }[];
  };
  /** Vercel applies every rule whose source matches; the sources here are plain regular expressions of the path. */
  const headersFor = (p: string) =>
    Object.fromEntries(config.headers.filter((r) => new RegExp(`^${r.source}$`).test(p)).flatMap((r) => r.headers.map((h) => [h.key.toLowerCase(), h.value])));
  it('sends the same headers as _headers, for every page and for /_astro/', () => {
    for (const p of pages()) expect(headersFor(p), p).toEqual(PAGE);
    expect(headersFor(asset())).toEqual(ASSET);
  });
  it('installs with npm ci and publishes dist/', () => {
    expect([config.installCommand, config.buildCommand, config.outputDirectory]).toEqual(['npm ci', 'npm run build', 'dist']);
  });
});

describe('the GitHub Pages workflow', () => {
  const workflow = parse(fs.readFileSync('.github/workflows/deploy.yml', 'utf8')) as {
    jobs: { build: { steps: { uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> }[] } };
  };
  const steps = workflow.jobs.build.steps;
  const at = (test: (s: (typeof steps)[number]) => boolean) => steps.findIndex(test);
  it('installs with npm ci, then restores the image cache, then builds for the Pages address and uploads dist/', () => {
    const install = at((s) => s.run === 'npm ci');
    const cache = at((s) => !!s.uses?.startsWith('actions/cache@'));
    const build = at((s) => s.run === 'npm run build');
    const upload = at((s) => !!s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(install).toBeGreaterThanOrEqual(0);
    expect([install < cache, cache < build, build < upload]).toEqual([true, true, true]);
    expect(steps[cache]?.with?.['path']).toBe('node_modules/.astro');
    expect(steps[build]?.env?.['SITE_URL']).toBe('${{ steps.pages.outputs.base_url }}');
    expect(steps[upload]?.with?.['path']).toBe('dist');
  });
});
