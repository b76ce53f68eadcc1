/**
 * The pure parts of `npm run add-photos` (scripts/editor/add-photos.ts):
 * names, captions as MDX, YAML, and the gallery's list.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { captionBody, creditOf, nameOf, photoMdx, uniqueName, withPhotosAppended } from '../../scripts/editor/add-photos.ts';
import { splitMdx } from '../../src/lib/frontmatter.ts';
import { mdxCodeProblems, mdxText, parseMdx } from '../../src/lib/text.ts';
import { slug } from '../../src/schemas.ts';

describe('a photo’s name', () => {
  it.each([
    ['Couple at the airport', 'couple-at-the-airport'],
    ['Café crème à Zürich', 'cafe-creme-a-zurich'],
    ['평양 영화 촬영소', 'pyeongyang-yeonghwa-chwalyeongso'],
    ['سينما', 'synma'],
    ['DSC_0001', 'dsc-0001'],
  ])('%s → a valid, readable slug', (title, expected) => {
    const name = nameOf(title);
    expect(slug.safeParse(name).success).toBe(true);
    // Transliteration tables can change between releases; the shape may not.
    if (/^[\x20-\x7e]*$/.test(title) || /[à-ü]/.test(title)) expect(name).toBe(expected);
    else expect(name.length).toBeGreaterThan(0);
  });

  it('is empty when nothing readable is left, so the file name is used instead', () => {
    expect(nameOf('— … — !?')).toBe('');
  });

  it('keeps whole words, at most 48 characters', () => {
    const name = nameOf('Actors in costume wait between takes on the set of a war film at the studio in Pyongyang');
    expect(name.length).toBeLessThanOrEqual(48);
    expect('actors-in-costume-wait-between-takes-on-the-set-of-a-war-film'.startsWith(name)).toBe(true);
    expect(slug.safeParse(name).success).toBe(true);
  });

  it('gets a number when in use', () => {
    const taken = new Set(['first-light', 'first-light-2']);
    expect(uniqueName('first-light', (c) => taken.has(c))).toBe('first-light-3');
    expect(uniqueName('dusk', (c) => taken.has(c))).toBe('dusk');
  });
});

describe('a caption written as MDX', () => {
  it.each([
    'Braces {like this} and {x: 1} are text, not code.',
    'An <abbr>HTML</abbr> tag, a <Photo id="x" /> component and a < b > c are text.',
    '*Not emphasis*, _nor this_, **nor this**, and a snake_case_name.',
    '# Not a heading\n\n- not a list\n\n1. not a list either\n\n> not a quote',
    'A [bracket](not a link) and a `backtick` and a back\\slash & an &amp; entity.',
    'import x from "y"; export const z = 1',
    'A line\nexport default 1\nimport y from "z"',
    'Two paragraphs.\n\nThe second one, with 100% of its text.',
    'مرحبا {RTL} 평양 🎬',
  ])('reads back as typed, with no code: %s', (caption) => {
    const body = captionBody(caption);
    expect(mdxCodeProblems(parseMdx(body))).toEqual([]);
    expect(mdxText(body)).toBe(caption.replace(/\n\n/g, ' ').replace(/\s+/g, ' '));
  });
});

describe('a photo’s .mdx file', () => {
  it('holds values with a #, a colon or quotes whole', () => {
    const text = { alt: 'Actor #1: "waiting" — \'calm\'', creator: 'Ri: #2', location: '# Studio, "Pyongyang"', caption: 'A caption.' };
    const { source, missing } = photoMdx('actor.jpg', text, text.creator);
    expect(missing).toEqual([]);
    const parts = splitMdx(source)!;
    expect(parse(parts.yaml)).toEqual({ image: './actor.jpg', alt: text.alt, credit: text.creator, location: text.location });
    expect(mdxText(parts.body)).toBe('A caption.');
  });

  it('leaves alt empty and the caption out when the file has none, and says so', () => {
    const { source, missing } = photoMdx('plain.png', {}, undefined);
    expect(missing).toEqual(['alt', 'caption']);
    expect(parse(splitMdx(source)!.yaml)).toEqual({ image: './plain.png', alt: '' });
  });

  it('credits the creator and the credit line, unless it is the gallery’s photographer', () => {
    expect(creditOf({ creator: 'Eric Lafforgue' }, 'Eric Lafforgue')).toBeUndefined();
    expect(creditOf({ creator: 'Ri', creditLine: 'Agency' }, 'Eric')).toBe('Ri / Agency');
    expect(creditOf({ creator: 'Ri', creditLine: 'Ri' }, 'Eric')).toBe('Ri');
    expect(creditOf({ creditLine: 'Agency' }, undefined)).toBe('Agency');
    expect(creditOf({}, 'Eric')).toBeUndefined();
  });
});

describe('the gallery’s list', () => {
  const index = [
    '---',
    '# The editor’s note stays.',
    'title: \'A title: with "quotes"\'',
    'photographer: Eric',
    'description: "A long description that goes on and on, well past the eighty characters at which YAML would fold a line."',
    'photos:',
    '  - one',
    '  - two # the best',
    '---',
    '',
    'The introduction, {untouched}.',
    '',
  ].join('\n');

  it('gets the new names at its end; every other byte of the file stays', () => {
    const out = withPhotosAppended(index, ['three', 'four'], 'index.mdx');
    expect(out.split('\n').filter((l) => !index.split('\n').includes(l))).toEqual(['  - three', '  - four']);
    expect(out.replace('  - three\n  - four\n', '')).toBe(index);
  });
});
