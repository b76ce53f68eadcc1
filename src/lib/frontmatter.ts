/**
 * Reads an MDX file as an editor wrote it: YAML frontmatter between `---`
 * lines, then the body. Used by the content check, which runs before and
 * beside Astro's content layer so that a mistake is reported with its file,
 * field and line, in dev and build alike.
 */
import fs from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Scalar } from 'yaml';

export interface MdxFile {
  /** The frontmatter, or undefined when it is missing or is not valid YAML. */
  data: Record<string, unknown> | undefined;
  /** Everything after the frontmatter. */
  body: string;
  /** The line of the file the body starts on, 1-based. */
  bodyLine: number;
  /** What is wrong with the frontmatter, each "line N: …"; empty when all is well. */
  problems: string[];
}

/** Finds the frontmatter as Markdown tools do (micromark's frontmatter extension): a `---` fence on the first line, the YAML, a closing fence. */
const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** A frontmatter value that YAML would cut at ` #`, and the two edits that fix it, both of which work as written. */
function commentProblem(source: string, node: Scalar, key: string, lineOf: (offset: number) => number): string {
  const [start, , end] = node.range ?? [0, 0, 0];
  const line = lineOf(start);
  const whole = source.slice(start, end).trim();
  const lineText = source.slice(source.lastIndexOf('\n', start) + 1).split(/\r?\n/)[0] ?? '';
  const prefix = lineText.slice(0, lineText.indexOf(whole));
  return (
    `line ${line}: field "${key}": YAML reads everything after " #" as a comment, so the value would be published as ${JSON.stringify(String(node.value))}. ` +
    `To keep the whole text, quote it: ${prefix.trimStart()}${JSON.stringify(whole)} — or, if it is a comment, put it on a line of its own`
  );
}

/** An MDX source cut in two: the YAML between the `---` fences, and everything after the closing fence's line. */
export interface MdxParts {
  yaml: string;
  body: string;
  /** The line of the file the body starts on, 1-based. */
  bodyLine: number;
}

/** Cuts `source` into its frontmatter and body; undefined when it does not start with a frontmatter. */
export function splitMdx(source: string): MdxParts | undefined {
  const first = markdown.parse(source).children[0];
  if (first?.type !== 'yaml' || first.position?.start.offset !== 0 || first.position.end.offset === undefined) return undefined;
  // The body starts on the line after the closing fence.
  const end = first.position.end.offset;
  const afterFence = source.slice(end).match(/^[ \t]*\r?\n/)?.[0].length ?? 0;
  return { yaml: first.value, body: source.slice(end + afterFence), bodyLine: first.position.end.line + (afterFence > 0 ? 1 : 0) };
}

/** Reads `file`: never throws for what is in it, only when it cannot be read at all. */
export function readMdx(file: string): MdxFile {
  const source = fs.readFileSync(file, 'utf8');
  const parts = splitMdx(source);
  if (!parts) {
    return { data: undefined, body: source, bodyLine: 1, problems: ['line 1: no frontmatter: the file must start with a "---" line, the fields, and another "---" line'] };
  }
  const { yaml: yamlText, body, bodyLine } = parts;
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  // The frontmatter starts on line 2 of the file.
  const at = (offset: number) => lines.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    return {
      data: undefined,
      body,
      bodyLine,
      problems: doc.errors.map((e) => `line ${at(e.pos[0])}: the frontmatter is not valid YAML: ${e.message.split('\n')[0]}`),
    };
  }
  const problems: string[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      const values = isScalar(pair.value) ? [pair.value] : isMap(pair.value) ? [] : ((pair.value as { items?: unknown[] } | null)?.items ?? []).filter(isScalar);
      for (const v of values) {
        // A comment on the value's own line; one on a line of its own is the editor's note and fine.
        if (v.type === 'PLAIN' && v.comment !== undefined && v.range && !yamlText.slice(v.range[1], v.range[2]).trimEnd().includes('\n')) {
          problems.push(commentProblem(yamlText, v, key, at));
        }
      }
    },
  });
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return { data: {}, body, bodyLine, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { data: undefined, body, bodyLine, problems: ['line 2: the frontmatter must be fields ("name: value"), one per line'] };
  }
  return { data: data as Record<string, unknown>, body, bodyLine, problems };
}
