/**
 * What the tests expect, read from the content itself: the galleries in
 * order with their photos, captions, alt texts and placeholder state, and
 * the essays. Nothing here names today's wording or counts, so the suite
 * holds with the placeholders, with the real photographs, and with a
 * gallery of any size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkContent } from '../../src/lib/content-check.ts';
import { readMdx } from '../../src/lib/frontmatter.ts';
import { placeholderAlt } from '../../src/lib/placeholder.ts';
import { COLLECTIONS } from '../../src/schemas.ts';
import { mdxText, parseMdx } from '../../src/lib/text.ts';
import type { RootContent } from 'mdast';

export interface ExpectedPhoto {
  slug: string;
  /** 1-based. */
  number: number;
  total: number;
  /** The caption as a reader reads it. */
  caption: string;
  /** The alt text as published (a placeholder's says so). */
  alt: string;
  credit: string;
  location: string | undefined;
  placeholder: boolean;
  /** Width and height as shown. */
  width: number;
  height: number;
}

export interface ExpectedGallery {
  id: string;
  title: string;
  photographer: string;
  /** The introduction as a reader reads it. */
  introduction: string;
  photos: ExpectedPhoto[];
  /** The photo on its first screen: its `cover`, else its first photo. */
  cover: ExpectedPhoto;
}

export interface ExpectedEssay {
  id: string;
  title: string;
  /** Every paragraph and heading of the body, as text. */
  blocks: string[];
  /** Its `##` headings, in order. */
  headings: string[];
  /** Its `lead` photo (`<gallery>/<photo>`), if any, then each photo its text places with `<Photo>`, in order. */
  photos: string[];
}

/** The content of the project in `root` (the repository by default). Fails if the content has problems: the site would not build. */
export async function expectedContent(root = process.cwd()): Promise<{ galleries: ExpectedGallery[]; essays: ExpectedEssay[] }> {
  const report = await checkContent(root);
  if (report.errors.length > 0) throw new Error(`the content has problems:\n${report.errors.join('\n')}`);
  const read = (rel: string) => readMdx(path.join(root, rel));
  const galleries = [...report.images.keys()]
    .map((f) => f.split(path.sep).at(-3) ?? '')
    .filter((id, i, all) => all.indexOf(id) === i)
    .sort()
    .map((id): ExpectedGallery => {
      const index = read(path.join(COLLECTIONS.galleries.base, id, 'index.mdx'));
      const data = index.data as { title: string; photographer: string; photos: string[]; cover?: string };
      const photos = data.photos.map((slug, i): ExpectedPhoto => {
        const file = path.join(COLLECTIONS.galleries.base, id, 'photos', `${slug}.mdx`);
        const photo = read(file).data as { alt: string; credit?: string; location?: string };
        const facts = report.images.get(file)?.facts;
        if (!facts) throw new Error(`${file}: no image`);
        return {
          slug,
          number: i + 1,
          total: data.photos.length,
          caption: report.texts.get(file) ?? '',
          alt: facts.placeholder ? placeholderAlt(photo.alt) : photo.alt,
          credit: photo.credit ?? data.photographer,
          location: photo.location,
          placeholder: facts.placeholder,
          width: facts.width,
          height: facts.height,
        };
      });
      const cover = photos.find((p) => p.slug === data.cover) ?? photos[0];
      if (!cover) throw new Error(`${id}: no photos`);
      return {
        id,
        title: data.title,
        photographer: data.photographer,
        introduction: report.texts.get(path.join(COLLECTIONS.galleries.base, id, 'index.mdx')) ?? '',
        photos,
        cover,
      };
    });
  const essayFiles = fs.globSync(COLLECTIONS.essays.pattern, { cwd: path.join(root, COLLECTIONS.essays.base) }).sort();
  const essays = essayFiles.map((f): ExpectedEssay => {
    const mdx = read(path.join(COLLECTIONS.essays.base, f));
    // Its blocks (paragraphs, headings, lists…) as remark reads them, each as a reader reads it.
    const nodes = parseMdx(mdx.body).children;
    const textAt = (node: RootContent) => mdxText(mdx.body.slice(node.position?.start.offset, node.position?.end.offset));
    const blocks = nodes.map(textAt).filter(Boolean);
    const headings = nodes.filter((n) => n.type === 'heading' && n.depth === 2).map(textAt);
    const lead = mdx.data?.['lead'];
    const placed = report.placements.get(path.join(COLLECTIONS.essays.base, f)) ?? [];
    const photos = [...(typeof lead === 'string' ? [lead] : []), ...placed.map((p) => p.id)];
    return { id: f.replace(/\.mdx$/, ''), title: String(mdx.data?.['title']), blocks, headings, photos };
  });
  return { galleries, essays };
}

/** The repository's own content, read once per test file. */
export const content = await expectedContent();
export const gallery = (() => {
  const g = content.galleries[0];
  if (!g) throw new Error('the content has no gallery');
  return g;
})();
export const photos = gallery.photos;
/** The photo at `i`, kept inside the gallery (the last when it is shorter): tests walk any gallery size. */
export const photoAt = (i: number) => photos[Math.max(0, Math.min(i, photos.length - 1))] as ExpectedPhoto;
