/**
 * Writes a generated section into docs/performance.md between
 * `<!-- TAG begin -->` and `<!-- TAG end -->`, replacing the last run's; a
 * section not there yet is appended under `heading`. The prose around the
 * sections is the editors'.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PERFORMANCE_DOC = path.resolve('docs', 'performance.md');

export function writeSection(tag: string, content: string, heading?: string): void {
  const [begin, end] = [`<!-- ${tag} begin -->`, `<!-- ${tag} end -->`];
  const block = `${begin}\n${content}\n${end}`;
  let text = fs.existsSync(PERFORMANCE_DOC) ? fs.readFileSync(PERFORMANCE_DOC, 'utf8') : '# Performance\n';
  const at = text.indexOf(begin);
  text =
    at >= 0
      ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length)
      : `${text.trimEnd()}\n\n${heading ? `## ${heading}\n\n` : ''}${block}\n`;
  fs.mkdirSync(path.dirname(PERFORMANCE_DOC), { recursive: true });
  fs.writeFileSync(PERFORMANCE_DOC, text);
  console.error(`written to ${path.relative(process.cwd(), PERFORMANCE_DOC)}`);
}
