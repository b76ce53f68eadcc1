/**
 * Where the image cache lives: under Astro's cache folder, `node_modules/.astro`
 * unless KFS_CACHE_DIR says otherwise (the benchmark gives each project its
 * own). astro.config.ts and `npm run build` both ask here; a module of its own
 * so that the build CLI asks without loading the encoder.
 */
import path from 'node:path';

export const cacheDirOf = (root: string, env: NodeJS.ProcessEnv = process.env) => path.resolve(root, env['KFS_CACHE_DIR'] ?? 'node_modules/.astro');
