/**
 * `npm run add-photos`: photographs whose IPTC/XMP the tests write
 * themselves (helpers/tagged-photos.ts), added to copies of the small
 * fixture. What each `.mdx` should say is taken from those tags, never
 * from the code under test.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPhotos, AddPhotosError, closeExifTool } from '../../scripts/editor/add-photos.ts';
import { checkContent } from '../../src/lib/content-check.ts';
import { readMdx } from '../../src/lib/frontmatter.ts';
import { mdxText } from '../../src/lib/text.ts';
import { $$, rawText } from '../helpers/html.ts';
import { ENV, fixtureContent, fixtureProject, type ContentProject } from '../helpers/project.ts';
import { endExifTool, photoBytes, taggedPhoto } from '../helpers/tagged-photos.ts';

const inbox = fs.mkdtempSync(path.join(os.tmpdir(), 'kfs-inbox-'));
const at = (name: string) => path.join(inbox, name);
const projects: ContentProject[] = [];
const project = () => {
  const p = fixtureContent('small');
  projects.push(p);
  return p;
};
const GALLERY = 'content/galleries/studio';

/** What the agency wrote into each file, and so what its `.mdx` must say. */
const PRIVATE = { email: 'ri.photographer@example.org', phone: '+850 2 381 4411', serial: 'SN-4711-0815', latitude: 39.0392 };
const TAGGED = {
  korean: {
    file: 'DSC_0001.jpg',
    title: '평양 영화 촬영소',
    caption: '평양의 조선예술영화촬영소에서 배우들이 장면을 기다린다. 🎬',
    alt: '한복을 입은 두 배우가 카메라 옆에 서 있다.',
    creator: 'Ri Chol-ho',
    location: 'Korean Film Studio, Pyongyang, North Korea',
  },
  cafe: {
    file: 'cafe.jpg',
    title: 'Café crème',
    caption:
      'Café «crème» à Zürich: {x} <b>bold</b> *not emphasis* _nor this_ # [no link](https://example.org) & co — 100%\n\nexport const note = "not code, a second paragraph";',
    alt: 'A cup of "café crème" & a folded newspaper on a marble table: #1 of 2.',
    creator: 'Jürgen Weiß',
    location: 'Zürich, Schweiz',
  },
  arabic: {
    file: 'arabic.jpg',
    title: 'سينما',
    caption: 'سينما في بيونغ يانغ، حيث يشاهد الجمهور الأفلام مجاناً 🎞️',
    alt: 'صف طويل من الناس أمام مدخل سينما.',
  },
} as const;

beforeAll(async () => {
  const k = TAGGED.korean;
  await taggedPhoto(at(k.file), 1, {
    'XMP-dc:Title': k.title,
    'XMP-dc:Description': k.caption,
    'XMP-iptcCore:AltTextAccessibility': k.alt,
    'XMP-dc:Creator': [k.creator],
    'XMP-iptcCore:Location': 'Korean Film Studio',
    'XMP-photoshop:City': 'Pyongyang',
    'XMP-photoshop:Country': 'North Korea',
    'XMP-iptcCore:CreatorWorkEmail': PRIVATE.email,
    'XMP-iptcCore:CreatorWorkTelephone': PRIVATE.phone,
    SerialNumber: PRIVATE.serial,
    GPSLatitude: PRIVATE.latitude,
    GPSLatitudeRef: 'N',
    GPSLongitude: 125.7625,
    GPSLongitudeRef: 'E',
  } as never);
  const c = TAGGED.cafe;
  // Old-style IPTC: Latin-1 and undeclared, as older agency software writes it.
  await taggedPhoto(
    at(c.file),
    2,
    {
      'IPTC:ObjectName': c.title,
      'IPTC:Caption-Abstract': c.caption,
      'IPTC:By-line': c.creator,
      'IPTC:City': 'Zürich',
      'IPTC:Country-PrimaryLocationName': 'Schweiz',
      'IPTC:Contact': PRIVATE.email,
      'XMP-iptcCore:AltTextAccessibility': c.alt,
    } as never,
    'Latin1',
  );
  const a = TAGGED.arabic;
  await taggedPhoto(
    at(a.file),
    3,
    { 'IPTC:Headline': a.title, 'IPTC:Caption-Abstract': a.caption, 'XMP-iptcCore:AltTextAccessibility': a.alt } as never,
    'UTF8',
  );
  fs.writeFileSync(at('plain.png'), await photoBytes(4, 300, 200, 'png'));
  fs.writeFileSync(at('scan.tiff'), await photoBytes(5, 300, 200, 'tiff'));
  fs.writeFileSync(at('notes.jpg'), 'not a photograph\n');
  fs.copyFileSync(at(c.file), at('cafe-again.jpg'));
  // A photo whose title is the name of a photo the fixture has.
  await taggedPhoto(at('clash.jpg'), 6, {
    'XMP-dc:Title': 'First light',
    'XMP-dc:Description': 'Another first light.',
    'XMP-iptcCore:AltTextAccessibility': 'Sun on a studio wall.',
  } as never);
}, 120_000);

afterAll(async () => {
  for (const p of projects) p.remove();
  fs.rmSync(inbox, { recursive: true, force: true });
  await endExifTool();
  await closeExifTool();
});

/** Every file under `dir` with a hash of its bytes: what a run changed, to the byte. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .globSync('content/**/*', { cwd: dir })
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
}

const ORDER = [TAGGED.korean.file, TAGGED.cafe.file, 'scan.tiff', TAGGED.arabic.file, 'notes.jpg', 'plain.png', 'cafe-again.jpg', 'clash.jpg'];

describe('adding photographs to a gallery', () => {
  let p: ContentProject;
  let before: Record<string, string>;
  let outcome: Awaited<ReturnType<typeof addPhotos>>;
  const indexBefore = () => readMdx(path.join(p.dir, GALLERY, 'index.mdx'));
  let listBefore: string[];
  let indexSource: string;
  beforeAll(async () => {
    p = project();
    before = tree(p.dir);
    listBefore = indexBefore().data?.['photos'] as string[];
    indexSource = fs.readFileSync(p.at(GALLERY, 'index.mdx'), 'utf8');
    outcome = await addPhotos({ root: p.dir, inputs: ORDER.map(at), gallery: 'studio' });
  }, 120_000);

  const added = (file: string) => outcome.added.find((a) => a.input.endsWith(file));
  const mdxOf = (file: string) => readMdx(p.at(added(file)!.mdx));

  it('adds every readable photo, once, at the end of the list in the order given', () => {
    const expected = [TAGGED.korean.file, TAGGED.cafe.file, TAGGED.arabic.file, 'plain.png', 'clash.jpg'];
    expect(outcome.added.map((a) => path.basename(a.input))).toEqual(expected);
    const list = readMdx(p.at(GALLERY, 'index.mdx')).data?.['photos'];
    expect(list).toEqual([...listBefore, ...outcome.added.map((a) => a.id)]);
    // Each name is a valid, readable slug of the title or file name, and each image sits next to its .mdx.
    for (const a of outcome.added) {
      expect(a.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      const image = String(readMdx(p.at(a.mdx)).data?.['image']);
      expect(fs.existsSync(path.join(path.dirname(p.at(a.mdx)), image))).toBe(true);
    }
    expect(added(TAGGED.cafe.file)?.id).toBe('cafe-creme');
    expect(added('plain.png')?.id).toBe('plain');
  });

  it('fills image, alt, credit, location and caption from the file, in any script and character set', () => {
    for (const tagged of [TAGGED.korean, TAGGED.cafe, TAGGED.arabic]) {
      const { data, body, problems } = mdxOf(tagged.file);
      expect(problems).toEqual([]);
      expect(data?.['alt']).toBe(tagged.alt);
      if ('location' in tagged) expect(data?.['location']).toBe(tagged.location);
      if ('creator' in tagged) expect(data?.['credit']).toBe(tagged.creator);
      // The caption reads back as typed: braces, angle brackets, asterisks and underscores are text, not code or markup.
      expect(mdxText(body)).toBe(tagged.caption.replace(/\s+/g, ' '));
    }
  });

  it('leaves what a file does not say for the editor, and the build refuses it with its usual line', async () => {
    expect(added('plain.png')?.missing).toEqual(['alt', 'caption']);
    const report = await checkContent(p.dir);
    const mdx = added('plain.png')!.mdx;
    expect(report.errors.filter((e) => !e.startsWith(`${mdx}:`))).toEqual([]);
    expect(report.errors).toContainEqual(expect.stringMatching(new RegExp(`^${mdx}: field "alt" must not be empty`)));
    // Never the file name, never the caption.
    expect(mdxOf('plain.png').data?.['alt']).toBe('');
    // With an alt text written, the caption is what is left.
    p.edit(mdx, (s) => s.replace(/^alt: .*$/m, 'alt: Two film cans on a shelf'));
    expect((await checkContent(p.dir)).errors).toEqual([`${mdx}: the caption (the text below the frontmatter) is empty`]);
    p.edit(mdx, (s) => s.replace(/^alt: .*$/m, 'alt: ""'));
  });

  it('names each file it cannot add in one line, and skips a photo it already has', () => {
    expect(outcome.failed.map((f) => path.basename(f.input))).toEqual(['scan.tiff', 'notes.jpg']);
    for (const f of outcome.failed) expect(f.reason).not.toContain('\n');
    expect(outcome.failed[0]?.reason).toMatch(/TIFF is not a supported format/);
    expect(outcome.skipped).toEqual([{ input: expect.stringContaining('cafe-again.jpg'), reason: expect.stringContaining(TAGGED.cafe.file) }]);
  });

  it('never overwrites an editor’s file: a name in use gets a number', () => {
    expect(added('clash.jpg')?.id).toBe('first-light-2');
    for (const [file, hash] of Object.entries(before)) if (!file.endsWith('/index.mdx')) expect(tree(p.dir)[file], file).toBe(hash);
    // The index keeps everything the editor wrote: only list entries are added.
    const now = fs.readFileSync(p.at(GALLERY, 'index.mdx'), 'utf8').split('\n');
    const was = indexSource.split('\n');
    expect(now.filter((line) => !was.includes(line)).every((line) => /^\s*- [a-z0-9-]+$/.test(line))).toBe(true);
    expect(was.every((line) => now.includes(line))).toBe(true);
  });

  it('writes no GPS position, camera serial number or contact detail, into the .mdx or the copied image', async () => {
    for (const a of outcome.added) {
      const source = fs.readFileSync(p.at(a.mdx), 'utf8');
      for (const secret of [PRIVATE.email, PRIVATE.phone, PRIVATE.serial, String(PRIVATE.latitude)]) expect(source).not.toContain(secret);
      const image = path.join(path.dirname(p.at(a.mdx)), String(readMdx(p.at(a.mdx)).data?.['image']));
      const bytes = fs.readFileSync(image);
      for (const secret of [PRIVATE.email, PRIVATE.phone, PRIVATE.serial]) expect(bytes.includes(secret)).toBe(false);
      const meta = ((await exifr.parse(bytes, true)) ?? {}) as Record<string, unknown>;
      expect(meta['latitude']).toBeUndefined();
      expect(meta['GPSLatitude']).toBeUndefined();
      expect(meta['SerialNumber']).toBeUndefined();
    }
    // What says whose the photograph is stays in the file.
    const korean = fs.readFileSync(path.join(p.at(GALLERY, 'photos'), `${added(TAGGED.korean.file)!.id}.jpg`));
    expect(((await exifr.parse(korean, { xmp: true })) as Record<string, unknown>)['creator']).toBe(TAGGED.korean.creator);
  });

  it('run again, adds nothing and changes nothing', async () => {
    const after = tree(p.dir);
    const again = await addPhotos({ root: p.dir, inputs: ORDER.map(at), gallery: 'studio' });
    expect(again.added).toEqual([]);
    expect(again.skipped.map((s) => path.basename(s.input))).toEqual(
      outcome.added
        .map((a) => path.basename(a.input))
        .concat('cafe-again.jpg')
        .sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y)),
    );
    expect(tree(p.dir)).toEqual(after);
  });
});

describe('when something goes wrong', () => {
  it('writes nothing when the gallery’s list cannot take the photos: no image or .mdx left behind', async () => {
    const p = project();
    p.edit(`${GALLERY}/index.mdx`, (s) => s.replace(/^photos:\n(\s+- .*\n)+/m, 'photos: first-light\n'));
    const before = tree(p.dir);
    await expect(addPhotos({ root: p.dir, inputs: [at(TAGGED.korean.file)], gallery: 'studio' })).rejects.toThrow(
      `${GALLERY}/index.mdx: field "photos" is not a list`,
    );
    expect(tree(p.dir)).toEqual(before);
  });

  it('refuses an unknown gallery, naming the ones there are and how to start one', async () => {
    const p = project();
    const err = await addPhotos({ root: p.dir, inputs: [at(TAGGED.korean.file)], gallery: 'nowhere' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AddPhotosError);
    expect((err as Error).message).toMatch(/no gallery "nowhere".*studio.*--title/);
  });
});

describe('a new gallery from the command line, built', () => {
  const site = fixtureProject('small');
  afterAll(() => site.remove());
  let run: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    run = spawnSync(
      process.execPath,
      [
        'scripts/add-photos.ts',
        at(TAGGED.korean.file),
        at(TAGGED.cafe.file),
        at(TAGGED.arabic.file),
        at('notes.jpg'),
        '--gallery',
        'agency-day',
        '--title',
        'A day at the agency',
      ],
      {
        cwd: site.dir,
        env: ENV,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
  }, 150_000);

  it('prints a line per photo, a line per file it could not add, and exits 1 for that file', () => {
    const out = String(run.stdout);
    expect(out.split('\n').filter((l) => l.startsWith('added '))).toHaveLength(3);
    expect(String(run.stderr).trim().split('\n')).toEqual([expect.stringMatching(/^not added .*notes\.jpg: the file is not an image/)]);
    expect(run.status).toBe(1);
  });

  it('starts a gallery the build accepts, and publishes each caption as typed', () => {
    const index = readMdx(site.at('content/galleries/agency-day/index.mdx'));
    expect(index.problems).toEqual([]);
    expect(index.data?.['title']).toBe('A day at the agency');
    const built = site.build();
    expect(built.status, built.output).toBe(0);
    for (const tagged of [TAGGED.korean, TAGGED.cafe, TAGGED.arabic]) {
      const id = (index.data?.['photos'] as string[]).find(
        (id) => readMdx(site.at('content/galleries/agency-day/photos', `${id}.mdx`)).data?.['alt'] === tagged.alt,
      );
      expect(id, tagged.file).toBeDefined();
      const html = fs.readFileSync(site.at('dist/agency-day', id!, 'index.html'), 'utf8');
      const captions = $$(html, 'figcaption').map((f) => rawText(f).replace(/\s+/g, ' '));
      expect(
        captions.some((c) => c.includes(tagged.caption.replace(/\s+/g, ' '))),
        captions.join('\n'),
      ).toBe(true);
    }
  });
});
