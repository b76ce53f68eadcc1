/**
 * The site's image service: Astro's sharp service with three changes.
 * - Encoder settings come from image-settings.ts, one place for the build and the benchmark.
 * - Those settings, with sharp's version, are hashed into each variant's file name. Astro's
 *   image cache is keyed by that name alone, and its hash ignores `image.service.config`:
 *   without this, a changed quality or effort would keep serving the old files.
 * - libvips gets every core: on glibc Linux sharp defaults to one thread per operation.
 */
import os from 'node:os';
import type { ImageTransform, LocalImageService } from 'astro';
import sharpService from 'astro/assets/services/sharp';
import sharp from 'sharp';
import { ENCODERS, encoderKey } from './image-settings.ts';

sharp.concurrency(os.availableParallelism());

/** Astro's own hashed properties (DEFAULT_HASH_PROPS), plus ours. */
const HASHED = ['src', 'width', 'height', 'format', 'quality', 'fit', 'position', 'background', 'encoder'];

const service: LocalImageService = {
  ...sharpService,
  propertiesToHash: HASHED,
  async validateOptions(options, imageConfig, logger): Promise<ImageTransform> {
    const validated = await sharpService.validateOptions!(options, imageConfig, logger);
    // What else decides the bytes: the rest of `image.service.config` (kernel, …); its per-format keys are overridden below.
    const { avif: _avif, webp: _webp, jpeg: _jpeg, ...rest } = (imageConfig.service.config ?? {}) as Record<string, unknown>;
    return { ...validated, encoder: encoderKey(String(validated.format), `sharp ${sharp.versions.sharp}; ${JSON.stringify(rest)}`) };
  },
  transform(buffer, transform, imageConfig, logger) {
    // Our settings win over any per-format `image.service.config`; `quality` stays per call.
    const config = { ...imageConfig.service.config, avif: ENCODERS.avif, webp: ENCODERS.webp, jpeg: ENCODERS.jpg };
    return sharpService.transform(buffer, transform, { ...imageConfig, service: { ...imageConfig.service, config } }, logger);
  },
};

export default service;
