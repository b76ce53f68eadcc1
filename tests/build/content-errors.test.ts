/**
 * Bad content stops the build with a message naming the file and field,
 * and leaves the last good dist/ untouched. Each case builds a small copy
 * of the project (two photos) with one thing wrong.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GALLERY_DIR, ROOT, smallProject } from '../helpers/project.ts';

const G = GALLERY_DIR;

async function project(mutate: (dir: string) => void): Promise<string> {
  const dir = await smallProject('kfs-content-');
  // A last good build, already published.
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'index.html'), 'published');
  mutate(dir);
  return dir;
}

function build(dir: string) {
  const r = spawnSync(process.execPath, ['scripts/build.ts'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const edit = (file: string, fn: (s: string) => string) => fs.writeFileSync(file, fn(fs.readFileSync(file, 'utf8')));

const cases: [string, (dir: string) => void, RegExp[]][] = [
  [
    'a missing alt',
    (d) => edit(path.join(d, G, 'photos/couple-at-airport.mdx'), (s) => s.replace(/^alt:.*\n/m, '')),
    [/couple-at-airport/, /alt/, /required/],
  ],
  [
    'a missing image file',
    (d) => fs.rmSync(path.join(d, G, 'photos/pyongyang-cinema.jpg')),
    [/pyongyang-cinema/, /image/i, /does not exist/],
  ],
  [
    'a photo no gallery lists',
    (d) => {
      for (const ext of ['.mdx', '.jpg']) fs.copyFileSync(path.join(ROOT, G, 'photos', `makeup-team${ext}`), path.join(d, G, `photos/makeup-team${ext}`));
    },
    [/content\/galleries\/korean-film-studio\/photos\/makeup-team\.mdx: this photo is not in the "photos" list/],
  ],
  [
    'a listed photo with no file',
    (d) => edit(path.join(d, G, 'index.mdx'), (s) => s.replace('  - pyongyang-cinema\n', '  - pyongyang-cinema\n  - no-such-photo\n')),
    [/index\.mdx: field "photos" lists "no-such-photo"/],
  ],
  [
    'alt text equal to the caption',
    (d) => edit(path.join(d, G, 'photos/couple-at-airport.mdx'), (s) => s.replace(/^alt:.*$/m, 'alt: "Scene of a couple breaking up at the airport."')),
    [/couple-at-airport\.mdx: field "alt" repeats the caption/],
  ],
  [
    'a corrupt JPEG',
    (d) => fs.writeFileSync(path.join(d, G, 'photos/couple-at-airport.jpg'), fs.readFileSync(path.join(ROOT, G, 'photos/couple-at-airport.jpg')).subarray(0, 4000)),
    [/couple-at-airport\.jpg/],
  ],
  [
    'malformed MDX',
    (d) => edit(path.join(d, G, 'photos/couple-at-airport.mdx'), (s) => `${s}\n<figure>unclosed {\n`),
    [/couple-at-airport\.mdx/],
  ],
];

describe('content errors', () => {
  it.each(cases)('%s fails the build, names the file, and keeps dist/', async (_name, mutate, patterns) => {
    const dir = await project(mutate);
    try {
      const { status, output } = build(dir);
      expect(status, output).not.toBe(0);
      for (const p of patterns) expect(output).toMatch(p);
      expect(output).toContain('dist/ was left as it was');
      expect(fs.readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8')).toBe('published');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
