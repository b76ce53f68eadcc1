/**
 * Reads an MDX file's YAML frontmatter outside Astro: for the placeholder
 * script and the build-time image check, which run before or beside the
 * content layer. Returns undefined when there is none; throws on bad YAML.
 */
import fs from 'node:fs';
import { parse } from 'yaml';

export function readFrontmatter(file: string): Record<string, unknown> | undefined {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (block === undefined) return undefined;
  return (parse(block) as Record<string, unknown> | null) ?? {};
}
