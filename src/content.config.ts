import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { essaySchema, gallerySchema, photoSchema } from './schemas.ts';

/** Everything an editor writes lives in `content/`, outside `src/`. */
const galleries = defineCollection({
  // One folder per gallery; the folder name is the gallery's id and address.
  loader: glob({
    base: './content/galleries',
    pattern: '*/index.mdx',
    generateId: ({ entry }) => entry.slice(0, entry.indexOf('/')),
  }),
  schema: gallerySchema,
});

const photos = defineCollection({
  // Id `<gallery>/<file name>`: the file name is the photo's address, so
  // reordering the gallery never changes a link to a photograph.
  loader: glob({
    base: './content/galleries',
    pattern: '*/photos/*.mdx',
    generateId: ({ entry }) => entry.replace('/photos/', '/').replace(/\.mdx$/, ''),
  }),
  schema: ({ image }) => photoSchema(image),
});

const essays = defineCollection({
  loader: glob({ base: './content/essays', pattern: '*.mdx', generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: essaySchema,
});

export const collections = { galleries, photos, essays };
