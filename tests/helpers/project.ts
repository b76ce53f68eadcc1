/**
 * Fixture projects: the site's code with the content of a folder in
 * tests/fixtures/, in a temporary folder of its own, node_modules linked.
 * Image files an MDX names that the fixture lacks are taken from
 * tests/fixtures/photos/, so the test photos are kept once.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMdx } from '../../src/lib/frontmatter.ts';

export const ROOT = process.cwd();
export const PHOTOS = path.join(ROOT, 'tests/fixtures/photos');
/** What a project needs besides its content. */
const CODE = ['src', 'scripts', 'public', 'astro.config.ts', 'tsconfig.json', 'package.json'];

export interface Project {
  dir: string;
  /** A path inside the project. */
  at: (...parts: string[]) => string;
  /** Reads, changes and writes back a text file of the project. */
  edit: (file: string, change: (text: string) => string) => void;
  /** `npm run build` there (node scripts/build.ts), with its exit status and everything it printed. */
  build: (...args: string[]) => { status: number | null; output: string; lines: string[] };
  /** The same, with more environment variables. */
  buildWith: (env: Record<string, string>, ...args: string[]) => { status: number | null; output: string; lines: string[] };
  /** The same, not waited for. */
  start: (...args: string[]) => ReturnType<typeof spawn>;
  remove: () => void;
}

/**
 * The environment a person's shell would give: without what Vitest sets in
 * its own (NODE_ENV=test, and Vite's BASE_URL, MODE, DEV, PROD, SSR, which
 * Astro would take as its own: BASE_URL=/ would undo a base path).
 */
const VITEST_SETS = new Set(['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST']);
export const ENV: Record<string, string | undefined> = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITEST_SETS.has(k) && !k.startsWith('VITEST'))),
  ASTRO_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};

/** Only the content of a fixture project, for what reads content alone (the content check). */
export type ContentProject = Pick<Project, 'dir' | 'at' | 'edit' | 'remove'>;

/** Copies fixture `name`'s content (tests/fixtures/<name>/content), images filled in, into a new temporary folder: no code, nothing to build. */
export function fixtureContent(name: string): ContentProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kfs-${name}-content-`));
  fs.cpSync(path.join(ROOT, 'tests/fixtures', name, 'content'), path.join(dir, 'content'), { recursive: true });
  fillImages(dir);
  const at = (...parts: string[]) => path.join(dir, ...parts);
  return {
    dir,
    at,
    edit: (file, change) => fs.writeFileSync(at(file), change(fs.readFileSync(at(file), 'utf8'))),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Copies fixture `name` (tests/fixtures/<name>/content) with the site's code into a new temporary folder. */
export function fixtureProject(name: string): Project {
  const project = copyProject(path.join(ROOT, 'tests/fixtures', name, 'content'), name);
  fillImages(project.dir);
  return project;
}

/** Copies the content folder `content` with the site's code into a new temporary folder named after `name`. */
export function copyProject(content: string, name: string): Project {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kfs-${name}-`));
  for (const f of CODE) fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  // The project's packages (and .bin), linked one by one, so that the caches in
  // node_modules are the fixture's own: its image cache (.astro), so every fixture
  // build encodes from cold; and Vite's (.vite, .vite-temp…), because every build
  // and dev server empties .vite/deps as it starts: shared, a build in one test
  // pulled the dependencies from under another test's dev server (or an editor's).
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules')).filter((e) => !e.startsWith('.') || e === '.bin')) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(dir, 'node_modules', entry));
  }
  fs.cpSync(content, path.join(dir, 'content'), { recursive: true });
  const at = (...parts: string[]) => path.join(dir, ...parts);
  return {
    dir,
    at,
    edit: (file, change) => fs.writeFileSync(at(file), change(fs.readFileSync(at(file), 'utf8'))),
    build: (...args) => build(dir, {}, args),
    buildWith: (env, ...args) => build(dir, env, args),
    start: (...args) => spawn(process.execPath, ['scripts/build.ts', ...args], { cwd: dir, env: ENV }),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function build(dir: string, env: Record<string, string>, args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/build.ts', ...args], { cwd: dir, encoding: 'utf8', env: { ...ENV, ...env } });
  const output = `${r.stdout}\n${r.stderr}`;
  return { status: r.status, output, lines: output.split('\n').filter((l) => l.trim() !== '') };
}

/** Copies from tests/fixtures/photos/ every image an MDX file names that is not there. */
export function fillImages(dir: string) {
  for (const mdx of fs.globSync('content/galleries/*/photos/*.mdx', { cwd: dir })) {
    const image = readMdx(path.join(dir, mdx)).data?.['image'];
    if (typeof image !== 'string') continue;
    const target = path.resolve(dir, path.dirname(mdx), image);
    const source = path.join(PHOTOS, path.basename(image));
    if (!fs.existsSync(target) && fs.existsSync(source)) fs.copyFileSync(source, target);
  }
}

/** Writes a photo's MDX file (and lists it in its gallery when `list`). */
export function addPhoto(project: Project, gallery: string, slug: string, fields: Record<string, string>, caption: string) {
  const yaml = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  fs.writeFileSync(project.at('content/galleries', gallery, 'photos', `${slug}.mdx`), `---\n${yaml}\n---\n\n${caption}\n`);
}
