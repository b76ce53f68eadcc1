/**
 * Bad content stops the build before anything is encoded, with one line per
 * problem that names the file and the field, and leaves the published site
 * as it was. Each case is the small fixture (tests/fixtures/small) with one
 * thing wrong, checked by the content check itself in this process (what
 * `npm run build` and the dev server run first); a few whole builds prove
 * the wiring: the same lines printed, dist/ kept, and where the message
 * suggests a fix, the fix applied and the build passing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content-check.ts';
import { SCHEMAS } from '../../src/schemas.ts';
import { $, attr, textOf } from '../helpers/html.ts';
import { fixtureContent, fixtureProject, PHOTOS, type ContentProject, type Project } from '../helpers/project.ts';

const PHOTO = 'content/galleries/studio/photos/first-light.mdx';
const IMAGE = 'content/galleries/studio/photos/camera-metadata.jpg';
const INDEX = 'content/galleries/studio/index.mdx';
const ESSAY = 'content/essays/a-short-essay.mdx';
const place = (line: string) => (p: ContentProject) => p.edit(ESSAY, (s) => s.replace('\n## First heading', `\n${line}\n\n## First heading`));
const projects: ContentProject[] = [];
afterAll(() => projects.forEach((p) => p.remove()));

/** The fixture with a published site in dist/ that a failed build must not touch. */
async function broken(change: (p: Project) => void | Promise<void>): Promise<Project> {
  const p = fixtureProject('small');
  projects.push(p);
  fs.mkdirSync(p.at('dist'));
  fs.writeFileSync(p.at('dist/index.html'), 'published');
  await change(p);
  return p;
}

/** Builds, and returns the lines that name content files: each problem's one line. */
function fails(p: Project): string[] {
  const r = p.build();
  expect(r.status, r.output).not.toBe(0);
  expect(r.output).toContain('The build failed; dist/ was left as it was.');
  expect(fs.readFileSync(p.at('dist/index.html'), 'utf8')).toBe('published');
  expect(fs.readdirSync(p.dir).filter((f) => f.startsWith('.dist-'))).toEqual([]);
  // No stack trace without --verbose.
  expect(r.output).not.toMatch(/^\s+at /m);
  return r.lines.filter((l) => l.startsWith('content/'));
}

const replaceLine = (field: string, value: string) => (s: string) => s.replace(new RegExp(`^${field}:.*$`, 'm'), `${field}: ${value}`);

const cases: [string, (p: ContentProject) => void | Promise<void>, RegExp][] = [
  ['a missing alt', (p) => p.edit(PHOTO, (s) => s.replace(/^alt:.*\n/m, '')), /^content\/galleries\/studio\/photos\/first-light\.mdx: field "alt" is required: /],
  ['an empty alt', (p) => p.edit(PHOTO, replaceLine('alt', '"  "')), /first-light\.mdx: field "alt" must not be empty/],
  ['an alt that says nothing', (p) => p.edit(PHOTO, replaceLine('alt', 'Photo of a bird')), /first-light\.mdx: field "alt" starts with words screen readers already say \("image"\): describe what can be seen/],
  ['an alt that is a file name', (p) => p.edit(PHOTO, replaceLine('alt', 'IMG_0042.jpg')), /first-light\.mdx: field "alt" is a file name/],
  ['an alt equal to the caption', (p) => p.edit(PHOTO, replaceLine('alt', '"A nuthatch on a tree trunk, photographed with a camera that recorded where and when."')), /first-light\.mdx: field "alt" repeats the caption/],
  ['a misspelt field', (p) => p.edit(PHOTO, (s) => s.replace('location:', 'loaction:')), new RegExp(`first-light\\.mdx: field "loaction" is not a field of this file \\(misspelt\\?\\); its fields are ${Object.keys(SCHEMAS.photos.shape).join(', ')}$`)],
  ['invalid YAML', (p) => p.edit(PHOTO, replaceLine('location', '[A test garden')), /first-light\.mdx: line \d+: the frontmatter is not valid YAML/],
  ['malformed MDX', (p) => p.edit(PHOTO, (s) => `${s}\n<figure>unclosed {\n`), /first-light\.mdx: line 9: the text is not valid MDX: /],
  ['a missing image file', (p) => fs.rmSync(p.at(IMAGE)), /first-light\.mdx: field "image" \(\.\/camera-metadata\.jpg\): the file does not exist/],
  ['a zero-byte image', (p) => fs.writeFileSync(p.at(IMAGE), ''), /first-light\.mdx: field "image" \(\.\/camera-metadata\.jpg\): the file is empty \(0 bytes\)/],
  ['a truncated JPEG', (p) => fs.writeFileSync(p.at(IMAGE), fs.readFileSync(`${PHOTOS}/camera-metadata.jpg`).subarray(0, 30_000)), /first-light\.mdx: field "image" \(\.\/camera-metadata\.jpg\): the JPEG file is damaged or incomplete/],
  ['random bytes', (p) => fs.writeFileSync(p.at(IMAGE), crypto.randomBytes(5000)), /first-light\.mdx: field "image" \(\.\/camera-metadata\.jpg\): the file is not an image that can be read .*Supported: JPEG, PNG, WebP, AVIF, GIF/],
  [
    'a TIFF',
    async (p) => {
      await sharp(`${PHOTOS}/camera-metadata.jpg`).tiff().toFile(p.at('content/galleries/studio/photos/bird.tiff'));
      p.edit(PHOTO, replaceLine('image', './bird.tiff'));
    },
    /first-light\.mdx: field "image" \(\.\/bird\.tiff\): TIFF is not a supported format \(supported: JPEG, PNG, WebP, AVIF, GIF\)/,
  ],
  [
    'an SVG',
    (p) => {
      fs.writeFileSync(p.at('content/galleries/studio/photos/drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"/>');
      p.edit(PHOTO, replaceLine('image', './drawing.svg'));
    },
    /first-light\.mdx: field "image" \(\.\/drawing\.svg\): SVG is not a supported format \(supported: JPEG, PNG, WebP, AVIF, GIF\)/,
  ],
  [
    'a photo too tall for WebP and AVIF',
    async (p) => {
      await sharp({ create: { width: 600, height: 20_000, channels: 3, background: '#556' } }).jpeg().toFile(p.at(IMAGE));
    },
    /first-light\.mdx: field "image" \(\.\/camera-metadata\.jpg\): its AVIF copy 480 px wide would be 480x16000 px|its (AVIF|WEBP) copy \d+ px wide would be \d+x\d+ px, over that format's limit of 1638[34] px a side/,
  ],
  ['a photo no gallery lists', (p) => fs.copyFileSync(p.at(PHOTO), p.at('content/galleries/studio/photos/unlisted.mdx')), /unlisted\.mdx: this photo is not in the "photos" list of content\/galleries\/studio\/index\.mdx/],
  ['a listed photo with no file', (p) => p.edit(INDEX, (s) => s.replace('  - upright\n', '  - upright\n  - no-such-photo\n')), /index\.mdx: field "photos" lists "no-such-photo", but there is no/],
  ['a photo listed twice', (p) => p.edit(INDEX, (s) => s.replace('  - upright\n', '  - upright\n  - upright\n')), /index\.mdx: field "photos\.2" lists "upright" twice/],
  ['a component in a caption', (p) => p.edit(PHOTO, (s) => `${s}\n<Gallery />\n`), /first-light\.mdx: line 9: <Gallery> is a component, which this text cannot use/],
  ['a <Photo> in a caption', (p) => p.edit(PHOTO, (s) => `${s}\n<Photo id="studio/upright" />\n`), /first-light\.mdx: line 9: <Photo> is a component, which this text cannot use/],
  ['a cover that is not in the gallery', (p) => p.edit(INDEX, (s) => s.replace('photos:', 'cover: elsewhere\nphotos:')), /index\.mdx: field "cover" names "elsewhere", which is not in the "photos" list/],
  ['a <Photo> that names no photo', place('<Photo id="studio/no-such-photo" />'), /a-short-essay\.mdx: line 9: <Photo id="studio\/no-such-photo"> names no photo of any gallery/],
  ['a <Photo> of an unknown size', place('<Photo id="studio/upright" size="huge" />'), /a-short-essay\.mdx: line 9: <Photo>: size must be one of column, wide, full/],
  ['a <Photo> inside a paragraph', place('Just as <Photo id="studio/upright" /> shows.'), /a-short-essay\.mdx: line 9: <Photo>: must stand on a line of its own/],
  ['a <Photo> with an attribute it does not take', place('<Photo id="studio/upright" caption="Other words" />'), /a-short-essay\.mdx: line 9: <Photo>: has no attribute "caption"/],
  ['a <Photo> of the lead again', place('<Photo id="studio/first-light" />'), /a-short-essay\.mdx: line 9: <Photo id="studio\/first-light"> shows a photo the article already shows \(its "lead", at the top\)/],
  ['a photo file name that is no address', (p) => fs.renameSync(p.at(PHOTO), p.at('content/galleries/studio/photos/First Light.mdx')), /First Light\.mdx: the file name is the photo's address/],
];

describe('content errors', () => {
  it('code in a caption: the line and the fix, which works when followed', async () => {
    const code = await broken((p) => p.edit(PHOTO, (s) => s.replace('where and when.', 'where and when {year}.')));
    expect(fails(code)).toEqual(['content/galleries/studio/photos/first-light.mdx: line 7: {year} is code, not text; to show braces, write \\{ and \\}']);
  });

  // One build with both mistakes, one with both fixes: each message's fix, followed, publishes the text as typed.
  it('a brace MDX cannot read, and a value YAML would cut at " #": the line, the field, and fixes that work when followed', async () => {
    const p = await broken((p) => p.edit(PHOTO, (s) => replaceLine('alt', 'Bird #1 and bird #2 on the bark')(s).replace('where and when.', 'where and when {in 2019}.')));
    const lines = fails(p);
    expect(lines).toContain('content/galleries/studio/photos/first-light.mdx: line 7: the text is not valid MDX: Could not parse expression with acorn; to show braces, write \\{ and \\}');
    const cut = lines.find((l) => l.includes('YAML reads everything after'));
    expect(cut).toMatch(/^content\/galleries\/studio\/photos\/first-light\.mdx: line 3: field "alt": YAML reads everything after " #" as a comment, so the value would be published as "Bird"/);
    const fix = cut?.match(/quote it: (.*) — or/)?.[1] ?? '';
    p.edit(PHOTO, (s) => replaceLine('alt', fix.replace(/^alt: /, ''))(s).replace('{in 2019}', '\\{in 2019\\}'));
    const r = p.build();
    expect(r.status, r.output).toBe(0);
    const page = fs.readFileSync(p.at('dist/studio/first-light/index.html'), 'utf8');
    expect(textOf($(page, 'figcaption') ?? '')).toContain('where and when {in 2019}.');
    expect(attr($(page, 'main img'), 'alt')).toBe('Bird #1 and bird #2 on the bark');
  });

  it('a copy of a source photo in public/: the last check refuses to publish it', async () => {
    const p = await broken((p) => fs.copyFileSync(p.at(IMAGE), p.at('public/photo.jpg')));
    const r = p.build();
    expect(r.status).not.toBe(0);
    expect(r.lines).toContain('.dist-staging-' + r.output.match(/\.dist-staging-(\d+)/)?.[1] + '/photo.jpg: a byte-for-byte copy of content/galleries/studio/photos/camera-metadata.jpg; originals are never published');
    expect(r.output).toMatch(/photo\.jpg: carries EXIF, XMP, IPTC, a comment \(COM\); published images must carry no metadata/);
    expect(fs.readFileSync(p.at('dist/index.html'), 'utf8')).toBe('published');
  });

  it.each(cases)('%s: one line naming the file and field', async (_name, change, message) => {
    const p = fixtureContent('small');
    projects.push(p);
    await change(p);
    const { errors } = await checkContent(p.dir);
    expect(errors.some((l) => message.test(l)), errors.join('\n')).toBe(true);
    // One line each, starting with the file.
    for (const line of errors) expect(line, line).toMatch(/^content\/[^\n]+$/);
  });

  it('the build prints the same lines as the check, before anything is encoded, and keeps dist/', async () => {
    const [, change, message] = cases.find(([name]) => name === 'a truncated JPEG') ?? [];
    if (!change || !message) throw new Error('no such case');
    const p = await broken(change);
    const lines = fails(p);
    // The same lines; what libvips says of the damage, in brackets, may be worded otherwise in another process.
    const cause = (l: string) => l.replace(/\([^()]*\)(?=: save)/, '(…)');
    expect(lines.map(cause)).toEqual((await checkContent(p.dir)).errors.map(cause));
    expect(lines.some((l) => message.test(l))).toBe(true);
    expect(fs.existsSync(p.at('node_modules/.astro/photos'))).toBe(false);
  });

});
