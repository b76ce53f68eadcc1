/**
 * An editor's Markdown/MDX read with remark and remark-mdx, never with
 * regexes: as plain text for the places that cannot carry markup (meta and
 * Open Graph descriptions, alt-text comparison), as plain HTML for the feed,
 * and for the code a text must not contain. Links, emphasis, `<abbr>` and
 * other HTML keep their words.
 */
import type { Element, ElementContent } from 'hast';
import type { Nodes, Root } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import rehypeStringify from 'rehype-stringify';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

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
 * other than a string literal, a component (a capitalised tag; captions and
 * essays import none), an import or export. Each with its 1-based line and
 * a fix; MDX reads a brace as code, so a literal one is written `\{`.
 */
export function mdxCodeProblems(tree: Root): { line: number; problem: string }[] {
  const found: { line: number; problem: string }[] = [];
  const visit = (node: Nodes) => {
    const line = node.position?.start.line ?? 1;
    if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && literalString(node) === undefined) {
      found.push({ line, problem: `{${node.value}} is code, not text; to show braces, write \\{ and \\}` });
    } else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && /^[A-Z]|\./.test(node.name ?? '')) {
      found.push({ line, problem: `<${node.name}> is a component, which this text cannot use; use plain text or HTML elements such as <abbr>` });
    } else if (node.type === 'mdxjsEsm') {
      found.push({ line, problem: 'import and export lines are code, which this text cannot use' });
    }
    if ('children' in node) (node.children as Nodes[]).forEach(visit);
  };
  visit(tree);
  return found;
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

/** An HTML element written in MDX (`<abbr title="…">`), as HTML; the content check refuses components. */
function jsxElement(state: State, node: JsxElement): Element {
  const properties = Object.fromEntries(node.attributes.flatMap((a) => (a.type === 'mdxJsxAttribute' && typeof a.value === 'string' ? [[a.name, a.value]] : [])));
  return { type: 'element', tagName: node.name ?? 'span', properties, children: state.all(node) as ElementContent[] };
}

const html = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkRehype, {
    handlers: {
      mdxJsxFlowElement: jsxElement,
      mdxJsxTextElement: jsxElement,
      mdxFlowExpression: (_state: State, node: Nodes) => ({ type: 'text', value: literalString(node) ?? '' }),
      mdxTextExpression: (_state: State, node: Nodes) => ({ type: 'text', value: literalString(node) ?? '' }),
      mdxjsEsm: () => undefined,
    },
  })
  .use(rehypeStringify);

/** An MDX body as plain HTML, for places that show an editor's text outside the site's pages: the feed. */
export function mdxHtml(body: string): string {
  return String(html.processSync(body));
}
