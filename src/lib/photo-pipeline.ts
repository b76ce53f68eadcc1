/**
 * Encodes the photographs' variants planned in the manifest (manifest.ts)
 * into a cache that survives builds, and publishes them into the built site.
 * One code path for both callers, so a variant's name always stands for the
 * same bytes:
 * - the build's encoder, a process of its own once Astro's has ended, one
 *   per part of the photos (scripts/build/encode.ts): every variant, through
 *   `publishVariants`;
 * - the dev server (integrations/content.ts): the variants a browser asks
 *   for, gathered into batches (`DevEncoder`), through the same `encodeJobs`.
 *
 * Why not Astro's image pipeline: it hands every original to the bundler,
 * which holds all their bytes until the build ends (memory grew 2.5 MiB a
 * photo), and it encodes one original per core at a time, so the last
 * photos leave cores idle. Here each photo is read from disk and decoded
 * once, and each of its variants is one job; photos go largest first, each
 * photo's variants largest first, one job per core on one libvips thread.
 * Every core stays busy to the last, small, variant, and at most a few
 * decoded photos are held at a time, however many the site has.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeOriginal, encodeVariant, type Decoded } from './encode.ts';
import { planOf, type Job, type Manifest, type Part } from './manifest.ts';
import { VARIANT_DIR } from './variants.ts';

/** Relative encode time of a pixel in each format at the site's settings (see docs/performance.md, "Encoder settings"): orders the jobs, largest first. */
const COST = { avif: 17, webp: 3, jpg: 1 } as const;

/** A job's relative encode time: its pixels times its format's cost. */
const costOf = ({ variant }: Job) => variant.width * variant.height * COST[variant.format];

/** The folder of cached variants under Astro's cache folder. */
export const cacheFolder = (cacheDir: string) => path.join(cacheDir, 'photos');

/**
 * How much the cache keeps of variants no page names any more (an old
 * version of a photo, a setting changed back): up to 1 GiB, least recently
 * used first out. A variant a page names is never pruned.
 */
export const UNUSED_CACHE_BYTES = 1024 ** 3;

/** The image cache could not be used; the message says which folder and what to do. */
export class ImageCacheError extends Error {
  override name = 'ImageCacheError';
}

const cacheError = (folder: string, error: unknown) =>
  new ImageCacheError(`the image cache ${folder} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}): make it writable, or delete it and build again`);

function prepareCache(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    throw cacheError(folder, error);
  }
}

/** A variant being written: `<name>.<pid>.partial`, renamed to `<name>` once whole. */
const PARTIAL = /\.(\d+)\.partial$/;

/** Writes an encoded variant into the cache under a temporary name and renames it, so a stopped build never leaves half a file. */
async function writeToCache(folder: string, name: string, data: Uint8Array): Promise<string> {
  const cached = path.join(folder, name);
  const partial = `${cached}.${process.pid}.partial`;
  try {
    await fs.promises.writeFile(partial, data);
    await fs.promises.rename(partial, cached);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw cacheError(folder, error);
  }
  return cached;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes what a killed encoder left half-written: `*.partial` files of processes that no longer run. */
export function sweepPartials(folder: string): number {
  if (!fs.existsSync(folder)) return 0;
  let swept = 0;
  for (const f of fs.readdirSync(folder)) {
    const pid = Number(PARTIAL.exec(f)?.[1] ?? NaN);
    if (Number.isNaN(pid) || (pid !== process.pid && alive(pid))) continue;
    fs.rmSync(path.join(folder, f), { force: true });
    swept++;
  }
  return swept;
}

/** Deletes cached variants outside `keep`, least recently used first, until they take at most `bound` bytes. */
export function pruneCache(folder: string, keep: ReadonlySet<string>, bound = UNUSED_CACHE_BYTES): number {
  const unused = fs
    .readdirSync(folder)
    .filter((f) => !keep.has(f) && !PARTIAL.test(f))
    .map((f) => ({ f, stat: fs.statSync(path.join(folder, f)) }))
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs || a.f.localeCompare(b.f));
  let total = 0;
  let pruned = 0;
  for (const { f, stat } of unused) {
    total += stat.size;
    if (total <= bound) continue;
    fs.rmSync(path.join(folder, f), { force: true });
    pruned++;
  }
  return pruned;
}

/** The jobs grouped by photo file, the photo whose variants cost most first (ties by file name). */
function byCost(jobs: Iterable<Job>): Job[][] {
  return [...Map.groupBy(jobs, (job) => job.image.file)]
    .map(([file, list]) => ({ file, list, cost: list.reduce((t, j) => t + costOf(j), 0) }))
    .sort((a, b) => b.cost - a.cost || a.file.localeCompare(b.file))
    .map(({ list }) => list);
}

/** How many photos have their variants handed out at once: the next photo is decoded while this one's are encoded. */
const OPEN_PHOTOS = 2;

/**
 * Encodes `jobs` into the cache folder: photo by photo, largest first, and
 * within a photo its variants largest first, so the last jobs are small
 * ones. Each photo is decoded once, when it is among the OPEN_PHOTOS first
 * with variants left, and let go after its last. A free core takes the next
 * variant of the first open photo whose pixels are ready: while a large
 * photo is still being decoded (a 24 MP JPEG takes a core about half a
 * second), the cores encode the next photo's variants instead of waiting.
 * `done` is told of each variant once it is in the cache. Stops at the
 * first failure, after the jobs under way, and throws it.
 */
export async function encodeJobs(
  jobs: readonly Job[],
  folder: string,
  { cores = os.availableParallelism(), done }: { cores?: number; done?: (job: Job, cached: string) => Promise<unknown> } = {},
): Promise<void> {
  if (jobs.length === 0) return;
  prepareCache(folder);
  interface Photo {
    jobs: Job[];
    /** The next of `jobs` to hand out. */
    next: number;
    /** Jobs not yet finished. */
    left: number;
    pixels?: Promise<Decoded>;
    ready: boolean;
  }
  const photos: Photo[] = byCost(jobs).map((list) => ({
    jobs: list.sort((a, b) => costOf(b) - costOf(a) || a.variant.name.localeCompare(b.variant.name)),
    next: 0,
    left: list.length,
    ready: false,
  }));
  /** The first photo with a variant not yet handed out; it and the next OPEN_PHOTOS - 1 are open. */
  let first = 0;
  /** The open photos, each decoding or decoded (decodes start as a photo opens), in order. */
  const open = () => {
    while (first < photos.length && photos[first]!.next === photos[first]!.jobs.length) first++;
    const list = photos.slice(first, first + OPEN_PHOTOS).filter((p) => p.next < p.jobs.length);
    for (const photo of list) {
      if (photo.pixels) continue;
      const job = photo.jobs[0]!;
      photo.pixels = decodeOriginal(job.image.file, job.image.origin);
      // Settled either way: a failed decode is reported by the job that awaits it.
      photo.pixels.then(
        () => (photo.ready = true),
        () => (photo.ready = true),
      );
    }
    return list;
  };
  // One libvips thread per job and one job per core: parallel jobs use the cores better than threads
  // within one encode do (AVIF's encoder parallelises poorly on small images).
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  // Every operation here is new (fresh pixels each time): libvips' operation cache would only keep decoded photos alive.
  sharp.cache(false);
  let failed: unknown;
  // Files are written while the next encode runs: a core never waits for the disk. Each write leaves the set once done.
  const writes = new Set<Promise<unknown>>();
  // One loop per core, each taking a job when its last is encoded. Not p-limit: it takes every job at once,
  // one closure and promise each, which at 1,000 photos (14,000 variants) held 13 MiB of heap for the whole
  // encode; here only the jobs under way exist.
  const core = async () => {
    while (failed === undefined) {
      const candidates = open();
      if (candidates.length === 0) return;
      const photo = candidates.find((p) => p.ready);
      if (!photo) {
        // Every open photo still decoding: wait for the first to be ready, then look again.
        await Promise.race(candidates.map((p) => p.pixels!.catch(() => undefined)));
        continue;
      }
      const job = photo.jobs[photo.next++]!;
      try {
        const data = await encodeVariant(await photo.pixels!, job.variant, job.image.origin);
        const write = writeToCache(folder, job.variant.name, data)
          .then((cached) => done?.(job, cached))
          .catch((error: unknown) => {
            failed ??= error;
          })
          .finally(() => writes.delete(write));
        writes.add(write);
      } catch (error) {
        failed ??= error;
      } finally {
        if (--photo.left === 0) {
          delete photo.pixels;
          // A decoded photo is one buffer outside V8's heap (a 24 MP photo is 72 MB), which V8 counts only
          // loosely towards its next collection: without this, one or two dead photos could await it at any
          // moment, and the encoder's peak would depend on when collections happened to fall. The build's
          // encoder runs with --expose-gc (NODE_FLAGS); elsewhere (the dev server) gc is absent and this is skipped.
          globalThis.gc?.();
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, cores) }, core));
    await Promise.all(writes);
  } finally {
    sharp.concurrency(threads);
    sharp.cache(true);
  }
  if (failed !== undefined) throw failed;
}

export interface Published {
  variants: number;
  encoded: number;
  swept: number;
  pruned: number;
  ms: number;
}

/**
 * The jobs of one part: the photos taken in turn, costliest first, so that
 * every part has its share of large and small photos and ends on small
 * variants. Chosen from the whole plan, cached or not, so that every part
 * of one build draws from the same order.
 */
export function jobsOfPart(plan: ReadonlyMap<string, Job>, { index, count }: Part): Job[] {
  return byCost(plan.values())
    .filter((_, k) => k % count === index - 1)
    .flat();
}

/**
 * Writes every variant the manifest plans for this part of the build into
 * `outDir/_astro/`: from the cache when it has it, else encoded. The first
 * part first sweeps what a killed build left half-written; the last prunes
 * variants no page names (of the whole plan) beyond UNUSED_CACHE_BYTES.
 */
export async function publishVariants(
  manifest: Pick<Manifest, 'images'>,
  outDir: string,
  cacheDir: string,
  {
    cores = os.availableParallelism(),
    part = { index: 1, count: 1 },
    onStart,
  }: { cores?: number; part?: Part; onStart?: (toEncode: number, cached: number) => void } = {},
): Promise<Published> {
  const start = performance.now();
  const folder = cacheFolder(cacheDir);
  prepareCache(folder);
  const swept = part.index === 1 ? sweepPartials(folder) : 0;
  const target = path.join(outDir, VARIANT_DIR);
  fs.mkdirSync(target, { recursive: true });
  const plan = planOf(manifest);
  const jobs = jobsOfPart(plan, part);
  const missing: Job[] = [];
  const now = new Date();
  for (const job of jobs) {
    const name = job.variant.name;
    const cached = path.join(folder, name);
    if (!fs.existsSync(cached)) {
      missing.push(job);
      continue;
    }
    fs.copyFileSync(cached, path.join(target, name));
    // Its time of last use, for pruning.
    fs.utimesSync(cached, now, now);
  }
  onStart?.(missing.length, jobs.length - missing.length);
  await encodeJobs(missing, folder, { cores, done: (job, cached) => fs.promises.copyFile(cached, path.join(target, job.variant.name)) });
  const pruned = part.index === part.count ? pruneCache(folder, new Set(plan.keys())) : 0;
  return { variants: jobs.length, encoded: missing.length, swept, pruned, ms: performance.now() - start };
}

/**
 * The dev server's encoder: the variants browsers ask for, by name, from the
 * cache or encoded. Requests that arrive together are encoded as one batch
 * through `encodeJobs`, so a photo whose variants a page asks for at once is
 * decoded once, and the bytes are the build's.
 */
export class DevEncoder {
  readonly #folder: string;
  readonly #pending = new Map<string, { job: Job; settle: PromiseWithResolvers<string> }>();
  readonly #inFlight = new Map<string, Promise<string>>();
  #running: Promise<void> = Promise.resolve();

  constructor(cacheDir: string) {
    this.#folder = cacheFolder(cacheDir);
  }

  /** The cached file of the variant `name` of the current plan, encoded first if needed; undefined when no photo has it. */
  file(name: string, manifest: Pick<Manifest, 'images'>): Promise<string | undefined> {
    const cached = path.join(this.#folder, name);
    const job = planOf(manifest).get(name);
    if (!job) return Promise.resolve(fs.existsSync(cached) ? cached : undefined);
    if (fs.existsSync(cached)) return Promise.resolve(cached);
    const known = this.#inFlight.get(name);
    if (known) return known;
    const settle = Promise.withResolvers<string>();
    this.#pending.set(name, { job, settle });
    this.#inFlight.set(name, settle.promise);
    void settle.promise.catch(() => undefined).finally(() => this.#inFlight.delete(name));
    // One batch at a time: what arrives meanwhile waits for the next.
    this.#running = this.#running.then(() => this.#batch());
    return settle.promise;
  }

  async #batch(): Promise<void> {
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    if (batch.length === 0) return;
    const byJob = new Map(batch.map((b) => [b.job, b.settle]));
    const done = async (job: Job, cached: string) => {
      byJob.get(job)?.resolve(cached);
      byJob.delete(job);
    };
    try {
      await encodeJobs([...byJob.keys()], this.#folder, { done });
    } catch (error) {
      for (const settle of byJob.values()) settle.reject(error);
    }
  }
}
