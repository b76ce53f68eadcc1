/**
 * An error as an editor needs to read it: the messages the site's own code
 * wrote (one line per problem, naming file and field), found wherever Astro
 * wrapped them, and the stack only when asked for (`--verbose`, `DEBUG`).
 */

/** Errors of ours, by name: their messages are written for editors. */
const OURS = new Set(['ContentError', 'VariantError', 'ImageFileError', 'ImageCacheError']);

interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** Every error inside `error`: itself, its causes, and the members of an AggregateError. */
function allErrors(error: unknown, seen = new Set<unknown>()): ErrorLike[] {
  if (!error || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const e = error as ErrorLike;
  return [e, ...allErrors(e.cause, seen), ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => allErrors(x, seen)) : [])];
}

export function describeError(error: unknown, verbose: boolean): string {
  const errors = allErrors(error);
  if (verbose) return errors.map((e) => e.stack ?? String(e.message)).join('\n\ncaused by: ');
  const ours = errors.filter((e) => OURS.has(e.name ?? ''));
  // Several errors can hold the same problem (Astro wraps, then aggregates): each line once.
  const lines = [...new Set((ours.length > 0 ? ours : errors.slice(0, 1)).flatMap((e) => String(e.message ?? e).split('\n')))];
  const hint = '(For the full error with its stack trace, run the build again with --verbose.)';
  return [...lines, hint].join('\n');
}
