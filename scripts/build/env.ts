import os from 'node:os';
import path from 'node:path';

/**
 * The environment `npm run build` gives each of its steps (scripts/build/),
 * and a plain `astro build` its encoder. A value already in the environment wins.
 * - One malloc arena: glibc otherwise gives libvips' threads arenas of their
 *   own, and memory freed after an encode stays reserved in each.
 * - Node's module compile cache, in Node's own default folder: each step
 *   starts in a fresh process that loads and strips the types of the same
 *   modules as the last build's did (the encoder took 0.09 s to load its
 *   modules, 0.05 s with the cache). Node writes each entry under a temporary
 *   name and renames it once whole, so steps and builds can share the folder;
 *   `NODE_DISABLE_COMPILE_CACHE=1` turns it off.
 */
export const BUILD_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '1', NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'node-compile-cache') };

/**
 * What a step adds to BUILD_ENV. The encoder's threads, with one arena, queue
 * for its lock; glibc's per-thread cache of small freed blocks skips the
 * lock, and raised from 7 to 1,024 blocks a size it made the encoder's job
 * loop about a fifth faster (docs/performance.md, "What the figures mean", cores).
 * In one process the cache kept growing with the number of photos (0.276 MiB
 * a photo); the build encodes in parts of a fresh process each
 * (manifest.ts, `partsOf`), which gives it all back between parts.
 * Blocks of 4 MiB or more (the resized pixels, AVIF's frames) are mapped
 * from the kernel and given back when freed: kept in the arena, how much of
 * them stayed depended on how encodes happened to overlap, and a part's peak
 * varied by more than the target for its growth allows (docs/performance.md,
 * "What the figures mean", the encoder's own peak). It costs about 3 % of
 * the encoder's time, in page faults; the mappings take transparent huge
 * pages where the kernel offers them on request (`hugetlb=1`), which cuts
 * the faults (four parts: 351 s against 363 s without, 349 s before).
 */
export const STEP_ENV: Record<string, Record<string, string>> = {
  encode: { GLIBC_TUNABLES: `glibc.malloc.tcache_count=1024:glibc.malloc.mmap_threshold=${4 * 1024 * 1024}:glibc.malloc.hugetlb=1` },
};

/**
 * Node's own flags for a step. Astro's process holds every page, content
 * entry and compiled MDX module until its build ends, and V8 lets its young
 * generation grow to 16 MiB a semi-space before collecting: with 2 MiB, the
 * pages' short-lived garbage is collected early (on Astro's step alone at
 * 2,000 photos, on a slower host: a peak of 1,092 MiB instead of 1,293 MiB,
 * in the same time). V8's `--optimize-for-size` also lets the old generation
 * grow less before it is collected: at 2,000 photos, 922 MiB instead of
 * 1,203 to 1,216 MiB, in 22 s instead of 12 to 17 s; at 14 photos, 429 MiB
 * instead of 511 to 535, but it costs CPU in every build (the test suite's
 * thirty small builds took 39 s more): only a large site's build uses it
 * (LARGE_SITE_FLAGS). A fixed `--max-old-space-size` bounds the step as
 * well, but would fail a large enough site with an out-of-memory error.
 */
export const NODE_FLAGS: Record<string, readonly string[]> = {
  astro: ['--max-semi-space-size=2'],
  // The encoder collects garbage each time it lets go of a decoded photo (photo-pipeline.ts).
  encode: ['--expose-gc'],
};

/** A site of at least this many encoder parts (manifest.ts, `partsOf`: a hundred photos each, so more than 400 photos) is a large one. */
export const LARGE_SITE_PARTS = 5;

/** Flags a step adds to NODE_FLAGS for a large site, where memory, not time, is what runs short. */
export const LARGE_SITE_FLAGS: Record<string, readonly string[]> = { astro: ['--optimize-for-size'] };

/**
 * How to start a step (scripts/build/<step>.ts) with `args` (with LARGE_SITE_FLAGS too when `large`), for `npm run build` and a plain `astro build` alike:
 * the arguments to Node (its flags, the script, `args`) and the environment (BUILD_ENV and STEP_ENV under what
 * `env` already sets).
 */
export function stepCommand(
  step: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  { large = false } = {},
): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [...(NODE_FLAGS[step] ?? []), ...((large && LARGE_SITE_FLAGS[step]) || []), path.join(import.meta.dirname, `${step}.ts`), ...args],
    env: { ...BUILD_ENV, ...STEP_ENV[step], ...env },
  };
}
