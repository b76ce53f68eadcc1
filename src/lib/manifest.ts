/**
 * The manifest: what the content check found (content-check.ts), as plain
 * JSON, computed once per build and once per change in the dev server. It is
 * the one source everything after the check reads:
 * - the pages, through the virtual module `virtual:kfs/manifest`
 *   (integrations/content.ts), in the build and the dev server alike;
 * - the integration's end-of-build report (placeholders, warnings);
 * - the encoder, a process of its own after Astro's (scripts/build/encode.ts),
 *   and the dev server's encoder, which both encode the variants planned here.
 * JSON so that it crosses processes: `npm run build` writes it to a file and
 * hands the file's path on (`KFS_MANIFEST`).
 */
import fs from 'node:fs';
import type { ContentReport, PhotoImage } from './content-check.ts';
import type { Variant } from './variants.ts';

/** The content check's report (content-check.ts) as JSON: the same fields, each Map a Record keyed by the same file. */
export type Manifest = { [K in keyof ContentReport]: ContentReport[K] extends Map<string, infer V> ? Record<string, V> : ContentReport[K] };

/** The report of the content check as the manifest. */
export function manifestOf(report: ContentReport): Manifest {
  return {
    errors: report.errors,
    warnings: report.warnings,
    images: Object.fromEntries(report.images),
    texts: Object.fromEntries(report.texts),
    placements: Object.fromEntries(report.placements),
    placeholders: report.placeholders,
    photos: report.photos,
  };
}

/** One variant to encode, with the photo it is made from. */
export interface Job {
  variant: Variant;
  image: PhotoImage;
}

/** Every variant the site publishes, once each (two photos may share a file), by name, in a stable order. */
export function planOf(manifest: Pick<Manifest, 'images'>): Map<string, Job> {
  const jobs = new Map<string, Job>();
  for (const [, image] of Object.entries(manifest.images).sort(([a], [b]) => a.localeCompare(b))) {
    for (const variant of image.variants) if (!jobs.has(variant.name)) jobs.set(variant.name, { variant, image });
  }
  return jobs;
}

/**
 * Photos per encoder process in a build. The build's encoder runs as one
 * fresh process per part of the photos (scripts/build/encode.ts, `--part`):
 * whatever its allocator keeps between encodes is given back when a part
 * ends, so the image phase's peak is a part's, however many photos the site
 * has. Each part costs a start and a short tail, about 3 s (docs/performance.md).
 */
export const PHOTOS_PER_PART = 100;

/** How many parts the build encodes the manifest's photos in: one per PHOTOS_PER_PART photo files, at least one. */
export function partsOf(manifest: Pick<Manifest, 'images'>): number {
  const files = new Set(Object.values(manifest.images).map((image) => image.file));
  return Math.max(1, Math.ceil(files.size / PHOTOS_PER_PART));
}

/** The encoder's argument for each part, in order: `--part=K/N` (scripts/build/encode.ts), one process each. */
export function partArguments(manifest: Pick<Manifest, 'images'>): string[] {
  const count = partsOf(manifest);
  return Array.from({ length: count }, (_, i) => `--part=${i + 1}/${count}`);
}

/** Part `index` (from 1) of `count` of the build's encode (`partsOf`). */
export interface Part {
  index: number;
  count: number;
}

/** The part a `--part=` value names (`K/N`, as partArguments writes it: whole numbers, 1 ≤ K ≤ N); undefined if it names none. */
export function parsePart(value: string): Part | undefined {
  const [index = NaN, count = NaN, ...rest] = value.split('/').map((n) => (/^\d+$/.test(n) ? Number(n) : NaN));
  return rest.length === 0 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** Writes the manifest under a temporary name and renames it: a reader never sees half of it. */
export function writeManifest(file: string, manifest: Manifest): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(manifest));
  fs.renameSync(partial, file);
}

export function readManifest(file: string): Manifest {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}
