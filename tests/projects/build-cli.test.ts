/**
 * `npm run build` as a command-line tool, on the small fixture: stopped at
 * once by SIGINT/SIGTERM (through npm too) with dist/ as it was; one build at
 * a time; a dist/ it cannot delete or replace; errors in one line, the stack
 * only on request; no bundler noise.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { $ } from '../helpers/html.ts';
import { ENV, fixtureProject, PHOTOS, ROOT, type Project } from '../helpers/project.ts';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.remove()));
const IMAGE = 'content/galleries/studio/photos/camera-metadata.jpg';
const isRoot = process.getuid?.() === 0;

/** The fixture with a published dist/, and a large photo of fresh noise so that encoding takes a few seconds. */
async function slowProject(): Promise<Project> {
  const p = fixtureProject('small');
  projects.push(p);
  await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toFile(p.at(IMAGE));
  fs.mkdirSync(p.at('dist'));
  fs.writeFileSync(p.at('dist/index.html'), 'published');
  return p;
}

let cold: { project: Project; result: ReturnType<Project['build']> } | undefined;
/** One cold build of the fixture, made the first time it is asked for: what it printed, and the image cache it filled. */
function coldBuild() {
  if (!cold) {
    const project = fixtureProject('small');
    projects.push(project);
    cold = { project, result: project.build() };
  }
  return cold;
}

/**
 * The fixture with a published dist/ and its image cache already filled, for
 * what is about publishing rather than encoding: its builds encode nothing.
 */
function warmProject(): Project {
  const { project: first, result } = coldBuild();
  if (result.status !== 0) throw new Error(result.output);
  const p = fixtureProject('small');
  projects.push(p);
  fs.cpSync(first.at('node_modules/.astro/photos'), p.at('node_modules/.astro/photos'), { recursive: true });
  fs.mkdirSync(p.at('dist'));
  fs.writeFileSync(p.at('dist/index.html'), 'published');
  return p;
}

/** Collects a process's output; `until(text)` resolves once it has printed `text`, and rejects after `timeout` ms. */
function watch(child: ChildProcess) {
  let output = '';
  const waiting: [string, () => void][] = [];
  const on = (d: Buffer) => {
    output += d.toString();
    for (const [text, resolve] of waiting) if (output.includes(text)) resolve();
  };
  child.stdout?.on('data', on);
  child.stderr?.on('data', on);
  // 'close': the output pipes are closed, so every process that held them (npm, the build, its steps) has ended.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    get output() {
      return output;
    },
    exited,
    until: (text: string, timeout = 60_000) =>
      new Promise<void>((resolve, reject) => {
        if (output.includes(text)) return resolve();
        const timer = setTimeout(() => reject(new Error(`"${text}" was not printed within ${timeout} ms; the output was:\n${output}`)), timeout);
        waiting.push([text, () => (clearTimeout(timer), resolve())]);
      }),
  };
}

/** Processes whose command line names the project's folder. */
const processesOf = (p: Project) =>
  execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(p.dir) && !l.includes(' ps -eo'));

/** Whether dist/ holds a built site (a home page with its main content), not the stand-in the test wrote. */
const isSite = (p: Project) => $(fs.readFileSync(p.at('dist/index.html'), 'utf8'), 'main h1, main h2') !== null;

const leftovers = (p: Project) => fs.readdirSync(p.dir).filter((f) => f.startsWith('.dist-') || f === '.build.lock');

/** Makes a file or folder undeletable, and returns how to undo it. */
function pin(target: string): () => void {
  if (isRoot) {
    execFileSync('chattr', ['+i', target]);
    return () => execFileSync('chattr', ['-i', target]);
  }
  const dir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  fs.chmodSync(dir, 0o555);
  return () => fs.chmodSync(dir, 0o755);
}

describe('stopping a build', () => {
  for (const [how, signal] of [
    ['SIGTERM to npm run build', 'SIGTERM'],
    ['SIGINT to node scripts/build.ts', 'SIGINT'],
  ] as const) {
    it(`${how} stops all of it at once and leaves dist/ as it was`, async () => {
      const p = await slowProject();
      const viaNpm = how.includes('npm');
      const child = viaNpm
        ? spawn('npm', ['run', 'build'], { cwd: p.dir, env: { ...ENV, PATH: `${path.join(ROOT, 'node_modules/.bin')}:${process.env['PATH']}` } })
        : spawn(process.execPath, ['scripts/build.ts'], { cwd: p.dir, env: ENV });
      const run = watch(child);
      await run.until('] encoding ');
      child.kill(signal);
      await run.exited;
      await expect.poll(() => processesOf(p), { timeout: 5_000 }).toEqual([]);
      await expect.poll(() => leftovers(p), { timeout: 5_000 }).toEqual([]);
      expect(run.output).toContain('dist/ was left as it was');
      // No process of the build is left (above), so nothing can swap a half-built site in later.
      expect(fs.readFileSync(p.at('dist/index.html'), 'utf8')).toBe('published');
      if (viaNpm) return;
      // What the stop left half-written in the image cache, and what a build killed outright (kill -9) would
      // leave, is swept by the next build.
      const cache = p.at('node_modules/.astro/photos');
      const dead = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => dead.on('exit', resolve));
      fs.writeFileSync(path.join(cache, `stopped-480.000000000000.avif.${dead.pid}.partial`), 'half');
      // The fixture's own photo back in place of the noise, which took long to encode only so the stop would land mid-encode.
      fs.copyFileSync(path.join(PHOTOS, path.basename(IMAGE)), p.at(IMAGE));
      const next = p.build();
      expect(next.status, next.output).toBe(0);
      expect(fs.readdirSync(cache).filter((f) => f.endsWith('.partial'))).toEqual([]);
    });
  }
});

describe('two builds at once', () => {
  it('the second waits for the first; both publish a whole site', async () => {
    // The lock is held from the first step to the last: the second starts well inside the first's Astro step.
    const p = warmProject();
    const first = watch(spawn(process.execPath, ['scripts/build.ts'], { cwd: p.dir, env: ENV }));
    await first.until('[build]');
    const second = watch(spawn(process.execPath, ['scripts/build.ts'], { cwd: p.dir, env: ENV }));
    await second.until('waiting for it to finish');
    expect(await first.exited, first.output).toBe(0);
    expect(await second.exited, second.output).toBe(0);
    expect(second.output.split('\n').filter((l) => l.includes('Another build'))).toEqual(['Another build of this project is running; waiting for it to finish…']);
    expect(isSite(p)).toBe(true);
    expect(leftovers(p)).toEqual([]);
  });
});

describe('a dist/ that cannot be deleted or replaced', () => {
  it('a file in dist/ that cannot be deleted: the site is still published, with one line saying what to delete; the next build too', () => {
    const p = warmProject();
    // A published site in dist/: the cold build's.
    fs.rmSync(p.at('dist'), { recursive: true });
    fs.cpSync(coldBuild().project.at('dist'), p.at('dist'), { recursive: true });
    const unpin = pin(p.at('dist/robots.txt'));
    try {
      const r = p.build();
      expect(r.status, r.output).toBe(0);
      expect(r.lines.filter((l) => /could not be deleted/.test(l))).toEqual([
        expect.stringMatching(/^dist\/ was updated, but its old copy \.dist-old-\d+\/ could not be deleted \(E[A-Z]+: .*\); delete it when you can \(rm -rf \.dist-old-\d+\)\.$/),
      ]);
      expect(isSite(p)).toBe(true);
      // The next build publishes too, and says once more what is left to delete.
      const next = p.build();
      expect(next.status, next.output).toBe(0);
      expect(next.lines.filter((l) => /could not/i.test(l))).toEqual([expect.stringMatching(/^Could not delete \.dist-old-\d+\/ left by an earlier build \(E[A-Z]+\); delete it when you can \(rm -rf \.dist-old-\d+\)\.$/)]);
    } finally {
      unpin();
      for (const old of fs.readdirSync(p.dir).filter((f) => f.startsWith('.dist-old-'))) {
        if (isRoot) execFileSync('chattr', ['-R', '-i', p.at(old)]);
      }
    }
  });

  it('a dist/ that cannot be replaced: one line saying what and how, dist/ as it was; the next build recovers by itself', () => {
    const p = warmProject();
    const unpin = pin(p.at('dist'));
    try {
      const r = p.build();
      expect(r.status).not.toBe(0);
      expect(r.lines.filter((l) => l.startsWith('dist/ could not be replaced'))).toHaveLength(1);
      expect(r.output).toContain('The build failed; dist/ was left as it was.');
      expect(fs.readFileSync(p.at('dist/index.html'), 'utf8')).toBe('published');
      expect(leftovers(p)).toEqual([]);
    } finally {
      unpin();
    }
    const again = p.build();
    expect(again.status, again.output).toBe(0);
    expect(isSite(p)).toBe(true);
  });
});

describe('what a build prints', () => {
  it('an error in code: one line without a stack trace; --verbose and DEBUG show it', () => {
    const p = fixtureProject('small');
    projects.push(p);
    fs.writeFileSync(p.at('src/pages/broken.astro'), "---\nthrow new Error('this page is broken');\n---\n");
    const plain = p.build();
    expect(plain.status).not.toBe(0);
    expect(plain.output).toContain('this page is broken');
    expect(plain.output).not.toMatch(/^\s+at /m);
    expect(plain.output).toContain('run the build again with --verbose');
    expect(p.build('--verbose').output).toMatch(/^\s+at /m);
    expect(p.buildWith({ DEBUG: '1' }).output).toMatch(/^\s+at /m);
  });

  it('an image cache it cannot write to fails the build in one line naming the folder, and nothing is published', () => {
    const p = fixtureProject('small');
    projects.push(p);
    fs.mkdirSync(p.at('node_modules/.astro/photos'), { recursive: true });
    const unpin = pin(p.at('node_modules/.astro/photos'));
    try {
      const r = p.build();
      expect(r.status).not.toBe(0);
      expect(r.output).toMatch(/the image cache \S*node_modules\/\.astro\/photos cannot be written \((?:EACCES|EPERM)\): make it writable, or delete it and build again/);
      expect(r.output).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(p.at('dist'))).toBe(false);
    } finally {
      unpin();
    }
  });

  it('no bundler noise and no warning when all is well', () => {
    // A cold build, the one that also fills the cache the tests above share.
    const r = coldBuild().result;
    expect(r.status, r.output).toBe(0);
    expect(r.output).not.toContain('MODULE_LEVEL_DIRECTIVE');
    // The only warning: the fixture's placeholder, and its upright photo too small for the column.
    expect(r.lines.filter((l) => l.includes('[WARN]'))).toEqual([
      expect.stringMatching(/upright\.mdx: field "image" \(\.\/rotated\.jpg\): is 400x600 px, too small/),
      expect.stringMatching(/1 of 3 photographs are still placeholders:$/),
    ]);
  });
});
