/**
 * The environment `npm run build` gives each of its steps (scripts/build/).
 * One malloc arena: glibc otherwise gives libvips' threads arenas of their
 * own, and memory freed after an encode stays reserved in each. It costs
 * some speed, as the threads that encode at once wait for each other's
 * allocations. Measured with `npm run bench` (docs/performance.md, "Where a
 * goal is missed"): one arena per core made the image phase busier (1.91
 * cores instead of 1.87 to 1.88 at 200 and 1,000 photos), but the encoder's
 * peak then grew 0.226 MiB a photo instead of 0.020, and reached 1,106 MiB
 * in the first two minutes of a 2,000-photo build (714 MiB when that was
 * last measured with one arena). A value already in the environment wins.
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

