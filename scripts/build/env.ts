/**
 * The environment `npm run build` gives each of its steps (scripts/build/),
 * and a plain `astro build` its encoder. One malloc arena: glibc otherwise
 * gives libvips' threads arenas of their own, and memory freed after an
 * encode stays reserved in each. It costs some speed, as the threads that
 * encode at once queue for the one arena's lock. Two ways to win that speed
 * back were measured with `npm run bench` (docs/performance.md, "Where a goal
 * is missed"), and both made the encoder's peak grow with the number of
 * photos, against 0.020 MiB a photo with this setting alone:
 * - one arena per core: 1.91 cores busy instead of 1.87 to 1.88, growth
 *   0.226 MiB a photo;
 * - glibc's per-thread cache of small blocks raised from 7 to 1,024 a size
 *   (GLIBC_TUNABLES=glibc.malloc.tcache_count=1024): 1.90 to 1.91 cores,
 *   1,000 photos in 1,390 s instead of 1,645 s (by less in a later run of
 *   the encoder alone), growth 0.276 MiB a photo.
 * A value already in the environment wins.
 */
export const BUILD_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '1' };

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

