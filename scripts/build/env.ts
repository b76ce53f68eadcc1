/**
 * The environment `npm run build` gives Astro's process, and the benchmark
 * its builds. One malloc arena: glibc otherwise gives libvips' threads arenas
 * of their own, and memory freed after an encode stays reserved (measured
 * with `npm run bench`: a lower peak at the same speed). A value already in
 * the environment wins.
 */
export const BUILD_ENV: Record<string, string> = { MALLOC_ARENA_MAX: '1' };
