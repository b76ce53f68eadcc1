/**
 * The content model, as plain Zod schemas so unit tests can exercise them
 * without Astro's virtual modules. `src/content.config.ts` wires them to the
 * collections; `image` is Astro's schema helper, passed in.
 */
import { z } from 'astro/zod';

/** Required, non-blank text. The message says which kind of value is missing. */
const text = (what: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `is required: ${what}` : `must be text: ${what}`),
    })
    .trim()
    .min(1, `must not be empty: ${what}`);

/**
 * Alt texts that tell a screen-reader user nothing: a word for "image" alone,
 * a file name, or an opening such as "picture of", which screen readers
 * already announce. Each comes with the hint the editor sees.
 */
const EMPTY_ALT: [RegExp, string][] = [
  [/^(an? |the )?(photo(graph)?|image|picture|pic|img|placeholder|untitled|alt( text)?|screenshot)s?( \d+)?$/i, 'says nothing about the photograph'],
  [/^[\w-]+\.(jpe?g|png|gif|webp|avif|tiff?|heic)$/i, 'is a file name'],
  [/^(an? |the )?(photo(graph)?|image|picture|pic) (of|showing|shows|depicting)\b/i, 'starts with words screen readers already say ("image")'],
];

/** Alt text: required, and about what can be seen. */
const altText = text('what can be seen in the photograph, for screen readers').superRefine((alt, ctx) => {
  const said = alt.replace(/[.!?…\s]+$/, '');
  const empty = EMPTY_ALT.find(([pattern]) => pattern.test(said));
  if (empty) {
    ctx.addIssue({
      code: 'custom',
      message: `${empty[1]}: describe what can be seen, such as "Two actors in uniform wait beside a film camera"`,
    });
  }
});

/** An absolute http(s) address. */
const webAddress = (what: string) => z.url({ protocol: /^https?$/, error: `must be a web address such as https://example.org/licence: ${what}` });

/** A readable, stable address segment such as `couple-at-airport`. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, such as "couple-at-airport"');

/** A photo in a gallery, written `<gallery>/<photo>`, such as `korean-film-studio/couple-at-airport`. */
export const photoRef = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must name a photo as "<gallery>/<photo>", such as "korean-film-studio/couple-at-airport"');

/** Frontmatter of `content/galleries/<gallery>/index.mdx`; its body is the introduction. */
export const gallerySchema = z
  .strictObject({
    /** The headline of the photo essay. */
    title: text('the headline of the photo essay'),
    /** Who took the photographs: the credit of every photo that does not name its own. */
    photographer: text('who took the photographs'),
    /** One sentence for the home page, search results and link previews. */
    description: text('one sentence that sums up the story'),
    /** The photographs in reading order, by file name without `.mdx` (`photos/<id>.mdx`). */
    photos: z.array(slug).min(1, 'must list at least one photo'),
    /** The photo shown large on the gallery's first screen, by file name; the first of `photos` when left out. */
    cover: slug.optional(),
  })
  .superRefine((gallery, ctx) => {
    if (gallery.cover !== undefined && !gallery.photos.includes(gallery.cover)) {
      ctx.addIssue({ code: 'custom', path: ['cover'], message: `names "${gallery.cover}", which is not in the "photos" list; name one of the gallery's photos` });
    }
    const seen = new Map<string, number>();
    gallery.photos.forEach((id, index) => {
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['photos', index],
          message: `lists "${id}" twice (entries ${first + 1} and ${index + 1}); a photo appears once`,
        });
    });
  });

/**
 * An image file named relative to its MDX file, such as `./couple-at-airport.jpg`.
 * A path, not Astro's `image()`: that helper hands every original to the
 * bundler, which holds its bytes until the build ends (2.5 MiB a photo).
 * Nothing bypasses the pipeline for it: the content check reads the file
 * (it must exist and decode), and the only way it is published is as the
 * variants photo-pipeline.ts encodes from it.
 */
export const imagePath = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'is required: the image file, such as ./couple-at-airport.jpg' : 'must be a file name, such as ./couple-at-airport.jpg',
  })
  .regex(/^(?![a-z][a-z0-9+.-]*:|\/)\S(.*\S)?$/i, 'must be a file next to the .mdx file, such as ./couple-at-airport.jpg, not an address or an absolute path');

/** Frontmatter of `content/galleries/<gallery>/photos/<id>.mdx`; its body is the caption. */
export const photoSchema = z.strictObject({
  /** The image file, relative to this MDX file (`./couple-at-airport.jpg`). */
  image: imagePath,
  /** What can be seen in the photograph, for people who cannot see it. Not the caption. */
  alt: altText,
  /** Who took this photograph, when it is not the gallery's photographer. */
  credit: text('who took this photograph').optional(),
  /** Where the photograph was taken. */
  location: text('where the photograph was taken').optional(),
  /** The licence the photograph is published under, as a web address; search engines show it. */
  license: webAddress('the licence of the photograph').optional(),
  /** Where to license the photograph, as a web address; search engines link to it. */
  acquireLicensePage: webAddress('where to license the photograph').optional(),
});

/** Frontmatter of `content/essays/<slug>.mdx`; its body is the article. */
export const essaySchema = z.strictObject({
  /** The headline of the article. */
  title: text('the headline of the article'),
  /** One sentence for the home page, search results and link previews. */
  description: text('one sentence that sums up the article'),
  /** A gallery photo shown at the top of the article and on its home-page card, as `<gallery>/<photo>`. */
  lead: photoRef.optional(),
});

/** How wide a photo placed in an essay with `<Photo id="…" size="…" />` is shown. */
export const PHOTO_SIZES = ['column', 'wide', 'full'] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

export type GalleryData = z.output<typeof gallerySchema>;
export type EssayData = z.output<typeof essaySchema>;

/** Every frontmatter schema, by the collection that uses it. */
export const SCHEMAS = { galleries: gallerySchema, photos: photoSchema, essays: essaySchema } as const;

/** Where each collection's files are, relative to the project: Astro's glob loaders and the content check read the same. */
export const COLLECTIONS = {
  galleries: { base: 'content/galleries', pattern: '*/index.mdx' },
  photos: { base: 'content/galleries', pattern: '*/photos/*.mdx' },
  essays: { base: 'content/essays', pattern: '*.mdx' },
} as const;
