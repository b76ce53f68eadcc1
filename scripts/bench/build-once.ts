/**
 * One build of a benchmark project, as `npm run build` makes it there, with
 * every process of it measured from /proc (Linux): npm, the shell, the
 * build CLI and each of its steps (the content check, Astro, the encoder).
 * Prints one JSON line last: wall time; cores busy on average; the peak of
 * the resident memory of all of them added up at each moment, as the
 * machine sees it; per process role its own peak, lifetime and cores; the
 * image phase (the encoder's lifetime) with its cores and the summed peak
 * during it; and the variants encoded (new files in the image cache, by
 * name) and published.
 *
 *   node scripts/bench/build-once.ts ROOT
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const cacheDir = path.join(root, '.cache');
const outDir = path.join(root, 'dist');
const cached = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
const before = new Set(cached(path.join(cacheDir, 'photos')));
const PAGE = 4096;
const TICK = 10; // ms per clock tick (USER_HZ = 100 on Linux)

/** What a process of the build is, by its command line; a process that is none of these counts as its parent's. */
function roleOf(cmdline: string): string | undefined {
  if (/scripts\/build\/check\.ts/.test(cmdline)) return 'content check';
  if (/scripts\/build\/astro\.ts|astro\.mjs/.test(cmdline)) return 'Astro';
  if (/scripts\/build\/encode\.ts/.test(cmdline)) return 'encoder';
  if (/scripts\/build\.ts/.test(cmdline)) return 'build CLI';
  if (/npm-cli\.js|\bnpm\b/.test(cmdline)) return 'npm';
  if (/^(\/bin\/)?(ba|da)?sh\b/.test(cmdline)) return 'shell';
  return undefined;
}

/** The kernel's flag for a process forked and not (yet) exec'd, which still shows its parent's command line (`man 5 proc`, `flags`). */
const PF_FORKNOEXEC = 0x40;

interface Proc {
  ppid: number;
  /** The executable's name, which changes when the process execs another program. */
  comm: string;
  forked: boolean;
  ticks: number;
  rssMB: number;
}
function readProc(pid: number): Proc | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' ');
    return {
      ppid: Number(f[1]),
      comm: stat.slice(stat.indexOf('(') + 1, close),
      forked: (Number(f[6]) & PF_FORKNOEXEC) !== 0,
      ticks: Number(f[11]) + Number(f[12]),
      rssMB: (Number(f[21]) * PAGE) / 1024 / 1024,
    };
  } catch {
    return undefined; // ended
  }
}

const start = performance.now();
const npm = spawn('npm', ['run', 'build', '--silent'], { cwd: root, env: { ...process.env, KFS_CACHE_DIR: cacheDir }, stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
npm.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
const roles = new Map<number, string>();
const stats = new Map<string, { first: number; last: number; peakMB: number; ticks: Map<number, number> }>();
const totals: { at: number; rssMB: number; encoder: boolean }[] = [];

/**
 * Processes found not to be the build's, not read again while they live: the
 * sampler shares the cores with the build it measures, and reading every
 * process 20 times a second took about 3 % of a core. A process's parent
 * never becomes the build's, and a pid that ends is not reused within 50 ms.
 */
let others = new Set<number>();
/** The build's processes whose command line has been read since they last exec'd, with their program's name then. */
const named = new Map<number, string>();

function sample() {
  const at = performance.now();
  const procs = new Map<number, Proc>();
  const live: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    live.push(pid);
    if (others.has(pid)) continue;
    const p = readProc(pid);
    if (p) procs.set(pid, p);
  }
  // The build's processes: npm and its descendants.
  const ours = new Set<number>(npm.pid ? [npm.pid] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) if (!ours.has(pid) && ours.has(p.ppid)) (ours.add(pid), (grew = true));
  }
  others = new Set(live.filter((pid) => others.has(pid) || (procs.has(pid) && !ours.has(pid))));
  for (const pid of named.keys()) if (!procs.has(pid)) named.delete(pid);
  let total = 0;
  const perRole = new Map<string, number>();
  for (const pid of [...ours].sort((a, b) => a - b)) {
    const p = procs.get(pid);
    if (!p) continue;
    // A process forked and not yet exec'd is its parent's. Once it has exec'd, its command line is read again only
    // when its program changes (a shell that execs its command); a process that is ending shows none and keeps its role.
    if (p.forked) roles.set(pid, roles.get(p.ppid) ?? 'other');
    else if (named.get(pid) !== p.comm) {
      const cmdline = (() => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        } catch {
          return '';
        }
      })();
      roles.set(pid, roleOf(cmdline) ?? (cmdline === '' ? roles.get(pid) : undefined) ?? roles.get(p.ppid) ?? 'other');
      if (cmdline !== '') named.set(pid, p.comm);
    }
    const role = roles.get(pid) ?? 'other';
    total += p.rssMB;
    perRole.set(role, (perRole.get(role) ?? 0) + p.rssMB);
    const s = stats.get(role) ?? { first: at, last: at, peakMB: 0, ticks: new Map() };
    s.last = at;
    s.ticks.set(pid, p.ticks);
    stats.set(role, s);
  }
  for (const [role, mb] of perRole) {
    const s = stats.get(role);
    if (s) s.peakMB = Math.max(s.peakMB, mb);
  }
  totals.push({ at, rssMB: total, encoder: perRole.has('encoder') });
}

const sampler = setInterval(sample, 50);
const status = await new Promise<number | null>((resolve) => npm.on('exit', resolve));
clearInterval(sampler);
const ms = performance.now() - start;
if (status !== 0) {
  console.error(stderr);
  process.exit(1);
}
const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const byRole = Object.fromEntries(
  [...stats].map(([role, s]) => [role, { peakMB: Math.round(s.peakMB), ms: Math.round(s.last - s.first), cores: s.last > s.first ? (sum(s.ticks) * TICK) / (s.last - s.first) : 0 }]),
);
const during = totals.filter((t) => t.encoder);
const encoder = stats.get('encoder');
const encoded = cached(path.join(cacheDir, 'photos')).filter((f) => !before.has(f) && !f.endsWith('.partial'));
const published = cached(path.join(outDir, '_astro')).filter((f) => /\.(avif|webp|jpe?g|png)$/.test(f)).length;
console.log(
  JSON.stringify({
    ms,
    cores: ([...stats.values()].reduce((a, s) => a + sum(s.ticks), 0) * TICK) / ms,
    imagePhase: encoder
      ? { ms: encoder.last - encoder.first, cores: byRole['encoder']?.cores ?? NaN, rssMB: Math.max(0, ...during.map((t) => t.rssMB)), encoderMB: encoder.peakMB }
      : undefined,
    rssBeforeImagesMB: Math.max(0, ...totals.filter((t) => !t.encoder && (!during[0] || t.at < during[0].at)).map((t) => t.rssMB)),
    maxRssMB: Math.max(0, ...totals.map((t) => t.rssMB)),
    byRole,
    encoded: encoded.length,
    encodedNames: encoded,
    published,
  }),
);
