// @ts-check
/**
 * Astro's logger destination (`logger` in astro.config.ts): Astro's own Node
 * logger, with stack traces left out of errors unless asked for; the
 * messages of the site's own errors are written for editors. Plain
 * JavaScript: Astro loads logger entrypoints without compiling them.
 */
import nodeLogger from 'astro/logger/node';

/** Stack traces are for whoever asked for them (`npm run build -- --verbose`, or DEBUG set). */
const verbose = process.env['KFS_VERBOSE'] === '1' || !!process.env['DEBUG'];

/** @param {Record<string, unknown> | undefined} config */
export default function buildLogger(config) {
  const out = nodeLogger(config);
  return {
    /** @param {{ level: string; label: string | null; message: string; newLine?: boolean }} event */
    write(event) {
      const shown = event.level === 'error' && !verbose ? { ...event, message: event.message.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n') } : event;
      out.write(/** @type {never} */ (shown));
    },
  };
}
