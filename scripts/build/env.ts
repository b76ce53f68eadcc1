import os from 'node:os';

/**
 * The environment `npm run build` gives each of its steps (scripts/build/).
 * One malloc arena per core: glibc otherwise gives libvips' threads up to
 * eight arenas a core, and memory freed after an encode stays reserved in
 * each. One arena in all keeps the least, but the threads that encode at
 * once then wait for each other's allocations. Measured on the encoder
 * alone, 28 photos (392 variants), two cores, two runs each: glibc's
 * default 0.88 to 1.12 GB peak, cores busy 1.95 to 1.96; one arena 0.53 GB,
 * 1.92; one a core (two) 0.54 to 0.55 GB, 1.94 to 1.95, and 6 % faster than
 * one arena on average. A value already in the environment wins.
 */
export const BUILD_ENV: Record<string, string> = { MALLOC_ARENA_MAX: String(os.availableParallelism()) };

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

