/**
 * The Nu Html Checker (the `vnu-jar` package) on a folder of built pages,
 * run with the machine's Java. On a Debian machine where we are root and
 * there is none, Debian's `default-jre-headless` is installed, as the
 * Chromium helper does; anywhere else a missing Java fails in one line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const JAR = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');

function java(): string {
  const found = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (found.status === 0) return 'java';
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync('/etc/debian_version')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'default-jre-headless'], { stdio: 'inherit', env });
    return 'java';
  }
  throw new Error('No Java found for the Nu Html Checker: install one (Debian/Ubuntu: `apt-get install default-jre-headless`).');
}

/**
 * The checker's CSS grammar predates CSS View Transitions (the `@view-transition` rule and the
 * `view-transition-name` property, in Chromium and Safari since 2024): its two messages about them, and
 * nothing else, are left out with its own --filterpattern. The pattern is ASCII (`.` for each curly quote):
 * Java decodes its arguments in the locale's charset, and where there is no locale (LANG unset, as in a bare
 * CI shell) that is ASCII, so curly quotes in the pattern no longer matched the checker's own.
 */
const NOT_YET_KNOWN = String.raw`CSS: (Unrecognized at-rule .@view-transition.|.view-transition-name.: Property .view-transition-name. doesn't exist)\.?`;

/** Every error the checker finds in the HTML files under `dir`, one line each: file, line and message. */
export function htmlErrors(dir: string): string[] {
  const args = ['-jar', JAR, '--format', 'json', '--errors-only', '--skip-non-html', '--filterpattern', NOT_YET_KNOWN, dir];
  const r = spawnSync(java(), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // vnu writes its JSON report to stderr, and exits 1 when it found errors.
  const report = JSON.parse(r.stderr || '{"messages":[]}') as { messages: { type: string; url?: string; lastLine?: number; message: string }[] };
  if (r.status !== 0 && report.messages.length === 0) throw new Error(`vnu failed: ${r.stderr}`);
  return report.messages.map((m) => `${path.relative(dir, new URL(m.url ?? 'file:///').pathname)}:${m.lastLine ?? '?'}: ${m.type}: ${m.message}`);
}
