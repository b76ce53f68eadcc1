/**
 * Cross-file checks of a gallery that one file's schema cannot make: that
 * the list of photos and the photo files agree, and that alt text is not the
 * caption again. Pure, so it is unit-tested; `content-check.ts` feeds it.
 */

export interface PhotoFile {
  /** The photo's id within its gallery (its file name without `.mdx`). */
  id: string;
  /** The MDX file, relative to the project, for messages. */
  file: string;
  /** Undefined when the file has problems of its own (reported apart). */
  alt: string | undefined;
  /** The caption as plain text (see text.ts); undefined when the MDX is malformed. */
  caption: string | undefined;
}

export interface GalleryFiles {
  /** The gallery's `index.mdx`, relative to the project. */
  file: string;
  /** The `photos` list of its frontmatter, in order. */
  listed: readonly string[];
  /** The photo files found in its `photos/` folder. */
  photos: readonly PhotoFile[];
}

/** Plain words of a caption or alt text (already plain text), for comparing the two. */
export function plainText(text: string): string {
  return text
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
    if (photo.caption === undefined || photo.alt === undefined) continue;
    if (plainText(photo.caption) === '') {
      problems.push(`${photo.file}: the caption (the text below the frontmatter) is empty`);
    } else if (plainText(photo.alt) === plainText(photo.caption)) {
      problems.push(`${photo.file}: field "alt" repeats the caption; describe what can be seen in the photograph instead`);
    }
  }
  return problems;
}
