import { describe, expect, it } from 'vitest';
import { essaySchema, gallerySchema, photoSchema } from '../../src/schemas.ts';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('photo schema', () => {
  it('accepts a photo with image and alt', () => {
    expect(photoSchema.safeParse({ image: './a.jpg', alt: 'Two actors' }).success).toBe(true);
  });
  it('requires alt, and rejects an empty one', () => {
    expect(messages(photoSchema.safeParse({ image: './a.jpg' }))).toEqual([expect.stringMatching(/^alt: is required/)]);
    expect(messages(photoSchema.safeParse({ image: './a.jpg', alt: '   ' }))).toEqual([expect.stringMatching(/^alt: must not be empty/)]);
  });
  it('takes the image as a file next to the MDX file, never an address or an absolute path', () => {
    expect(photoSchema.safeParse({ image: 'sub/a photo.jpg', alt: 'Two actors' }).success).toBe(true);
    expect(messages(photoSchema.safeParse({ alt: 'Two actors' }))).toEqual([expect.stringMatching(/^image: is required: the image file/)]);
    for (const image of ['https://example.org/a.jpg', '/etc/a.jpg', 'data:image/png;base64,AAAA', ' ./a.jpg']) {
      expect(messages(photoSchema.safeParse({ image, alt: 'Two actors' })), image).toEqual([expect.stringMatching(/^image: must be a file next to the \.mdx file/)]);
    }
  });
  it('rejects unknown keys', () => {
    expect(photoSchema.safeParse({ image: './a.jpg', alt: 'x', caption: 'y' }).success).toBe(false);
  });
});

describe('gallery schema', () => {
  const base = { title: 'T', photographer: 'P', description: 'D', photos: ['a', 'b'] };
  it('accepts readable slugs', () => expect(gallerySchema.safeParse(base).success).toBe(true));
  it('names a photo listed twice and where', () => {
    expect(messages(gallerySchema.safeParse({ ...base, photos: ['a', 'b', 'a'] }))).toEqual(['photos.2: lists "a" twice (entries 1 and 3); a photo appears once']);
  });
  it('takes a cover among its photos, and names one that is not', () => {
    expect(gallerySchema.safeParse({ ...base, cover: 'b' }).success).toBe(true);
    expect(messages(gallerySchema.safeParse({ ...base, cover: 'c' }))).toEqual(['cover: names "c", which is not in the "photos" list; name one of the gallery\'s photos']);
  });
  it('rejects ids that are not slugs', () => {
    expect(gallerySchema.safeParse({ ...base, photos: ['Couple At Airport'] }).success).toBe(false);
  });
});

describe('essay schema', () => {
  it('checks the lead photo reference form', () => {
    expect(essaySchema.safeParse({ title: 'T', description: 'D', lead: 'g/p' }).success).toBe(true);
    expect(essaySchema.safeParse({ title: 'T', description: 'D', lead: 'p' }).success).toBe(false);
  });
});
