/**
 * Adds photographs to a gallery (`npm run add-photos`, scripts/add-photos.ts):
 * for each image, a copy in the gallery's `photos/` folder under a readable
 * name, its `.mdx` file with the fields the file's own IPTC/XMP fill
 * (file-text.ts), and its name at the end of the gallery's `photos` list, in
 * the order given.
 *
 * Safe to run again, and never half-done:
 * - every file is checked first (the content check's own rules for images);
 *   one that cannot be added is named with the reason, and the others go in;
 * - a photo already in the gallery (the same bytes) is skipped, and said so;
 * - nothing an editor wrote is overwritten: a name in use gets `-2`, `-3`…,
 *   and files are created exclusively;
 * - images are written first, then `.mdx` files, then the list, each file
 *   whole (written beside, then renamed); if anything fails, what this run
 *   wrote is removed again, so there is never an `.mdx` without its image
 *   nor a list entry without its `.mdx`;
 * - one run per project at a time (proper-lockfile).
 *
 * Privacy: the copy in `content/` keeps only its colour profile, its
 * orientation and its rights (creator, credit, copyright notice, licence):
 * GPS, camera serial numbers, the owner's and the photographer's contact
 * details and everything else a camera recorded are removed, losslessly, by
 * ExifTool (exiftool-vendored). The `.mdx` never holds them either, and the
 * published variants carry no metadata at all, as before.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyAscii from 'any-ascii';
import slugify from '@sindresorhus/slugify';
import { exiftool } from 'exiftool-vendored';
import type { Root } from 'mdast';
import { mdxToMarkdown } from 'mdast-util-mdx';
import { toMarkdown } from 'mdast-util-to-markdown';
import lockfile from 'proper-lockfile';
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { cacheDirOf } from '../../src/lib/cache-dir.ts';
import { readMdx, splitMdx } from '../../src/lib/frontmatter.ts';
import { ImageFileError, readImageFacts, type ImageFacts } from '../../src/lib/image-file.ts';
import { COLLECTIONS, slug as slugRule } from '../../src/schemas.ts';
import { readFileText, type FileText } from './file-text.ts';

/** What `addPhotos` is asked to do. */
export interface AddRequest {
  /** The project's folder. */
  root: string;
  /** Image files and folders of images, in the order they go into the gallery. */
  inputs: readonly string[];
  /** The gallery's folder name; may be left out when the project has exactly one gallery. */
  gallery?: string | undefined;
  /** Starts a new gallery with this headline (with `gallery`). */
  title?: string | undefined;
  /** A new gallery's photographer; else the creator most of its photos name. */
  photographer?: string | undefined;
  /** A new gallery's one-sentence description; else its title, for the editor to rewrite. */
  description?: string | undefined;
}

/** A photo added: where it went, and the fields its file did not fill, which the build refuses until they are written. */
export interface Added {
  input: string;
  /** Its name in the gallery (`photos/<id>.mdx`). */
  id: string;
  /** The `.mdx` file, relative to the project. */
  mdx: string;
  /** The fields left for the editor: `alt`, `caption`. */
  missing: string[];
}

export interface Outcome {
  /** The gallery's folder name. */
  gallery: string;
  /** The gallery's `index.mdx` was written by this run. */
  created: boolean;
  added: Added[];
  /** Photos already in the gallery, with the file that holds them. */
  skipped: { input: string; reason: string }[];
  /** Files that could not be added, each with one line saying why. */
  failed: { input: string; reason: string }[];
}

/** A request that cannot be carried out at all (no such gallery, a name that is not a slug…); nothing was written. */
export class AddPhotosError extends Error {
  override name = 'AddPhotosError';
}

/** What the copy of an image keeps of its metadata: how to show it, and whose it is. Everything else is removed. */
export const KEPT_METADATA = [
  'ICC_Profile',
  'Orientation',
  'EXIF:Artist',
  'EXIF:Copyright',
  'IPTC:CodedCharacterSet',
  'IPTC:By-line',
  'IPTC:Credit',
  'IPTC:CopyrightNotice',
  'XMP-dc:Creator',
  'XMP-dc:Rights',
  'XMP-photoshop:Credit',
  'XMP-xmpRights:all',
];

/** The file endings each format is written with. */
const ENDING: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif' };

/** At most this many characters of a title make a file name: a readable address, not a sentence. */
const NAME_LENGTH = 48;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const relative = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');
const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';

/** A readable file name from a title or a file name, in any script: `Café "Pyongyang" No. 1` → `cafe-pyongyang-no-1`; empty when nothing readable is left. */
export function nameOf(text: string): string {
  const full = slugify(anyAscii(text), { decamelize: false });
  if (full.length <= NAME_LENGTH) return full;
  // Whole words up to the limit.
  const words = full.split('-');
  let name = '';
  for (const word of words) {
    const next = name ? `${name}-${word}` : word;
    if (next.length > NAME_LENGTH) break;
    name = next;
  }
  return name || full.slice(0, NAME_LENGTH).replace(/-+$/, '');
}

/** `name`, or `name-2`, `name-3`… : the first that `taken` does not hold. */
export function uniqueName(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  for (let n = 2; ; n++) if (!taken(`${name}-${n}`)) return `${name}-${n}`;
}

/**
 * A caption as the body of an MDX file: Markdown that reads back as exactly
 * this text. `{`, `<`, `*`, `_`, `[`, `#` and the like are escaped by
 * mdast-util-to-markdown with MDX's rules, so they are published as typed and
 * never read as code, markup or formatting; so is `import`/`export` at the
 * start of a line. Paragraphs (blank lines) stay.
 */
export function captionBody(caption: string): string {
  const tree: Root = {
    type: 'root',
    children: caption
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => ({ type: 'paragraph', children: [{ type: 'text', value: p }] })),
  };
  // A line that starts with `import ` or `export ` would be read as JavaScript (MDX's ESM): its first letter is written as a character reference.
  const esm = {
    unsafe: [
      { character: 'i', atBreak: true, after: 'mport\\s' },
      { character: 'e', atBreak: true, after: 'xport\\s' },
    ],
  };
  return toMarkdown(tree, { extensions: [mdxToMarkdown(), esm] });
}

/** The `.mdx` file of a photo: YAML written by the yaml library, so no `#`, colon or quote in a field can cut it. */
export function photoMdx(image: string, text: FileText, credit: string | undefined): { source: string; missing: string[] } {
  const doc = new Document({
    image: `./${image}`,
    alt: text.alt ?? '',
    ...(credit ? { credit } : {}),
    ...(text.location ? { location: text.location } : {}),
    ...(text.license ? { license: text.license } : {}),
  });
  const missing: string[] = [];
  if (!text.alt) {
    missing.push('alt');
    // A note on the line above, where the editor writes: the build refuses the empty value until then.
    const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'alt') : undefined;
    if (pair && isScalar(pair.key))
      pair.key.commentBefore = ' The file has no alt text: describe what can be seen in the photograph, for people who cannot see it.';
  }
  if (!text.caption) missing.push('caption');
  const body = text.caption ? captionBody(text.caption) : '';
  return { source: `---\n${doc.toString({ lineWidth: 0 })}---\n\n${body}`, missing };
}

/** The credit of a photo: its creator, with the credit line when it says something else; none when it is the gallery's photographer. */
export function creditOf(text: FileText, photographer: string | undefined): string | undefined {
  const parts = [...new Set([text.creator, text.creditLine].filter((p): p is string => !!p))];
  if (parts.length === 0 || (parts.length === 1 && parts[0] === photographer)) return undefined;
  return parts.join(' / ');
}

/** The image files a list of files and folders names, in order: a folder's images by name, hidden files left out. */
export function expandInputs(inputs: readonly string[]): { files: string[]; failed: { input: string; reason: string }[] } {
  const files: string[] = [];
  const failed: { input: string; reason: string }[] = [];
  const byName = new Intl.Collator('en', { numeric: true });
  for (const input of inputs) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (!stat) failed.push({ input, reason: 'no such file or folder' });
    else if (stat.isDirectory()) {
      const inside = fs
        .readdirSync(input, { withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort(byName.compare);
      if (inside.length === 0) failed.push({ input, reason: 'the folder has no files' });
      files.push(...inside.map((name) => path.join(input, name)));
    } else files.push(input);
  }
  return { files, failed };
}

/** A copy of `file` in `dir`, stripped of every metadata tag but KEPT_METADATA, losslessly. */
async function strippedCopy(file: string, dir: string, name: string): Promise<string> {
  const copy = path.join(dir, name);
  fs.copyFileSync(file, copy);
  // ExifTool keeps the untouched file beside it as `<name>_original`; both go with the work folder.
  await exiftool.deleteAllTags(copy, { retain: KEPT_METADATA });
  return copy;
}

interface Planned {
  input: string;
  id: string;
  image: string;
  copy: string;
  mdx: string;
  missing: string[];
}

/** Writes `data` to `file` whole: beside it first, then renamed; never over an existing file. */
function writeNew(file: string, data: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, data, { flag: 'wx' });
  try {
    // link() fails if `file` exists, where rename() would replace it.
    fs.linkSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Replaces `file` whole with `data` (written beside, then renamed). */
function replaceWhole(file: string, data: string): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, data, { flag: 'wx' });
  try {
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** The gallery's index.mdx with `ids` appended to its `photos` list; the rest of the file as the editor wrote it. */
export function withPhotosAppended(source: string, ids: readonly string[], file: string): string {
  const parts = splitMdx(source);
  if (!parts) throw new AddPhotosError(`${file}: no frontmatter; fix the file first (npm run build names the problem)`);
  const doc = parseDocument(parts.yaml);
  if (doc.errors.length > 0) throw new AddPhotosError(`${file}: the frontmatter is not valid YAML; fix the file first (npm run build names the problem)`);
  let list = doc.get('photos', true);
  if (list === undefined || list === null) {
    doc.set('photos', new YAMLSeq());
    list = doc.get('photos', true);
  }
  if (!isSeq(list)) throw new AddPhotosError(`${file}: field "photos" is not a list; fix the file first`);
  for (const id of ids) list.add(doc.createNode(id));
  const yaml = doc.toString({ lineWidth: 0 });
  // The body exactly as it was, after the same fence.
  const fenceEnd = source.length - parts.body.length;
  const fence = source.slice(0, fenceEnd).match(/\r?\n---[ \t]*\r?\n?$/)?.[0] ?? '\n---\n';
  return `---\n${yaml.replace(/\n$/, '')}${fence}${parts.body}`;
}

/** The most frequent of `names` (the first of equals), or undefined. */
const mostFrequent = (names: (string | undefined)[]) => {
  const counts = new Map<string, number>();
  for (const n of names) if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/** Adds the photographs of `request` to its gallery; see the file's comment for what it guarantees. */
export async function addPhotos(request: AddRequest, say: (line: string) => void = () => undefined): Promise<Outcome> {
  const root = path.resolve(request.root);
  const galleries = path.join(root, COLLECTIONS.galleries.base);
  const existing = fs.existsSync(galleries) ? fs.readdirSync(galleries).filter((d) => fs.existsSync(path.join(galleries, d, 'index.mdx'))) : [];
  let gallery = request.gallery;
  if (gallery === undefined) {
    if (request.title !== undefined) throw new AddPhotosError('--title starts a new gallery: name its folder with --gallery <name>');
    if (existing.length !== 1) {
      throw new AddPhotosError(
        existing.length === 0
          ? 'there is no gallery yet: start one with --gallery <name> --title "<headline>"'
          : `which gallery? Name it with --gallery: ${existing.join(', ')}`,
      );
    }
    gallery = existing[0]!;
  }
  if (!slugRule.safeParse(gallery).success)
    throw new AddPhotosError(`--gallery "${gallery}": a gallery's name must be lowercase words joined by hyphens, such as "film-studio"`);
  const dir = path.join(galleries, gallery);
  const index = path.join(dir, 'index.mdx');
  const creating = !fs.existsSync(index);
  if (creating && request.title === undefined) {
    throw new AddPhotosError(
      `there is no gallery "${gallery}" (${existing.length > 0 ? `there is ${existing.join(', ')}` : 'no gallery yet'}): to start one, add --title "<headline>"`,
    );
  }
  if (!creating && (request.title !== undefined || request.photographer !== undefined || request.description !== undefined)) {
    throw new AddPhotosError(
      `the gallery "${gallery}" exists: --title, --photographer and --description only start a new one; edit ${relative(root, index)} instead`,
    );
  }
  const listed: string[] = [];
  let photographer = request.photographer;
  if (!creating) {
    const { data, problems } = readMdx(index);
    if (!data || problems.length > 0) throw new AddPhotosError(`${relative(root, index)}: ${problems[0] ?? 'cannot be read'}; fix it first`);
    if (Array.isArray(data['photos'])) listed.push(...data['photos'].map(String));
    photographer = typeof data['photographer'] === 'string' ? data['photographer'] : undefined;
  }

  const photosDir = path.join(dir, 'photos');
  const lockDir = cacheDirOf(root);
  fs.mkdirSync(lockDir, { recursive: true });
  const release = await lockfile.lock(lockDir, {
    lockfilePath: path.join(lockDir, 'add-photos.lock'),
    retries: { retries: 60, minTimeout: 250, maxTimeout: 1000 },
  });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kfs-add-photos-'));
  const outcome: Outcome = { gallery, created: creating, added: [], skipped: [], failed: [] };
  const written: string[] = [];
  try {
    const { files, failed } = expandInputs(request.inputs);
    outcome.failed.push(...failed);
    const inGallery = fs.existsSync(photosDir) ? fs.readdirSync(photosDir) : [];
    // What the gallery already holds, by the hash of its bytes.
    const known = new Map<string, string>();
    for (const f of inGallery) {
      if (f.endsWith('.mdx') || f.endsWith('.partial')) continue;
      known.set(sha256(fs.readFileSync(path.join(photosDir, f))), `photos/${f}`);
    }
    const stems = new Set([...inGallery.map((f) => f.replace(/\.[^.]*$/, '')), ...listed]);
    const planned: (Planned & { text: FileText })[] = [];
    for (const [n, input] of files.entries()) {
      // As the editor would write it: from the folder they typed the command in (npm starts scripts in the project's).
      const from = path.relative(process.env['INIT_CWD'] ?? process.cwd(), input);
      const shown = from && !from.startsWith('..') ? from : input;
      let facts: ImageFacts;
      try {
        facts = await readImageFacts(input);
      } catch (error) {
        outcome.failed.push({ input: shown, reason: error instanceof ImageFileError ? error.message : oneLine(error) });
        continue;
      }
      const bytes = fs.readFileSync(input);
      let copy: string;
      try {
        copy = await strippedCopy(input, work, `${n}.${ENDING[facts.format]}`);
      } catch (error) {
        // Never copied with what a camera recorded: a file ExifTool cannot rewrite stays out.
        outcome.failed.push({ input: shown, reason: `its camera metadata could not be removed (${oneLine(error)}): export the photograph again` });
        continue;
      }
      const hashes = [sha256(bytes), sha256(fs.readFileSync(copy))];
      const same = hashes.map((h) => known.get(h)).find(Boolean);
      if (same) {
        outcome.skipped.push({ input: shown, reason: `the same photo is already in the gallery: ${same}` });
        continue;
      }
      for (const h of hashes) known.set(h, `${shown}, given earlier in this run`);
      const text = await readFileText(bytes);
      const base = nameOf(text.title ?? '') || nameOf(path.basename(input).replace(/\.[^.]*$/, '')) || 'photo';
      const id = uniqueName(base, (c) => stems.has(c));
      stems.add(id);
      planned.push({ input: shown, id, image: `${id}.${ENDING[facts.format]}`, copy, mdx: '', missing: [], text });
    }
    if (creating) photographer ??= mostFrequent(planned.map((p) => p.text.creator));
    for (const p of planned) {
      const { source, missing } = photoMdx(p.image, p.text, creditOf(p.text, photographer));
      p.mdx = source;
      p.missing = missing;
    }
    if (planned.length === 0) return outcome;
    if (creating && !photographer) {
      throw new AddPhotosError('none of the photos names its photographer: add --photographer "<name>"');
    }

    // Images, then .mdx files, then the list: a crash between two steps leaves nothing the build would publish half-way.
    fs.mkdirSync(photosDir, { recursive: true });
    for (const p of planned) {
      writeNew(path.join(photosDir, p.image), fs.readFileSync(p.copy));
      written.push(path.join(photosDir, p.image));
    }
    for (const p of planned) {
      writeNew(path.join(photosDir, `${p.id}.mdx`), p.mdx);
      written.push(path.join(photosDir, `${p.id}.mdx`));
    }
    const ids = planned.map((p) => p.id);
    if (creating) {
      const doc = new Document({ title: request.title, photographer, description: request.description ?? request.title, photos: ids });
      writeNew(index, `---\n${doc.toString({ lineWidth: 0 })}---\n`);
      written.push(index);
    } else {
      replaceWhole(index, withPhotosAppended(fs.readFileSync(index, 'utf8'), ids, relative(root, index)));
    }
    for (const p of planned) {
      outcome.added.push({ input: p.input, id: p.id, mdx: relative(root, path.join(photosDir, `${p.id}.mdx`)), missing: p.missing });
      say(`${p.input} → ${relative(root, path.join(photosDir, p.image))}`);
    }
    return outcome;
  } catch (error) {
    for (const f of written.reverse()) fs.rmSync(f, { force: true });
    // A gallery this run started goes too, if nothing else is in it.
    if (creating) {
      for (const d of [photosDir, dir]) {
        try {
          fs.rmdirSync(d);
        } catch {
          // Not empty, or never made: left as it is.
        }
      }
    }
    throw error;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await release();
  }
}

/** Ends ExifTool's process, which exiftool-vendored keeps running between files. */
export const closeExifTool = () => exiftool.end();
