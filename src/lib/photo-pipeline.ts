/**
 * Encodes every planned variant (variants.ts) of every photograph into the
 * built site, through a cache that survives builds. Run once at the end of
 * a build (integrations/photo-variants.ts) and, one variant at a time, by
 * the dev server when a browser asks.
 *
 * Why not Astro's image pipeline: it hands every original to the bundler,
 * which holds all their bytes until the build ends (memory grew 2.5 MiB a
 * photo), and it encodes one original per core at a time, so the last
 * photos leave cores idle. Here each photo is read from disk and decoded
 * once, and each of its variants is one job; photos go largest first, each
 * photo's variants largest first, one job per core on one libvips thread. Every core stays busy to the last, small,
 * variant, and at most a few decoded photos are held at a time, however
 * many the site has.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeOriginal, encodeVariant, type Decoded } from './encode.ts';
import type { PhotoImage } from './content-check.ts';
import { sourceOf, VARIANT_DIR, variantsOf, type Source, type Variant } from './variants.ts';

export interface Job {
  variant: Variant;
  source: Source;
}

/** Relative encode time of a pixel in each format at the site's settings (see docs/performance.md, "Encoder settings"): orders the jobs, largest first. */
const COST = { avif: 17, webp: 3, jpg: 1 } as const;

/** Every variant the site publishes, once each (two photos may share a file), by name. */
export function planVariants(images: ReadonlyMap<string, PhotoImage>): Map<string, Job> {
  const jobs = new Map<string, Job>();
  for (const [file, image] of [...images].sort(([a], [b]) => a.localeCompare(b))) {
    const source = sourceOf(file, image);
    for (const variant of variantsOf(source)) if (!jobs.has(variant.name)) jobs.set(variant.name, { variant, source });
  }
  return jobs;
}

/** The image cache could not be used; the message says which folder and what to do. */
export class ImageCacheError extends Error {
  override name = 'ImageCacheError';
}

/** The folder of cached variants under Astro's cache folder. */
export const cacheFolder = (cacheDir: string) => path.join(cacheDir, 'photos');

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

/** One variant encoded from its file, into the cache: what the dev server does, a variant at a time. */
async function encodeToCache({ variant, source }: Job, folder: string): Promise<string> {
  const { data } = await encodeVariant(source.file, { ...variant, fit: 'cover', origin: source.origin });
  return writeToCache(folder, variant.name, data);
}

/** The name of the image phase in the process's performance timeline (`performance.measure`), which the benchmark reads. */
export const PHASE = 'photo-variants';

export interface Published {
  variants: number;
  encoded: number;
  ms: number;
}

/**
 * Writes every variant into `outDir/_astro/`: from the cache when it has
 * it, else encoded. Stops at the first failure, after the jobs under way.
 */
export async function publishVariants(
  images: ReadonlyMap<string, PhotoImage>,
  outDir: string,
  cacheDir: string,
  { cores = os.availableParallelism(), onStart }: { cores?: number; onStart?: (toEncode: number, cached: number) => void } = {},
): Promise<Published> {
  const start = performance.mark(`${PHASE}:start`).startTime;
  const folder = cacheFolder(cacheDir);
  prepareCache(folder);
  const target = path.join(outDir, VARIANT_DIR);
  fs.mkdirSync(target, { recursive: true });
  const plan = planVariants(images);
  const missing: Job[] = [];
  for (const [name, job] of plan) {
    const cached = path.join(folder, name);
    if (fs.existsSync(cached)) fs.copyFileSync(cached, path.join(target, name));
    else missing.push(job);
  }
  onStart?.(missing.length, plan.size - missing.length);
  // Photo by photo, largest first, and within a photo its variants largest first: the last jobs are small ones,
  // and each photo is decoded once, by the first job that needs it, and let go after its last.
  const cost = ({ variant }: Job) => variant.width * variant.height * COST[variant.format];
  const jobsOf = Map.groupBy(missing, (job) => job.source.file);
  const total = (jobs: Job[]) => jobs.reduce((t, j) => t + cost(j), 0);
  const byPhoto = [...jobsOf.values()]
    .map((jobs) => ({ jobs: jobs.sort((a, b) => cost(b) - cost(a) || a.variant.name.localeCompare(b.variant.name)), cost: total(jobs) }))
    .sort((a, b) => b.cost - a.cost || (a.jobs[0]?.source.file ?? '').localeCompare(b.jobs[0]?.source.file ?? ''))
    .map(({ jobs }) => jobs);
  const queue = byPhoto.flat();
  const decoded = new Map<string, { pixels: Promise<Decoded>; left: number }>();
  const pixelsOf = (source: Source) => {
    let entry = decoded.get(source.file);
    if (!entry) {
      entry = { pixels: decodeOriginal(source.file, source.origin), left: jobsOf.get(source.file)?.length ?? 0 };
      // A failed decode is reported by the job that awaits it; this keeps an early one from going unhandled.
      entry.pixels.catch(() => undefined);
      decoded.set(source.file, entry);
    }
    return entry;
  };
  // Decoding is one thread: the next photo is decoded while this one's variants are encoded, so no core waits for it.
  const order = new Map(byPhoto.map((jobs, i) => [jobs[0]?.source.file, i]));
  const pixelsFor = (job: Job) => {
    const jobs = byPhoto[order.get(job.source.file) ?? -1];
    const following = byPhoto[(order.get(job.source.file) ?? -2) + 1]?.[0];
    if (following && jobs?.[0] === job && !decoded.has(following.source.file)) pixelsOf(following.source);
    return pixelsOf(job.source);
  };
  // One libvips thread per job and one job per core: parallel jobs use the cores better than threads
  // within one encode do (AVIF's encoder parallelises poorly on small images).
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  // Every operation here is new (fresh pixels each time): libvips' operation cache would only keep decoded photos alive.
  sharp.cache(false);
  let next = 0;
  let failed: unknown;
  // Files are written while the next encode runs: a core never waits for the disk.
  const writes: Promise<unknown>[] = [];
  const publish = (job: Job, data: Uint8Array) =>
    writeToCache(folder, job.variant.name, data)
      .then((cached) => fs.promises.copyFile(cached, path.join(target, job.variant.name)))
      .catch((error: unknown) => {
        failed ??= error;
      });
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, cores) }, async () => {
        while (failed === undefined && next < queue.length) {
          const job = queue[next++];
          if (!job) break;
          const entry = pixelsFor(job);
          try {
            const { data } = await encodeVariant(await entry.pixels, { ...job.variant, fit: 'cover', origin: job.source.origin });
            writes.push(publish(job, data));
          } catch (error) {
            failed ??= error;
          } finally {
            if (--entry.left === 0) decoded.delete(job.source.file);
          }
        }
      }),
    );
    await Promise.all(writes);
  } finally {
    sharp.concurrency(threads);
    sharp.cache(true);
    performance.measure(PHASE, `${PHASE}:start`);
  }
  if (failed !== undefined) throw failed;
  return { variants: plan.size, encoded: missing.length, ms: performance.now() - start };
}

const inFlight = new Map<string, Promise<string>>();

/**
 * The cached file of one variant, by name, encoded first if needed: what
 * the dev server sends. Undefined when no photo has a variant of that name.
 */
export async function variantFile(name: string, images: ReadonlyMap<string, PhotoImage>, cacheDir: string): Promise<string | undefined> {
  const job = planVariants(images).get(name);
  if (!job) return undefined;
  const folder = cacheFolder(cacheDir);
  const cached = path.join(folder, name);
  if (fs.existsSync(cached)) return cached;
  let pending = inFlight.get(name);
  if (!pending) {
    prepareCache(folder);
    pending = encodeToCache(job, folder).finally(() => inFlight.delete(name));
    inFlight.set(name, pending);
  }
  return pending;
}
