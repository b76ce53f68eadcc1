/**
 * `npm run build`: builds the site and publishes it as dist/ only when
 * every check has passed, like a careful command-line tool. Three steps,
 * each a process of its own started one after the other (scripts/build/),
 * so their memory never adds up and this process stays small:
 * 1. check.ts: the content check, once (src/lib/content-check.ts): a
 *    mistake costs a second, and each is one line naming the file and the
 *    field. It writes the manifest the next two read (src/lib/manifest.ts).
 * 2. astro.ts: Astro writes the pages into a staging folder.
 * 3. encode.ts: the photographs' variants, from the image cache or encoded,
 *    in one process per hundred photos.
 * The staging folder is then checked (scripts/build/verify-dist.ts) and only
 * then swapped in. A failed or stopped build leaves dist/ exactly as it was.
 * - One build of the project at a time (proper-lockfile): a second waits.
 * - SIGINT and SIGTERM stop the whole build at once, whichever step runs.
 * - Errors without stack traces, unless --verbose or DEBUG is set.
 *
 *   node scripts/build.ts [--out DIR] [--verbose]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import lockfile from 'proper-lockfile';
import { AddressError, siteAddress } from '../src/lib/address.ts';
import { cacheDirOf } from '../src/lib/cache-dir.ts';
import { partArguments, partsOf, readManifest } from '../src/lib/manifest.ts';
import { LARGE_SITE_PARTS, stepCommand } from './build/env.ts';
import { describeError } from './build/errors.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' }, verbose: { type: 'boolean', default: false } } });
const verbose = values.verbose || !!process.env['DEBUG'];
const root = process.cwd();
const out = path.resolve(root, values.out);
const name = path.basename(out);
const parent = path.dirname(out);
const staging = path.join(parent, `.${name}-staging-${process.pid}`);
/** Beside the staging folder, never inside it: it is not published. */
const manifest = `${staging}.manifest.json`;
const rel = (p: string) => path.relative(root, p) || '.';
const lockOptions = { lockfilePath: path.join(root, '.build.lock'), stale: 10_000, update: 2_000, realpath: false };

let release: (() => Promise<void>) | undefined;
let stopping = false;
let child: ReturnType<typeof spawn> | undefined;
let childExited: Promise<unknown> = Promise.resolve();

/** Stops the step that runs, removes what this build made and lets the next build run; safe to call twice. */
async function cleanUp() {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL'); // its whole process group: the step and anything it started
    } catch {
      // already gone
    }
    await childExited; // nothing writes to the staging folder any more
  }
  fs.rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
  fs.rmSync(manifest, { force: true });
  const unlock = release;
  release = undefined;
  await unlock?.();
}

async function fail(lines: string[], code = 1): Promise<never> {
  // A stop ends the step that runs, which then fails: the stop has said what happened and exits.
  if (stopping) return new Promise<never>(() => undefined);
  for (const line of lines) console.error(line);
  await cleanUp();
  console.error(`The build failed; ${rel(out)}/ was left as it was.`);
  process.exit(code);
}

function stop(why: string, code: number) {
  if (stopping) return;
  stopping = true;
  console.error(`\nStopped (${why}); ${rel(out)}/ was left as it was.`);
  void cleanUp().finally(() => process.exit(code));
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) process.on(signal, () => stop(signal, code));
// `npm run build` runs this under `sh -c`, and sh (dash) does not pass on the SIGTERM npm
// forwards to it: it dies, and this process is left orphaned. So a build whose caller is
// gone stops as if it had been sent SIGTERM.
const caller = process.ppid;
setInterval(() => process.ppid !== caller && stop('its caller ended', 143), 200).unref();

async function lock() {
  const onCompromised = (error: Error) => void fail([`The build lock ${rel(lockOptions.lockfilePath)} was lost (${error.message}); build again.`]);
  try {
    const unlock = await lockfile.lock(root, { ...lockOptions, retries: 0, onCompromised });
    return () => unlock().catch(() => undefined);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
  }
  console.log('Another build of this project is running; waiting for it to finish…');
  const unlock = await lockfile.lock(root, { ...lockOptions, retries: { forever: true, minTimeout: 200, maxTimeout: 1000 }, onCompromised });
  return () => unlock().catch(() => undefined);
}

/** Staging folders, manifests and old copies left by a build that was killed outright: this build holds the lock, so they are nobody's. */
function removeLeftovers() {
  if (!fs.existsSync(parent)) return;
  for (const f of fs.readdirSync(parent).filter((f) => f.startsWith(`.${name}-staging-`) || f.startsWith(`.${name}-old-`))) {
    try {
      fs.rmSync(path.join(parent, f), { recursive: true, force: true });
    } catch (error) {
      const left = rel(path.join(parent, f));
      console.warn(`Could not delete ${left}/ left by an earlier build (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); delete it when you can (rm -rf ${left}).`);
    }
  }
}

/** Runs one step of the build (scripts/build/<step>.ts) and resolves with its exit status. */
function run(step: 'check' | 'astro' | 'encode', args: string[], { large = false } = {}): Promise<number> {
  const command = stepCommand(step, args, { ...process.env, KFS_VERBOSE: verbose ? '1' : '0', KFS_MANIFEST: manifest }, { large });
  // A process group of its own, so a stop ends all of it.
  child = spawn(process.execPath, command.args, { stdio: 'inherit', detached: true, env: command.env });
  const running = child;
  childExited = new Promise((resolve) => running.on('exit', resolve));
  return new Promise((resolve) => running.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Swaps the staging folder in as `out`: renames only, so the old site stays whole until the new one is in place. */
async function publish() {
  const old = path.join(parent, `.${name}-old-${process.pid}`);
  if (fs.existsSync(out)) {
    try {
      fs.renameSync(out, old);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return fail([
        `${rel(out)}/ could not be replaced (${e.code ?? e.message}): check that no program holds it open or mounts it, and that you may write to it and to ${rel(parent)}/ (on Linux, \`lsattr -d ${rel(out)}\` shows an immutable flag); then build again.`,
      ]);
    }
  }
  fs.renameSync(staging, out);
  try {
    fs.rmSync(old, { recursive: true, force: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    console.warn(`${rel(out)}/ was updated, but its old copy ${rel(old)}/ could not be deleted (${e.code}: ${e.path ? rel(e.path) : e.message}); delete it when you can (rm -rf ${rel(old)}).`);
  }
}

try {
  const address = siteAddress(process.env['SITE_URL']);
  if (address.placeholder) {
    console.warn(`SITE_URL is not set: canonical URLs and link previews point at ${address.site}/, a placeholder. Set it to the address the site is served at (see README, "Deploying").`);
  }
  release = await lock();
  removeLeftovers();
  fs.mkdirSync(parent, { recursive: true });
  if ((await run('check', [root, manifest])) !== 0) await fail([]);
  // What the content check found, read once: whether this is a large site (env.ts), and the encoder's parts.
  const found = readManifest(manifest);
  const large = partsOf(found) >= LARGE_SITE_PARTS;
  if ((await run('astro', [staging], { large })) !== 0) await fail([]);
  // One fresh encoder process per part of the photos (manifest.ts, `partsOf`).
  for (const part of partArguments(found)) {
    if ((await run('encode', [manifest, staging, cacheDirOf(root), part], { large })) !== 0) await fail([]);
  }
  // Loaded only now: it reads images with sharp, which this process has no need of while the steps run.
  const { verifyDist } = await import('./build/verify-dist.ts');
  const problems = await verifyDist(staging, [path.join(root, 'content'), path.join(root, 'src')]);
  if (problems.length > 0) await fail(problems);
  await publish();
  await cleanUp();
  console.log(`${rel(out)}/ updated.`);
} catch (error) {
  await fail([error instanceof AddressError ? error.message : describeError(error, verbose)]);
}
