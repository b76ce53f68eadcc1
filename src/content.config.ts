import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { COLLECTIONS, essaySchema, gallerySchema, photoSchema } from './schemas.ts';

/** Everything an editor writes lives in `content/`, outside `src/`. */
const galleries = defineCollection({
  // One folder per gallery; the folder name is the gallery's id and address.
  loader: glob({ ...COLLECTIONS.galleries, generateId: ({ entry }) => entry.slice(0, entry.indexOf('/')) }),
  schema: gallerySchema,
});

const photos = defineCollection({
  // Id `<gallery>/<file name>`: the file name is the photo's address, so
  // reordering the gallery never changes a link to a photograph.
  loader: glob({ ...COLLECTIONS.photos, generateId: ({ entry }) => entry.replace('/photos/', '/').replace(/\.mdx$/, '') }),
  schema: photoSchema,
});

const essays = defineCollection({
  loader: glob({ ...COLLECTIONS.essays, generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: essaySchema,
});

export const collections = { galleries, photos, essays };
