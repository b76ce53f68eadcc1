/**
 * Cross-file checks of a gallery that one file's schema cannot make: that
 * the list of photos and the photo files agree, and that alt text is not the
 * caption again. Pure, so it is unit-tested; `gallery.ts` feeds it.
 */

export interface PhotoFile {
  /** The photo's id within its gallery (its file name without `.mdx`). */
  id: string;
  /** The MDX file, relative to the project, for messages. */
  file: string;
  alt: string;
  /** The caption as the editor wrote it (the MDX body). */
  caption: string;
}

export interface GalleryFiles {
  /** The gallery's `index.mdx`, relative to the project. */
  file: string;
  /** The `photos` list of its frontmatter, in order. */
  listed: readonly string[];
  /** The photo files found in its `photos/` folder. */
  photos: readonly PhotoFile[];
}

/** The words of a short Markdown text (a caption) as a reader sees them: for meta descriptions. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: keep their words
    .replace(/[*_`~#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain words of a caption or alt text, for comparing the two. */
export function plainText(markdown: string): string {
  return markdownText(markdown)
    .replace(/[“”"‘’']/g, '')
    .replace(/[.!?…]+$/, '')
    .toLowerCase();
}

/** Every problem with a gallery, each naming the file and field to fix. Empty when all is well. */
export function galleryProblems(g: GalleryFiles): string[] {
  const problems: string[] = [];
  const files = new Map(g.photos.map((p) => [p.id, p]));
  const listed = new Set(g.listed);
  for (const id of listed) {
    if (!files.has(id)) {
      problems.push(`${g.file}: field "photos" lists "${id}", but there is no ${g.file.replace(/index\.mdx$/, `photos/${id}.mdx`)}`);
    }
  }
  for (const photo of g.photos) {
    if (!listed.has(photo.id)) {
      problems.push(`${photo.file}: this photo is not in the "photos" list of ${g.file}; add "${photo.id}" there or delete the file`);
    }
    if (plainText(photo.caption) === '') {
      problems.push(`${photo.file}: the caption (the text below the frontmatter) is empty`);
    } else if (plainText(photo.alt) === plainText(photo.caption)) {
      problems.push(`${photo.file}: field "alt" repeats the caption; describe what can be seen in the photograph instead`);
    }
  }
  return problems;
}

/** A content error: the build stops and prints every problem at once. */
export class ContentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The content has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}
