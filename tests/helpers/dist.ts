/** Reading the built site: pages, their text, and its files. */
import fs from 'node:fs';
import path from 'node:path';

/** Where `npm test` builds the site: never the editor's dist/. */
export const SITE_DIR = 'test-results/site';
export const DIST = path.resolve(SITE_DIR);

export const page = (route: string, dist = DIST) => fs.readFileSync(path.join(dist, route, route.endsWith('.html') ? '' : 'index.html'), 'utf8');

export function allFiles(dir = DIST): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : [p];
  });
}

/** The visible text of HTML (tests/helpers/html.ts), here too since most tests read pages with it. */
export { textOf } from './html.ts';

/** Every HTML page in dist/ as the path a reader asks for: `/`, `/korean-film-studio/`, `/404.html`. */
export function pagePaths(dist = DIST): string[] {
  return allFiles(dist)
    .filter((f) => f.endsWith('.html'))
    .map((f) => '/' + path.relative(dist, f).split(path.sep).join('/'))
    .map((p) => p.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}
