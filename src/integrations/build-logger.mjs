// @ts-check
/**
 * Astro's logger destination (`logger` in astro.config.ts): Astro's own Node
 * logger, with stack traces left out unless asked for, that also remembers
 * every warning of the image pipeline. content-report.ts fails the build on any of them at its end, so
 * an image that was published other than intended can never pass in a
 * line among hundreds. Plain JavaScript: Astro loads logger entrypoints
 * without compiling them.
 */
import nodeLogger from 'astro/logger/node';

/** Where the warnings are kept, for the integration in the same process. */
export const IMAGE_WARNINGS = Symbol.for('korean-film-studio.image-warnings');

/** Warnings of Astro's image generation: those labelled `assets`, or about images, their optimisation or their cache. */
const isImageWarning = (/** @type {{ level: string; label: string | null; message: string }} */ event) =>
  event.level === 'warn' && (event.label === 'assets' || /\b(image|optimi[sz]|cache)/i.test(event.message));

/** Stack traces are for whoever asked for them (`npm run build -- --verbose`, or DEBUG set). */
const verbose = process.env['KFS_VERBOSE'] === '1' || !!process.env['DEBUG'];

/** @param {Record<string, unknown> | undefined} config */
export default function buildLogger(config) {
  const out = nodeLogger(config);
  /** @type {string[]} */
  const kept = (/** @type {Record<symbol, string[]>} */ (globalThis)[IMAGE_WARNINGS] ??= []);
  return {
    /** @param {{ level: string; label: string | null; message: string; newLine?: boolean }} event */
    write(event) {
      if (isImageWarning(event)) kept.push(event.message.replace(/\u001b\[[0-9;]*m/g, ''));
      const shown = event.level === 'error' && !verbose ? { ...event, message: event.message.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n') } : event;
      out.write(/** @type {never} */ (shown));
    },
  };
}
