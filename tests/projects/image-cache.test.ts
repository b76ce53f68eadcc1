/**
 * The image cache across builds, on the small fixture (two photos, 900 px
 * wide, and a placeholder) with a cache of its own: nothing is encoded again when
 * nothing that decides the bytes changed, and a changed encoder setting or
 * width ladder re-encodes exactly the variants it affects — never serves a
 * stale file (src/lib/variants.ts hashes the settings into each name); and
 * the encoder run in parts, as large sites are built, publishes the same bytes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../scripts/build/env.ts';
import { ENV, fixtureProject, ROOT, type Project } from '../helpers/project.ts';

let project: Project;
let dir: string;
/** How many photos the fixture has. */
let count: number;

interface Built {
  encoded: number;
  files: string[];
}

function build(): Built {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench/build-once.ts'), dir], { encoding: 'utf8' });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  const files = fs.readdirSync(path.join(dir, 'dist/_astro')).filter((f) => /\.(avif|webp|jpg)$/.test(f));
  return { encoded: (JSON.parse(last) as { encoded: number }).encoded, files };
}

const edit = (file: string, fn: (s: string) => string) => {
  const before = fs.readFileSync(path.join(dir, file), 'utf8');
  const after = fn(before);
  expect(after, `edit of ${file}`).not.toBe(before);
  fs.writeFileSync(path.join(dir, file), after);
};
const ofType = (b: Built, ext: string) => b.files.filter((f) => f.endsWith(ext)).sort();

beforeAll(async () => {
  project = fixtureProject('small');
  dir = project.dir;
  // Every photo 900 px wide, so the cold build stays short.
  const folder = project.at('content/galleries/studio/photos');
  for (const f of fs.readdirSync(folder).filter((f) => f.endsWith('.jpg'))) {
    const resized = await sharp(path.join(folder, f)).rotate().resize({ width: 900 }).toBuffer();
    fs.writeFileSync(path.join(folder, f), resized);
  }
  count = fs.readdirSync(folder).filter((f) => f.endsWith('.mdx')).length;
});
afterAll(() => project?.remove());

describe('the image cache', () => {
  let first: Built;
  /** What the last build published: each test goes on from where the one before left the project. */
  let latest: Built;

  it('encodes every variant on a cold build', () => {
    first = build();
    // Per photo: 480, 800 and its own 900 in AVIF and WebP, a 900 px JPEG and a link-preview card.
    expect(first.files).toHaveLength(count * (2 * 3 + 2));
    expect(first.encoded).toBe(first.files.length);
  });

  it('encodes nothing when nothing changed, or only a caption', () => {
    expect(build()).toEqual({ encoded: 0, files: first.files });
    edit('content/galleries/studio/photos/first-light.mdx', (s) => s.replace('A nuthatch', 'The nuthatch'));
    expect(build()).toEqual({ encoded: 0, files: first.files });
  });

  it('publishes the same bytes when the encoder runs in parts, each part encoding its own photos', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kfs-parts-'));
    try {
      const manifest = path.join(work, 'manifest.json');
      const step = (name: string, ...args: string[]) => {
        const script = path.join(dir, 'scripts/build', `${name}.ts`);
        const r = spawnSync(process.execPath, [...(NODE_FLAGS[name] ?? []), script, ...args], { cwd: dir, encoding: 'utf8', env: ENV });
        expect(r.status, r.stderr).toBe(0);
        return r.stdout;
      };
      step('check', dir, manifest);
      // A cache of its own, empty: each part encodes; the next build's cache is left as it was.
      const said = [1, 2].map((k) => step('encode', manifest, path.join(work, 'out'), path.join(work, 'cache'), `--part=${k}/2`));
      const encoded = said.map((out) => Number(/part \d of 2: encoding (\d+) photo variants \(0 more from the cache\)/.exec(out)?.[1] ?? NaN));
      for (const n of encoded) expect(n).toBeGreaterThan(0);
      expect(encoded[0]! + encoded[1]!).toBe(first.files.length);
      const published = fs.readdirSync(path.join(work, 'out/_astro')).sort();
      expect(published).toEqual([...first.files].sort());
      for (const f of published) expect(fs.readFileSync(path.join(work, 'out/_astro', f)).equals(fs.readFileSync(path.join(dir, 'dist/_astro', f))), f).toBe(true);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('re-encodes exactly the AVIF variants when an AVIF setting changes', () => {
    edit('src/lib/image-settings.ts', (s) => s.replace(/avif: \{ quality: \d+/, 'avif: { quality: 42'));
    const after = (latest = build());
    expect(after.encoded).toBe(ofType(first, '.avif').length);
    expect(ofType(after, '.webp')).toEqual(ofType(first, '.webp'));
    expect(ofType(after, '.jpg')).toEqual(ofType(first, '.jpg'));
    expect(ofType(after, '.avif').filter((f) => ofType(first, '.avif').includes(f))).toEqual([]);
  });

  it('encodes only the new width when one is added to the ladder', () => {
    const before = latest;
    edit('src/lib/image-settings.ts', (s) => s.replace('[480, 800, 1080', '[480, 640, 800, 1080'));
    const after = build();
    // One AVIF and one WebP per photo: the JPEGs are not a ladder.
    expect(after.encoded).toBe(count * 2);
    expect(after.files.filter((f) => !before.files.includes(f))).toHaveLength(count * 2);
  });
});
