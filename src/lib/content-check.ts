/**
 * Every check of what editors write, in one place, run once by `npm run
 * build` (before Astro starts, so a mistake costs a second, not a build) and
 * by the dev server on every change of `content/` (so the browser shows it). It reads `content/` from disk, validates each
 * frontmatter with the collections' own schemas, reads every photo's image
 * file, and makes the checks across files. Each problem is one line that
 * names the file and the field; warnings do not stop the build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { COLLECTIONS, SCHEMAS } from '../schemas.ts';
import { readMdx } from './frontmatter.ts';
import { ImageFileError, readImageFacts, type ImageFacts } from './image-file.ts';
import { CARD, cardSize, MAX_SIDE, variantSizes } from './image-settings.ts';
import { COLUMN_MAX_PX, MAX_HEIGHT_VH } from './layout.ts';
import { mdxCodeProblems, parseMdx, photoPlacements, treeText, type Placement } from './text.ts';
import { galleryProblems } from './validate.ts';
import { variantsOf, type Variant } from './variants.ts';

type Collection = keyof typeof COLLECTIONS;

/** An image file as the site publishes it. */
export interface PhotoImage {
  /** Absolute path of the image file. */
  file: string;
  /** The `image` field as written, such as `./couple-at-airport.jpg`. */
  named: string;
  /** Named in any encoding error: `<file>.mdx: field "image" (./photo.jpg)`. */
  origin: string;
  facts: ImageFacts;
  /** Every variant published of it (variants.ts), planned once here for the pages and the encoder. */
  variants: Variant[];
}

export interface ContentReport {
  /** Problems that stop the build, one line each: `file: field "x": …`. */
  errors: string[];
  /** Worth an editor's look, but publishable: a photo too small, an image file no MDX uses. */
  warnings: string[];
  /** Each photo MDX file (relative to the project) with a readable image: its file and facts. */
  images: Map<string, PhotoImage>;
  /** Each MDX file's body (relative to the project) as a reader reads it: captions, introductions, articles. */
  texts: Map<string, string>;
  /** Each essay (relative to the project) with the photos its text places with `<Photo>`, in order; all of them exist. */
  placements: Map<string, Placement[]>;
  /** Each photo's image file that is still a generated placeholder, relative to the project (a file shared by two photos is listed twice). */
  placeholders: string[];
  /** How many photos the galleries have. */
  photos: number;
}

const IMAGE_FILE = /\.(jpe?g|png|webp|avif|gif|tiff?|heic|heif|svg|bmp|psd|jxl|jp2)$/i;
/** A 1920x1080 screen at 1x: the widest a photo in the column is shown on a common desktop screen. */
const REFERENCE_SCREEN_HEIGHT = 1080;

const files = (root: string, c: Collection) =>
  fs.existsSync(path.join(root, COLLECTIONS[c].base))
    ? fs.globSync(COLLECTIONS[c].pattern, { cwd: path.join(root, COLLECTIONS[c].base) }).map((f) => path.join(COLLECTIONS[c].base, f)).sort()
    : [];

const fieldOf = (issuePath: readonly PropertyKey[]) =>
  issuePath.length === 0 ? 'the frontmatter' : `field "${issuePath.map(String).join('.')}"`;

interface Read {
  file: string;
  /** The frontmatter when it passed its schema. */
  data: Record<string, unknown> | undefined;
  /** The frontmatter as written, valid or not. */
  raw: Record<string, unknown> | undefined;
  /** The body as a reader reads it; undefined when it is not valid MDX. */
  text: string | undefined;
  /** The photos an essay's text places with `<Photo>`. */
  placements: Placement[];
}

/** The components each collection's text may use: only essays place photos. */
const COMPONENTS: Record<Collection, ReadonlySet<string>> = { galleries: new Set(), photos: new Set(), essays: new Set(['Photo']) };

/** Reads and validates one MDX file against its collection's schema; problems go to `errors`. */
function readEntry(root: string, file: string, collection: Collection, errors: string[]): Read {
  const mdx = readMdx(path.join(root, file));
  errors.push(...mdx.problems.map((p) => `${file}: ${p}`));
  let text: string | undefined;
  let placements: Placement[] = [];
  try {
    const tree = parseMdx(mdx.body);
    const allowed = COMPONENTS[collection];
    const found = allowed.has('Photo') ? photoPlacements(tree) : { placements: [], problems: [] };
    for (const { line, problem } of [...mdxCodeProblems(tree, allowed), ...found.problems]) errors.push(`${file}: line ${line + mdx.bodyLine - 1}: ${problem}`);
    placements = found.placements.map((p) => ({ ...p, line: p.line + mdx.bodyLine - 1 }));
    text = treeText(tree);
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message: string };
    const where = e.line ? `line ${e.line + mdx.bodyLine - 1}: ` : '';
    const reason = e.reason ?? e.message;
    // MDX reads `{` as the start of code; most often the editor meant a brace.
    const hint = /expression|acorn|brace/i.test(reason) ? '; to show braces, write \\{ and \\}' : '';
    errors.push(`${file}: ${where}the text is not valid MDX: ${reason}${hint}`);
  }
  if (!mdx.data) return { file, data: undefined, raw: undefined, text, placements };
  const result = SCHEMAS[collection].safeParse(mdx.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const known = Object.keys(SCHEMAS[collection].shape).join(', ');
        for (const key of issue.keys) errors.push(`${file}: field "${key}" is not a field of this file (misspelt?); its fields are ${known}`);
      } else errors.push(`${file}: ${fieldOf(issue.path)} ${issue.message}`);
    }
    return { file, data: undefined, raw: mdx.data, text, placements };
  }
  return { file, data: result.data as Record<string, unknown>, raw: mdx.data, text, placements };
}

/** The checks of one photo's image file: errors for what cannot be published, warnings for what will look wrong. */
async function checkImage(root: string, photo: Read, errors: string[], warnings: string[]): Promise<PhotoImage | undefined> {
  const named = String(photo.raw?.['image']);
  const file = path.resolve(root, path.dirname(photo.file), named);
  const field = `${photo.file}: field "image" (${named})`;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    errors.push(`${field}: the file does not exist; put the image next to the .mdx file or correct the name`);
    return undefined;
  }
  let facts: ImageFacts;
  try {
    facts = await readImageFacts(file);
  } catch (error) {
    if (!(error instanceof ImageFileError)) throw error;
    errors.push(`${field}: ${error.message}`);
    return undefined;
  }
  const { width, height } = facts;
  for (const v of variantSizes(width, height)) {
    const side = Math.max(v.width, v.height);
    if (side > MAX_SIDE[v.format]) {
      errors.push(
        `${field}: its ${v.format.toUpperCase()} copy ${v.width} px wide would be ${v.width}x${v.height} px, over that format's limit of ${MAX_SIDE[v.format]} px a side; crop the photograph to a less extreme shape`,
      );
      break;
    }
  }
  // A placeholder stands in for the photograph; its size is not the editor's to mend.
  if (!facts.placeholder) {
    const aspect = width / height;
    const needed = Math.min(COLUMN_MAX_PX, Math.ceil((MAX_HEIGHT_VH / 100) * REFERENCE_SCREEN_HEIGHT * aspect));
    const card = cardSize(width, height);
    const short = [
      width < needed && `for the column, which shows it up to ${needed} px wide (it will look soft: use one at least ${needed} px wide, ${needed * 2} px for high-density screens)`,
      card.width < CARD.width && `for the ${CARD.width}x${CARD.height} link-preview card (its card will be ${card.width}x${card.height} px)`,
    ].filter(Boolean);
    if (short.length > 0) warnings.push(`${field}: is ${width}x${height} px, too small ${short.join(' and ')}`);
  }
  return { file, named, origin: field, facts, variants: variantsOf({ file, hash: facts.hash, width, height, origin: field }) };
}

/**
 * Checks all of `content/` under `root`. Never throws for what editors
 * wrote; only for a file that cannot be read at all. Run once per build
 * (`npm run build`'s first step, scripts/build/check.ts) and once per change
 * in the dev server (integrations/content.ts); everything after it reads
 * its report as the manifest (manifest.ts).
 */
export async function checkContent(root: string): Promise<ContentReport> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const galleries = files(root, 'galleries').map((f) => readEntry(root, f, 'galleries', errors));
  const photos = files(root, 'photos').map((f) => readEntry(root, f, 'photos', errors));
  const essays = files(root, 'essays').map((f) => readEntry(root, f, 'essays', errors));

  const galleryOf = (file: string) => path.relative(COLLECTIONS.photos.base, file).split(path.sep)[0] ?? '';
  const idOf = (file: string) => path.basename(file, '.mdx');
  for (const photo of photos) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(idOf(photo.file))) {
      errors.push(`${photo.file}: the file name is the photo's address, so it must be lowercase words joined by hyphens, such as "couple-at-airport.mdx"`);
    }
    const indexFile = path.join(COLLECTIONS.galleries.base, galleryOf(photo.file), 'index.mdx');
    if (!galleries.some((g) => g.file === indexFile)) errors.push(`${photo.file}: this photo belongs to no gallery; ${indexFile} does not exist`);
  }
  for (const g of galleries) {
    if (!g.data) continue;
    const own = photos.filter((p) => galleryOf(p.file) === galleryOf(g.file));
    errors.push(
      ...galleryProblems({
        file: g.file,
        listed: g.data['photos'] as string[],
        photos: own.map((p) => ({ id: idOf(p.file), file: p.file, alt: p.data ? String(p.data['alt']) : undefined, caption: p.text })),
      }),
    );
  }
  const photoIds = new Set(photos.map((p) => `${galleryOf(p.file)}/${idOf(p.file)}`));
  for (const e of essays) {
    const lead = e.data?.['lead'];
    if (typeof lead === 'string' && !photoIds.has(lead)) errors.push(`${e.file}: field "lead" names "${lead}", which is not a photo of any gallery`);
    // Each photo once per article: the lead stands at its top, and a photo's figure carries its name as its id.
    const placed = new Map<string, number>(typeof lead === 'string' ? [[lead, 0]] : []);
    for (const { id, line } of e.placements) {
      const where = `${e.file}: line ${line}: <Photo id="${id}">`;
      if (!photoIds.has(id)) errors.push(`${where} names no photo of any gallery; write "<gallery>/<photo>", as the gallery's folder and the photo's file name`);
      else if (placed.has(id)) errors.push(`${where} shows a photo the article already shows${placed.get(id) === 0 ? ' (its "lead", at the top)' : ` (line ${placed.get(id)})`}; a photo appears once in an article`);
      placed.set(id, line);
    }
  }

  const images = new Map<string, PhotoImage>();
  // A few files at a time, however many photos there are: reading one decodes it, and a large progressive
  // JPEG needs its whole coefficient buffer for that, even at a fraction of its size.
  const limit = pLimit(2 * os.availableParallelism());
  await Promise.all(
    photos.map((p) =>
      limit(async () => {
        if (typeof p.raw?.['image'] !== 'string') return; // the schema has said it is missing
        const image = await checkImage(root, p, errors, warnings);
        if (image) images.set(p.file, image);
      }),
    ),
  );
  // An image file in a photos/ folder that no MDX file names is not published; a broken one there must not stop the build.
  const used = new Set([...images.values()].map((i) => i.file));
  const named = new Set(photos.map((p) => (typeof p.raw?.['image'] === 'string' ? path.resolve(root, path.dirname(p.file), p.raw['image']) : '')));
  for (const dir of new Set(photos.map((p) => path.dirname(p.file)).concat(galleries.map((g) => path.join(path.dirname(g.file), 'photos'))))) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    for (const f of fs.readdirSync(path.join(root, dir)).filter((f) => IMAGE_FILE.test(f)).sort()) {
      const abs = path.resolve(root, dir, f);
      if (!used.has(abs) && !named.has(abs)) warnings.push(`${path.join(dir, f)}: no .mdx file names this image, so it is not published; delete it or give it a photo file`);
    }
  }
  const rel = (f: string) => path.relative(root, f);
  return {
    errors: errors.sort(),
    warnings: warnings.sort(),
    images,
    texts: new Map([...galleries, ...photos, ...essays].flatMap((r) => (r.text === undefined ? [] : [[r.file, r.text] as const]))),
    placements: new Map(essays.map((e) => [e.file, e.placements])),
    placeholders: [...images.values()].filter((i) => i.facts.placeholder).map((i) => rel(i.file)).sort(),
    photos: photos.length,
  };
}

/** Content that cannot be published: the build stops and prints every problem, one line each. */
export class ContentError extends Error {
  override name = 'ContentError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
