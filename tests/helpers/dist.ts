/** Reading the built site: pages, their text, and the files in dist/. */
import fs from 'node:fs';
import path from 'node:path';

export const DIST = path.resolve('dist');

export const page = (route: string) => fs.readFileSync(path.join(DIST, route, route.endsWith('.html') ? '' : 'index.html'), 'utf8');

export function allFiles(dir = DIST): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : [p];
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The visible text of an HTML fragment: tags dropped, entities decoded, white space folded. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) =>
      e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10)) : (ENTITIES[e] ?? m),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The seed texts, as the tests keep them. */
export const seed = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/seeds', name), 'utf8');

/** Every HTML page in dist/ as the path a reader asks for: `/`, `/korean-film-studio/`, `/404.html`. */
export function pagePaths(): string[] {
  return allFiles()
    .filter((f) => f.endsWith('.html'))
    .map((f) => '/' + path.relative(DIST, f).split(path.sep).join('/'))
    .map((p) => p.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}
