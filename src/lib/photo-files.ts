/**
 * The dev server's side of the "Photo files" toolbar app
 * (src/toolbar/photo-files.ts): which `.mdx` file a photo on a page comes
 * from, found by the names of the image variants its markup names. Each
 * variant name is planned for one photo's image (manifest.ts), so the answer
 * does not depend on the page, its address or its markup.
 */
import path from 'node:path';
import type { PhotoFile } from '../toolbar/protocol.ts';
import { readMdx } from './frontmatter.ts';
import type { Manifest } from './manifest.ts';

/** For each list of variant names, the photo file they belong to (read now, as the editor last saved it), or null. */
export function photoFilesOf(manifest: Pick<Manifest, 'images'>, root: string, names: readonly (readonly string[])[]): (PhotoFile | null)[] {
  const byVariant = new Map<string, string>();
  for (const [file, image] of Object.entries(manifest.images)) for (const v of image.variants) if (!byVariant.has(v.name)) byVariant.set(v.name, file);
  return names.map((list) => {
    const file = list.map((n) => byVariant.get(n)).find((f) => f !== undefined);
    if (!file) return null;
    const absolute = path.join(root, file);
    const { data, body } = readMdx(absolute);
    return { file, path: absolute, fields: data ?? {}, caption: body.trim() };
  });
}
