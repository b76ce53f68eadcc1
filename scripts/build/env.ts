/**
 * The environment `npm run build` gives each of its steps (scripts/build/),
 * and a plain `astro build` its encoder. glibc's malloc, set for libvips'
 * threads (measured on the encoder alone, 84 photos, 1,176 variants: see
 * docs/performance.md, "Where a goal is missed"):
 * - One arena: glibc otherwise gives each thread an arena of its own, and
 *   memory freed after an encode stays reserved in each, so the encoder's
 *   peak grew with the number of photos (0.226 MiB a photo, against 0.020).
 * - A per-thread cache of 1,024 small blocks a size instead of 7: with one
 *   arena, the threads that encode at once otherwise queue for its lock on
 *   nearly every small allocation. 100 s instead of 129 s, 1.95 cores busy
 *   instead of 1.90; a cache that is bounded per thread (at most 1,024
 *   blocks of each size up to 1 KiB), and a peak of 697 to 726 MiB instead
 *   of 617 to 622. A larger count was slower and its peak kept growing.
 * A value already in the environment wins.
 */
export const BUILD_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '1', GLIBC_TUNABLES: 'glibc.malloc.tcache_count=1024' };

/**
 * Node's own flags for a step. Astro's process holds every page, content
 * entry and compiled MDX module until its build ends, and V8 lets its young
 * generation grow to 16 MiB a semi-space before collecting: with 2 MiB, the
 * pages' short-lived garbage is collected early. Measured on Astro's step
 * alone at 2,000 photos: a peak of 1,092 MiB instead of 1,293 MiB, in the
 * same time (21.6 s against 21.3 s).
 */
export const NODE_FLAGS: Record<string, readonly string[]> = {
  astro: ['--max-semi-space-size=2'],
  // The encoder collects garbage each time it lets go of a decoded photo (photo-pipeline.ts).
  encode: ['--expose-gc'],
};

