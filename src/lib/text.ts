/**
 * An editor's Markdown/MDX read with remark and remark-mdx, never with
 * regexes: as plain text for the places that cannot carry markup (meta and
 * Open Graph descriptions, alt-text comparison), as plain HTML for the feed,
 * and for the code a text must not contain. Links, emphasis, `<abbr>` and
 * other HTML keep their words.
 */
import type { Element, ElementContent } from 'hast';
import type { Nodes, Root } from 'mdast';
import type { Raw, State } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import rehypeStringify from 'rehype-stringify';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { PHOTO_SIZES, photoRef, type PhotoSize } from '../schemas.ts';

const parser = unified().use(remarkParse).use(remarkMdx);

/** Parses an MDX body; throws the parser's own error (with its line and column) when the MDX is malformed. */
export function parseMdx(body: string): Root {
  return parser.parse(body);
}

/** A JavaScript string literal, or undefined for any other expression. */
function literalString(node: Nodes): string | undefined {
  const program = (node.data as { estree?: { body: { type: string; expression?: { type: string; value?: unknown } }[] } } | undefined)?.estree;
  const only = program?.body.length === 1 ? program.body[0] : undefined;
  const value = only?.type === 'ExpressionStatement' ? only.expression : undefined;
  return value?.type === 'Literal' && typeof value.value === 'string' ? value.value : undefined;
}

/**
 * What a reader reads, in one line. Imports, exports and code expressions are
 * not text (a string literal `{'…'}` is); a block ends with a space so words
 * of two paragraphs never run together.
 */
function textOf(node: Nodes): string {
  switch (node.type) {
    case 'mdxjsEsm':
    case 'html':
    case 'yaml':
      return '';
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      return literalString(node) ?? '';
    case 'image':
      return node.alt ?? '';
    case 'break':
      return ' ';
    default:
      if ('children' in node) {
        const inner = (node.children as Nodes[]).map(textOf).join('');
        return ['paragraph', 'heading', 'listItem', 'blockquote', 'tableCell'].includes(node.type) ? `${inner} ` : inner;
      }
      return toString(node);
  }
}

/**
 * Code in an MDX body that an editor's text cannot run: a `{…}` expression
 * other than a string literal, a component (a capitalised tag; captions
 * use none, essays only `<Photo>`, which `photoPlacements` checks), an
 * import or export. Each with its 1-based line and a fix; MDX reads a brace
 * as code, so a literal one is written `\{`.
 */
export function mdxCodeProblems(tree: Root, allowed: ReadonlySet<string> = new Set()): { line: number; problem: string }[] {
  const found: { line: number; problem: string }[] = [];
  const visit = (node: Nodes) => {
    const line = node.position?.start.line ?? 1;
    if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && literalString(node) === undefined) {
      found.push({ line, problem: `{${node.value}} is code, not text; to show braces, write \\{ and \\}` });
    } else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && /^[A-Z]|\./.test(node.name ?? '') && !allowed.has(node.name ?? '')) {
      const also = allowed.size > 0 ? ` other than ${[...allowed].map((c) => `<${c}>`).join(', ')}` : '';
      found.push({ line, problem: `<${node.name}> is a component, which this text cannot use${also}; use plain text or HTML elements such as <abbr>` });
    } else if (node.type === 'mdxjsEsm') {
      found.push({ line, problem: 'import and export lines are code, which this text cannot use' });
    }
    if ('children' in node) (node.children as Nodes[]).forEach(visit);
  };
  visit(tree);
  return found;
}

/** A photograph an editor placed in an essay: `<Photo id="<gallery>/<photo>" size="wide" />`. */
export interface Placement {
  /** `<gallery>/<photo>`. */
  id: string;
  size: PhotoSize;
  /** 1-based line in the body. */
  line: number;
}

/**
 * Every `<Photo>` of an essay's body, in order, and what is wrong with any:
 * it stands on a line of its own (a figure cannot sit inside a paragraph),
 * names its photo with a plain `id="<gallery>/<photo>"`, takes an optional
 * `size` of column, wide or full, and nothing else. Whether the photo exists
 * is the content check's to say.
 */
export function photoPlacements(tree: Root): { placements: Placement[]; problems: { line: number; problem: string }[] } {
  const placements: Placement[] = [];
  const problems: { line: number; problem: string }[] = [];
  const example = '<Photo id="korean-film-studio/couple-at-airport" size="wide" />';
  const visit = (node: Nodes) => {
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Photo') {
      const line = node.position?.start.line ?? 1;
      const say = (problem: string) => problems.push({ line, problem: `<Photo>: ${problem}` });
      const attrs = new Map<string, unknown>();
      for (const a of node.attributes) {
        if (a.type !== 'mdxJsxAttribute') say('takes only id="…" and size="…", written as plain text');
        else attrs.set(a.name, a.value);
      }
      const id = attrs.get('id');
      const size = attrs.get('size') ?? 'column';
      const before = problems.length;
      if (node.type === 'mdxJsxTextElement') say(`must stand on a line of its own, with a blank line before and after it, such as ${example}`);
      if (node.children.length > 0) say('takes no text inside; its caption is the photo\'s own, from its .mdx file; close it with />');
      for (const name of attrs.keys()) if (name !== 'id' && name !== 'size') say(`has no attribute "${name}"; it takes id="…" and size="…"`);
      if (!photoRef.safeParse(id).success) say(`id must name a photo as "<gallery>/<photo>" in quotes, such as ${example}`);
      if (typeof size !== 'string' || !(PHOTO_SIZES as readonly string[]).includes(size)) say(`size must be one of ${PHOTO_SIZES.join(', ')} (column when left out)`);
      if (problems.length === before) placements.push({ id: id as string, size: size as PhotoSize, line });
      return;
    }
    if ('children' in node) (node.children as Nodes[]).forEach(visit);
  };
  visit(tree);
  return { placements, problems };
}

/** The text of a parsed MDX body, white space folded. */
export function treeText(tree: Root): string {
  return textOf(tree).replace(/\s+/g, ' ').trim();
}

/** The text of an MDX body, white space folded. Throws on malformed MDX. */
export function mdxText(body: string): string {
  return treeText(parseMdx(body));
}

/** The most a description runs to before it is cut. */
export const DESCRIPTION_MAX = 160;

/**
 * A description of at most `max` characters: the text itself when it fits,
 * else cut at the last word break before the limit, with an ellipsis.
 */
export function excerpt(text: string, max = DESCRIPTION_MAX): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= max) return folded;
  const room = folded.slice(0, max); // the ellipsis takes the place of the space it follows
  const cut = room.lastIndexOf(' ');
  const head = (cut > max / 2 ? room.slice(0, cut) : room.slice(0, max - 1)).replace(/[\s,;:.\-–—]+$/, '');
  return `${head}…`;
}

type JsxElement = Extract<Nodes, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;

/** The HTML of a photo placed with `<Photo id="…">`, by its id; in the feed, a figure with its caption. */
export type PhotoHtml = (id: string) => string;

const attributes = (node: JsxElement) =>
  Object.fromEntries(node.attributes.flatMap((a) => (a.type === 'mdxJsxAttribute' && typeof a.value === 'string' ? [[a.name, a.value]] : [])));

/** An HTML element written in MDX (`<abbr title="…">`), as HTML; a `<Photo>` as what `photo` makes of it. The content check refuses other components. */
const jsxElement =
  (photo: PhotoHtml | undefined) =>
  (state: State, node: JsxElement): Element | Raw | undefined => {
    const properties = attributes(node);
    if (node.name === 'Photo') return photo && typeof properties['id'] === 'string' ? { type: 'raw', value: photo(properties['id']) } : undefined;
    return { type: 'element', tagName: node.name ?? 'span', properties, children: state.all(node) as ElementContent[] };
  };

const htmlProcessor = (photo: PhotoHtml | undefined) =>
  unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkRehype, {
      // Only a <Photo> brings raw HTML, made by the site's own code; an editor's HTML elements are elements.
      allowDangerousHtml: true,
      handlers: {
        mdxJsxFlowElement: jsxElement(photo),
        mdxJsxTextElement: jsxElement(photo),
        mdxFlowExpression: (_state: State, node: Nodes) => ({ type: 'text', value: literalString(node) ?? '' }),
        mdxTextExpression: (_state: State, node: Nodes) => ({ type: 'text', value: literalString(node) ?? '' }),
        mdxjsEsm: () => undefined,
        // Markdown's own raw HTML is not an editor's to publish: MDX reads `<tag>` as JSX anyway.
        html: () => undefined,
      },
    })
    .use(rehypeStringify, { allowDangerousHtml: true });

const plainHtml = htmlProcessor(undefined);

/** An MDX body as plain HTML, for places that show an editor's text outside the site's pages: the feed. `photo` renders each `<Photo>`; without it they are left out. */
export function mdxHtml(body: string, photo?: PhotoHtml): string {
  return String((photo ? htmlProcessor(photo) : plainHtml).processSync(body));
}
