/**
 * The pieces that keep bad input from being published, each on real files:
 * the frontmatter reader, the alt-text rule, image facts and formats, the
 * variant encoder and plan, the last check of a build, and how errors are printed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../scripts/build/errors.ts';
import { verifyDist } from '../../scripts/build/verify-dist.ts';
import { PLACEHOLDER_ADDRESS, siteAddress } from '../../src/lib/address.ts';
import { decodeOriginal, encodeVariant, VariantError } from '../../src/lib/encode.ts';
import { readMdx } from '../../src/lib/frontmatter.ts';
import { ImageFileError, readImageFacts } from '../../src/lib/image-file.ts';
import { BACKGROUND, cardSize, MAX_SIDE, variantSizes, WIDTHS } from '../../src/lib/image-settings.ts';
import { parsePart, partArguments, partsOf, planOf, PHOTOS_PER_PART, type Manifest } from '../../src/lib/manifest.ts';
import { cacheFolder, encodeJobs, jobsOfPart, pruneCache, sweepPartials } from '../../src/lib/photo-pipeline.ts';
import { variantsOf } from '../../src/lib/variants.ts';
import { photoSchema } from '../../src/schemas.ts';

const PHOTOS = 'tests/fixtures/photos';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kfs-unit-'));
const write = (dir: string, name: string, data: string | Buffer) => {
  fs.writeFileSync(path.join(dir, name), data);
  return path.join(dir, name);
};

describe('frontmatter', () => {
  it('refuses a value YAML would cut at " #", and the fix it suggests works', () => {
    const dir = tmp();
    const file = write(dir, 'a.mdx', '---\nimage: ./a.jpg\nalt: Actor #1 and actor #2 wait\n# a note of the editor, fine\n---\n\nCaption.\n');
    const { data, problems } = readMdx(file);
    expect(data?.['alt']).toBe('Actor');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^line 3: field "alt": YAML reads everything after " #" as a comment, so the value would be published as "Actor"\./);
    const fix = problems[0]?.match(/quote it: (.*) — or/)?.[1] ?? '';
    expect(fix).toBe('alt: "Actor #1 and actor #2 wait"');
    write(dir, 'a.mdx', fs.readFileSync(file, 'utf8').replace(/^alt: .*$/m, fix));
    expect(readMdx(file)).toMatchObject({ data: { alt: 'Actor #1 and actor #2 wait' }, problems: [] });
  });
  it('names the line of invalid YAML and a missing frontmatter', () => {
    const dir = tmp();
    expect(readMdx(write(dir, 'b.mdx', '---\ntitle: x\nphotos: [a\n---\nBody\n')).problems[0]).toMatch(/^line \d: the frontmatter is not valid YAML/);
    expect(readMdx(write(dir, 'c.mdx', 'Just a body.\n')).problems).toEqual([expect.stringMatching(/^line 1: no frontmatter/)]);
  });
});

describe('alt text', () => {
  const alt = (text: string) => photoSchema.safeParse({ image: './a.jpg', alt: text });
  it.each(['Photo', 'image.', 'A picture', 'IMG_0042.jpg', 'Picture of two actors waiting', 'An image showing a crowd', 'untitled'])('refuses "%s" with a hint', (text) => {
    const r = alt(text);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/describe what can be seen, such as "/);
  });
  it.each(['Two actors in uniform wait beside a film camera', 'Photographers crowd a red carpet', 'A picture house on a rainy street'])('accepts "%s"', (text) => {
    expect(alt(text).success).toBe(true);
  });
});

describe('image files', () => {
  it('reads the size as shown, after EXIF rotation, and the first frame of an animation', async () => {
    expect(await readImageFacts(`${PHOTOS}/rotated.jpg`)).toMatchObject({ width: 400, height: 600, placeholder: false });
    expect(await readImageFacts(`${PHOTOS}/animated.gif`)).toMatchObject({ format: 'gif', width: 320, height: 180, animated: true });
    expect(await readImageFacts(`${PHOTOS}/transparent.png`)).toMatchObject({ format: 'png', alpha: true });
    expect(await readImageFacts(`${PHOTOS}/placeholder.jpg`)).toMatchObject({ placeholder: true });
  });
  it('says what is wrong with a file that cannot be published, in one line that lists the supported formats', async () => {
    const dir = tmp();
    const tiff = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).tiff().toFile(path.join(dir, 'a.tif')).then(() => path.join(dir, 'a.tif'));
    const cases: [string, RegExp][] = [
      [write(dir, 'empty.jpg', ''), /^the file is empty \(0 bytes\)/],
      [write(dir, 'noise.jpg', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))), /^the file is not an image that can be read .* Supported: JPEG, PNG, WebP, AVIF, GIF$/],
      [tiff, /^TIFF is not a supported format \(supported: JPEG, PNG, WebP, AVIF, GIF\); save it as JPEG$/],
      [write(dir, 'a.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), /^SVG is not a supported format \(supported: JPEG, PNG, WebP, AVIF, GIF\)/],
      [write(dir, 'a.heic', Buffer.from('not really a heic')), /^HEIC\/HEIF is not a supported format/],
    ];
    for (const [file, message] of cases) {
      const error = await readImageFacts(file).catch((e: unknown) => e);
      expect(error, file).toBeInstanceOf(ImageFileError);
      expect((error as Error).message, file).toMatch(message);
      expect((error as Error).message, file).not.toContain('\n');
    }
  });
});

describe('sizes', () => {
  it('makes a card 1200x630, or the largest of that shape a smaller photo holds', () => {
    expect(cardSize(3000, 2000)).toEqual({ width: 1200, height: 630 });
    expect(cardSize(1000, 800)).toEqual({ width: 1000, height: 525 });
    expect(cardSize(2000, 300)).toEqual({ width: 571, height: 300 });
  });
  it('knows each encoder’s limit', () => {
    const tall = variantSizes(400, 20_000).filter((v) => Math.max(v.width, v.height) > MAX_SIDE[v.format]);
    expect(tall.map((v) => v.format)).toEqual(['avif', 'webp']);
  });
});

describe('the variant encoder', () => {
  it('fails, naming the file, format and width, rather than publish the original', async () => {
    const tall = await sharp({ create: { width: 100, height: 17_000, channels: 3, background: '#777' } }).jpeg().withExif({ IFD0: { Make: 'Private' } }).toBuffer();
    const error = await encodeVariant(await decodeOriginal(tall), { format: 'webp', width: 100, height: 17_000 }, 'x.mdx: field "image" (./tall.jpg)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VariantError);
    expect((error as Error).message).toBe('x.mdx: field "image" (./tall.jpg): its WEBP copy 100 px wide could not be made: Processed image is too large for the WebP format');
  });
  it('makes a still of an animation’s first frame, flattens transparency and drops every metadata block', async () => {
    const gif = await encodeVariant(await decodeOriginal(`${PHOTOS}/animated.gif`), { format: 'webp', width: 320, height: 180 });
    const m = await sharp(gif).metadata();
    expect([m.width, m.height, m.pages ?? 1]).toEqual([320, 180, 1]);
    const transparent = await decodeOriginal(`${PHOTOS}/transparent.png`);
    const png = await encodeVariant(transparent, { format: 'avif', width: transparent.raw.width, height: transparent.raw.height });
    const corner = await sharp(png).extract({ left: 5, top: 5, width: 1, height: 1 }).raw().toBuffer();
    expect((await sharp(png).metadata()).hasAlpha).toBe(false);
    expect(`#${[...corner].map((c) => c.toString(16).padStart(2, '0')).join('')}`).toBe(BACKGROUND);
    const camera = await decodeOriginal(`${PHOTOS}/camera-metadata.jpg`);
    const jpg = await encodeVariant(camera, { format: 'jpg', width: 800, height: Math.round((800 * camera.raw.height) / camera.raw.width) });
    const meta = await sharp(jpg).metadata();
    expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
    expect(Buffer.from(jpg).includes('PRIVATE')).toBe(false);
  });
  it('makes exactly the size asked for, as the page declares it, even a pixel off the photo’s proportions', async () => {
    // A 6028x3391 camera photo at 2400 px wide: Astro declares 1351 px tall, fitting inside would give 1350.
    const photo = await sharp({ create: { width: 6028, height: 3391, channels: 3, background: '#456' } }).jpeg().toBuffer();
    const out = await encodeVariant(await decodeOriginal(photo), { format: 'jpg', width: 2400, height: 1351 });
    const m = await sharp(out).metadata();
    expect([m.width, m.height]).toEqual([2400, 1351]);
  });
  it('refuses damaged pixel data', async () => {
    const cut = fs.readFileSync(`${PHOTOS}/camera-metadata.jpg`).subarray(0, 30_000);
    await expect(decodeOriginal(cut)).rejects.toThrow(VariantError);
  });
});

describe('the variant plan', () => {
  const source = { file: '/x/Couple at Airport.JPG', hash: 'a'.repeat(64), width: 4000, height: 3000, origin: 'x.mdx: field "image" (./a.jpg)' };
  it('makes each format’s ladder for <picture>, one JPEG for <img src>, the largest JPEG and the card, each under a name of its own', () => {
    const plan = variantsOf(source);
    expect(plan.filter((v) => v.role === 'ladder').map((v) => `${v.format} ${v.width}`)).toEqual(
      ['avif', 'webp'].flatMap((f) => WIDTHS.map((w) => `${f} ${w}`)),
    );
    expect(plan.filter((v) => v.format === 'jpg').map((v) => `${v.role} ${v.width}x${v.height}`)).toEqual(['fallback 1080x810', 'largest 2400x1800', 'card 1200x630']);
    expect(new Set(plan.map((v) => v.name)).size).toBe(plan.length);
    expect(plan[0]?.name).toMatch(/^couple-at-airport-480\.[0-9a-f]{12}\.avif$/);
  });
  it('names a variant by everything that decides its bytes: another file’s content renames them all', () => {
    const other = variantsOf({ ...source, hash: 'b'.repeat(64) });
    expect(other.filter((v, i) => v.name === variantsOf(source)[i]?.name)).toEqual([]);
  });
  it('has the small photo’s own width on top of its ladder, and one JPEG for both roles', () => {
    const plan = variantsOf({ ...source, width: 900, height: 600 });
    expect(plan.filter((v) => v.format === 'avif').map((v) => v.width)).toEqual([480, 800, 900]);
    expect(plan.filter((v) => v.format === 'jpg').map((v) => v.role)).toEqual(['fallback', 'card']);
  });
});

describe('the build’s encoder parts', () => {
  // Two parts' worth of photo files of many sizes, and one more entry that shows a file of them again.
  const files = Array.from({ length: PHOTOS_PER_PART * 2 }, (_, k) => ({ file: `/x/p${k}.jpg`, width: 600 + ((k * 37) % 3400), height: 900 }));
  const entry = ({ file, width, height }: (typeof files)[number]) => ({
    file,
    variants: variantsOf({ file, hash: createHash('sha256').update(file).digest('hex'), width, height, origin: `${file}: field "image"` }),
  });
  const images = Object.fromEntries([...files.map((f, k) => [`e${k}.mdx`, entry(f)]), ['again.mdx', entry(files[0]!)]]) as unknown as Manifest['images'];
  const plan = planOf({ images });
  const count = partsOf({ images });
  const parts = Array.from({ length: count }, (_, k) => jobsOfPart(plan, { index: k + 1, count }));
  const cost = (jobs: { variant: { width: number; height: number } }[]) => jobs.reduce((t, j) => t + j.variant.width * j.variant.height, 0);

  it('counts photo files, not entries', () => {
    expect(Object.keys(images)).toHaveLength(files.length + 1);
    expect(count).toBe(2);
    expect(partsOf({ images: {} })).toBe(1);
    expect(partArguments({ images })).toEqual(['--part=1/2', '--part=2/2']);
    // What the encoder reads back from them (scripts/build/encode.ts); anything else is no part.
    expect(partArguments({ images }).map((a) => parsePart(a.slice('--part='.length)))).toEqual([
      { index: 1, count: 2 },
      { index: 2, count: 2 },
    ]);
    for (const wrong of ['0/2', '3/2', '1/2/3', '1.5/2', '-1/2', '1/', 'a/b', '']) expect(parsePart(wrong), wrong).toBeUndefined();
  });
  it('gives every planned variant to exactly one part, and all of a photo’s variants to the same one', () => {
    const names = parts.flatMap((jobs) => jobs.map((j) => j.variant.name));
    expect(names.toSorted()).toEqual([...plan.keys()].toSorted());
    const partOf = new Map(parts.flatMap((jobs, k) => jobs.map((j) => [j.image.file, k] as const)));
    for (const [k, jobs] of parts.entries()) for (const j of jobs) expect(partOf.get(j.image.file)).toBe(k);
    for (const jobs of parts) expect(new Set(jobs.map((j) => j.image.file)).size).toBeLessThanOrEqual(PHOTOS_PER_PART);
  });
  it('shares the large photos out, so that the parts cost about the same', () => {
    const costs = parts.map(cost);
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
    for (const c of costs) expect(Math.abs(c - mean) / mean).toBeLessThan(0.05);
  });
});

describe('the encoder’s job loops', () => {
  it('encode every planned variant exactly once, into the cache, and tell of each', async () => {
    const dir = tmp();
    const entries = await Promise.all(
      [0, 1, 2, 3].map(async (k) => {
        const file = path.join(dir, `p${k}.jpg`);
        const [width, height] = [560 + k * 60, 420];
        await sharp({ create: { width, height, channels: 3, background: { r: 60 * k, g: 120, b: 90 } } })
          .jpeg()
          .toFile(file);
        const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
        return [`e${k}.mdx`, { file, variants: variantsOf({ file, hash, width, height, origin: `e${k}.mdx: field "image"` }) }];
      }),
    );
    const plan = planOf({ images: Object.fromEntries(entries) as Manifest['images'] });
    const told: string[] = [];
    const cache = cacheFolder(path.join(dir, 'cache'));
    await encodeJobs([...plan.values()], cache, { cores: 2, done: async (job) => void told.push(job.variant.name) });
    expect(told.toSorted()).toEqual([...plan.keys()].toSorted());
    expect(fs.readdirSync(cache).toSorted()).toEqual([...plan.keys()].toSorted());
  });
});

describe('the last check of a build', () => {
  it('finds a copied original, any metadata and a duplicated id', async () => {
    const src = tmp();
    const dist = tmp();
    fs.copyFileSync(`${PHOTOS}/camera-metadata.jpg`, path.join(src, 'photo.jpg'));
    fs.copyFileSync(`${PHOTOS}/camera-metadata.jpg`, path.join(dist, 'copy.jpg'));
    await sharp(`${PHOTOS}/tiny.jpg`).withExif({ IFD0: { Make: 'Cam' } }).toFile(path.join(dist, 'exif.webp'));
    await sharp(`${PHOTOS}/tiny.jpg`).jpeg().toFile(path.join(dist, 'clean.jpg'));
    write(dist, 'page.html', '<main id="main"><figure id="main"></figure><script>const s = \'id="main"\';</script></main>');
    const problems = (await verifyDist(dist, [src])).map((p) => p.replace(/^.*\//, ''));
    expect(problems).toEqual([
      expect.stringMatching(/^photo\.jpg; originals are never published$/),
      expect.stringMatching(/^copy\.jpg: carries EXIF, XMP, IPTC, a comment \(COM\); published images must carry no metadata$/),
      expect.stringMatching(/^exif\.webp: carries EXIF;/),
      expect.stringMatching(/^page\.html: the id "main" is used twice/),
    ]);
  });
});

describe('the site address', () => {
  it('takes origin and base path from SITE_URL, and refuses what is not a web address in one line', () => {
    expect(siteAddress(undefined)).toEqual({ site: PLACEHOLDER_ADDRESS, base: '/', placeholder: true });
    expect(siteAddress('https://example.org')).toEqual({ site: 'https://example.org', base: '/', placeholder: false });
    expect(siteAddress('https://user.github.io/repo')).toEqual({ site: 'https://user.github.io', base: '/repo/', placeholder: false });
    expect(siteAddress('https://user.github.io/a/b/')).toMatchObject({ base: '/a/b/' });
    for (const wrong of ['example.org', 'ftp://example.org', 'https://example.org/?x=1', 'not a url']) {
      expect(() => siteAddress(wrong), wrong).toThrow(new RegExp(`^SITE_URL is "${wrong.replace(/[.?/]/g, '\\$&')}", which is not a web address`));
    }
  });
});

describe('build output', () => {
  it('prints our errors one line each, found inside Astro’s wrappers, and the stack only when asked', () => {
    const ours = Object.assign(new Error('a.mdx: field "image" (./a.jpg): its AVIF copy 480 px wide could not be made: why'), { name: 'VariantError' });
    const wrapped = new AggregateError([new Error('Error generating image', { cause: ours })], '1 error occurred during asset generation');
    expect(describeError(wrapped, false).split('\n')).toEqual([ours.message, expect.stringMatching(/--verbose/)]);
    expect(describeError(wrapped, true)).toMatch(/\n\s+at /);
  });
});

describe('the image cache', () => {
  it('sweeps what a killed encoder left half-written, never what a running one is writing', async () => {
    const dir = tmp();
    const ended = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => ended.on('exit', resolve));
    write(dir, `a-480.000000000000.avif.${ended.pid}.partial`, 'half');
    write(dir, `b-480.000000000000.avif.${process.ppid}.partial`, 'being written');
    write(dir, 'c-480.000000000000.avif', 'whole');
    expect(sweepPartials(dir)).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([`b-480.000000000000.avif.${process.ppid}.partial`, 'c-480.000000000000.avif']);
  });

  it('prunes variants no page names, least recently used first, beyond its bound; never one a page names', () => {
    const dir = tmp();
    const at = (name: string, daysAgo: number, bytes: number) => {
      write(dir, name, 'x'.repeat(bytes));
      const t = new Date(Date.now() - daysAgo * 86_400_000);
      fs.utimesSync(path.join(dir, name), t, t);
    };
    at('named-480.000000000001.avif', 30, 500);
    at('old-480.000000000002.avif', 20, 100);
    at('older-480.000000000003.avif', 25, 100);
    at('recent-480.000000000004.avif', 1, 100);
    expect(pruneCache(dir, new Set(['named-480.000000000001.avif']), 250)).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['named-480.000000000001.avif', 'old-480.000000000002.avif', 'recent-480.000000000004.avif']);
  });
});
