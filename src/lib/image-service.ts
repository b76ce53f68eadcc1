/**
 * The site's image service, built on Astro's documented `baseService` (URLs,
 * options, srcset) with its own `transform` (encode.ts):
 * - encoder settings come from image-settings.ts, one place for the build and the benchmark;
 * - those settings, with sharp's version, are hashed into each variant's file name (an
 *   extra `encoder` property next to Astro's own hashed ones). Astro's image cache is keyed
 *   by that name alone: a changed setting re-encodes exactly the variants it decides;
 * - libvips gets every core: on glibc Linux sharp defaults to one thread per operation.
 */
import os from 'node:os';
import type { ImageTransform, LocalImageService } from 'astro';
import { baseService } from 'astro/assets';
import sharp from 'sharp';
import { encodeVariant } from './encode.ts';
import { encoderKey } from './image-settings.ts';

sharp.concurrency(os.availableParallelism());

/** Astro's own hashed properties, from its public base service; without them every variant of a photo would share a name. */
const ASTRO_HASHED = baseService.propertiesToHash;
if (!ASTRO_HASHED?.includes('src') || !ASTRO_HASHED.includes('width') || !ASTRO_HASHED.includes('format')) {
  throw new Error(`astro/assets baseService.propertiesToHash is ${JSON.stringify(ASTRO_HASHED)}: this Astro version changed it; see src/lib/image-service.ts`);
}

const service: LocalImageService = {
  ...baseService,
  propertiesToHash: [...ASTRO_HASHED, 'encoder'],
  async validateOptions(options, imageConfig, logger): Promise<ImageTransform> {
    const validated = (await baseService.validateOptions?.(options, imageConfig, logger)) ?? options;
    return { ...validated, encoder: encoderKey(String(validated.format), `sharp ${sharp.versions.sharp}`) };
  },
  transform(buffer, t) {
    return encodeVariant(buffer, { width: t['width'], height: t['height'], format: t['format'], fit: t['fit'], position: t['position'], origin: t['origin'] });
  },
};

export default service;
