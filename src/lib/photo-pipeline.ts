/**
 * Encodes every planned variant (variants.ts) of every photograph into the
 * built site, through a cache that survives builds. Run once at the end of
 * a build (integrations/photo-variants.ts) and, one variant at a time, by
 * the dev server when a browser asks.
 *
 * Why not Astro's image pipeline: it hands every original to the bundler,
 * which holds all their bytes until the build ends (memory grew 2.5 MiB a
 * photo), and it encodes one original per core at a time, so the last
 * photos leave cores idle. Here each variant is one job read from the file
 * on disk; jobs run largest first, one per core, each on one libvips thread,
 * so every core stays busy to the end and memory does not grow with the
 * number of photos.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { encodeVariant } from './encode.ts';
import type { PhotoImage } from './content-check.ts';
import { VARIANT_DIR, variantsOf, type Source, type Variant } from './variants.ts';

export interface Job {
  variant: Variant;
  source: Source;
}

/** Relative cost of a pixel in each format, at the site's settings: orders the jobs, largest first. */
const COST = { avif: 4, webp: 1, jpg: 0.5 } as const;

/** The source of a checked photo: what variants.ts names its variants from. */
export function sourceOf(projectFile: string, image: PhotoImage): Source {
  return { file: image.file, hash: image.facts.hash, width: image.facts.width, height: image.facts.height, origin: `${projectFile}: field "image" (${image.named})` };
}

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

function prepareCache(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImageCacheError(`the image cache ${folder} cannot be written (${code}): make it writable, or delete it and build again`);
  }
}

/** Encodes one variant into the cache, written under a temporary name and renamed, so a stopped build never leaves half a file. */
async function encodeToCache({ variant, source }: Job, folder: string): Promise<string> {
  const { data } = await encodeVariant(source.file, { ...variant, fit: 'cover', origin: source.origin });
  const cached = path.join(folder, variant.name);
  const partial = `${cached}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, cached);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImageCacheError(`the image cache ${folder} cannot be written (${code}): make it writable, or delete it and build again`);
  }
  return cached;
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
  const cost = ({ variant }: Job) => variant.width * variant.height * COST[variant.format];
  missing.sort((a, b) => cost(b) - cost(a) || a.variant.name.localeCompare(b.variant.name));
  // One libvips thread per job and one job per core: parallel jobs use the cores better than threads
  // within one encode do (AVIF's encoder parallelises poorly on small images).
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  let next = 0;
  let failed: unknown;
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, cores) }, async () => {
        while (failed === undefined && next < missing.length) {
          const job = missing[next++];
          if (!job) break;
          try {
            fs.copyFileSync(await encodeToCache(job, folder), path.join(target, job.variant.name));
          } catch (error) {
            failed ??= error;
          }
        }
      }),
    );
  } finally {
    sharp.concurrency(threads);
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
