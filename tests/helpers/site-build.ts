/**
 * What the `site` project reads, made once per test run in the background:
 * the site as the editors left it, built into test-results/site (never the
 * editor's dist/), then the type check (`npm run check`), which comes after
 * because `astro check` rewrites Astro's generated types (.astro/) as the
 * build does.
 *
 * They start in the global setup and run beside the fixture projects' tests,
 * which come first; each file of the `site` project waits for the build in
 * its setup file (site-ready.ts), and the type check's test for the check.
 * Made before the tests instead, they held up the whole suite: about 30 s
 * of a 200 s run with real photographs. Each step's output goes to
 * test-results/<step>.log, and how it ended to test-results/<step>.json
 * once its process has exited. A run of some of the site's files (one
 * browser test, say) starts both too; what still runs at its end is stopped.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SITE_DIR } from './dist.ts';
import { ENV } from './project.ts';

const RESULTS = path.dirname(path.resolve(SITE_DIR));
const STEPS = {
  'site-build': ['scripts/build.ts', '--out', SITE_DIR],
  typecheck: ['scripts/typecheck.ts'],
} as const;
type Step = keyof typeof STEPS;
const log = (step: Step) => path.join(RESULTS, `${step}.log`);
/** `{ "code": <exit status>, "signal": <signal or null> }` */
const status = (step: Step) => path.join(RESULTS, `${step}.json`);

interface Ended {
  code: number | null;
  signal: string | null;
  error?: string;
}

/** Runs the steps one after the other in the background; returns what stops the one still running. */
export function startSiteSteps(): () => void {
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const step of Object.keys(STEPS) as Step[]) fs.rmSync(status(step), { force: true });
  let stopped = false;
  let stop = () => undefined as unknown;
  const run = (step: Step) =>
    new Promise<void>((resolve) => {
      const out = fs.openSync(log(step), 'w');
      const child = spawn(process.execPath, STEPS[step], { stdio: ['ignore', out, out], env: ENV });
      stop = () => child.kill('SIGTERM');
      let running = true;
      const end = (ended: Ended) => {
        if (!running) return;
        running = false;
        stop = () => undefined;
        fs.closeSync(out);
        // Renamed into place, so a reader never sees half of it.
        fs.writeFileSync(`${status(step)}.partial`, JSON.stringify(ended));
        fs.renameSync(`${status(step)}.partial`, status(step));
        resolve();
      };
      child.on('error', (error) => end({ code: null, signal: null, error: error.message }));
      child.on('exit', (code, signal) => end({ code, signal }));
    });
  void (async () => {
    for (const step of Object.keys(STEPS) as Step[]) if (!stopped) await run(step);
  })();
  return () => {
    stopped = true;
    stop();
  };
}

/** How `step` ended and what it printed, once it has ended; throws if it has not in `timeout` ms. */
export async function ended(step: Step, timeout = 600_000): Promise<Ended & { output: string }> {
  const file = status(step);
  const output = () => (fs.existsSync(log(step)) ? fs.readFileSync(log(step), 'utf8') : '');
  await new Promise<void>((resolve, reject) => {
    const done = (settle: () => void) => {
      watcher.close();
      clearTimeout(timer);
      settle();
    };
    // Watching before looking, so that a status written in between is not missed.
    const watcher = fs.watch(RESULTS, () => void (fs.existsSync(file) && done(resolve)));
    const timer = setTimeout(
      () => done(() => reject(new Error(`\`node ${STEPS[step].join(' ')}\` did not end in ${timeout / 1000} s; it printed:\n${output()}`))),
      timeout,
    );
    if (fs.existsSync(file)) done(resolve);
  });
  return { ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Ended), output: output() };
}

/** Resolves once the site is built; throws with what the build printed if it failed. */
export async function siteBuilt(): Promise<void> {
  const build = await ended('site-build');
  if (build.code === 0) return;
  const how = build.error ?? (build.signal ? `stopped by ${build.signal}` : `exit status ${build.code}`);
  throw new Error(
    `the site did not build (${how}); what \`node ${STEPS['site-build'].join(' ')}\` printed:\n${build.output.split('\n').slice(-60).join('\n')}`,
  );
}
