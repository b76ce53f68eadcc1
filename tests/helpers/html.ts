/**
 * Reading HTML and XML as a browser's parser would, with htmlparser2 and
 * css-select: never with regular expressions, which depend on attribute
 * order, quoting and nesting.
 */
import { selectAll, selectOne } from 'css-select';
import type { ChildNode, Document, Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

export type { Element } from 'domhandler';

const docs = new Map<string, Document>();
/** The parsed document of `source` (HTML, or XML with `xml`); the last few are kept. */
export function parse(source: string, xml = false): Document {
  const key = `${xml ? 'x' : 'h'}${source}`;
  let doc = docs.get(key);
  if (!doc) {
    doc = parseDocument(source, xml ? { xmlMode: true } : {});
    if (docs.size > 32) docs.clear();
    docs.set(key, doc);
  }
  return doc;
}

type Source = string | Document | Element;
const root = (s: Source, xml: boolean) => (typeof s === 'string' ? parse(s, xml) : s);

/** Every element matching a CSS selector. */
export const $$ = (source: Source, selector: string, xml = false): Element[] => selectAll(selector, root(source, xml));
/** The first element matching a CSS selector. */
export const $ = (source: Source, selector: string, xml = false): Element | null => selectOne(selector, root(source, xml));
/** An element's attribute, undefined when it has none. */
export const attr = (el: Element | null | undefined, name: string): string | undefined => el?.attribs[name];

/** The visible text of HTML (a page, a fragment or an element): scripts and styles left out, entities decoded, white space folded. */
export function textOf(source: Source): string {
  const node = typeof source === 'string' ? parseDocument(source) : source;
  const visible = (n: Document | Element): string =>
    n.children
      .map((c: ChildNode) => (c.type === 'script' || c.type === 'style' ? ' ' : c.type === 'tag' ? ` ${visible(c)} ` : textContent(c)))
      .join('');
  return visible(node).replace(/\s+/g, ' ').trim();
}

/** A `<meta name|property>`'s content, white space folded; undefined when the page has none. */
export const meta = (source: Source, name: string): string | undefined =>
  attr($(source, `meta[name="${name}"], meta[property="${name}"]`), 'content')
    ?.replace(/\s+/g, ' ')
    .trim();

/**
 * Every address the elements of `source` name, in document order: `href`, `src`, a `<meta>`'s absolute `content`,
 * the lightbox's `data-pswp-src`, and each candidate of `srcset` and `data-pswp-srcset`; in a page read back from a
 * browser (`page.content()`), also those of a photo held back until it nears the screen (hold-photos.js:
 * `data-held-src`, `data-held-srcset`).
 */
export const addresses = (source: Source): string[] =>
  $$(source, '[href], [src], [srcset], [data-held-src], [data-held-srcset], [data-pswp-src], [data-pswp-srcset], meta[content^="http"]').flatMap((el) => [
    ...['href', 'src', 'data-held-src', 'data-pswp-src', 'content'].flatMap((a) => el.attribs[a] ?? []),
    ...['srcset', 'data-held-srcset', 'data-pswp-srcset'].flatMap((a) =>
      (el.attribs[a] ?? '')
        .split(',')
        .map((c) => c.trim().split(/\s+/)[0] ?? '')
        .filter(Boolean),
    ),
  ]);

/** The raw text of an element: a script's or a style's source as written. */
export const rawText = (el: Element): string => textContent(el);
