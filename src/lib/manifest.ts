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
import type { Placement } from './text.ts';
import type { Variant } from './variants.ts';

export interface Manifest {
  /** Problems that stop the build, one line each: `file: field "x": …`. */
  errors: string[];
  /** Worth an editor's look, but publishable. */
  warnings: string[];
  /** Each photo MDX file (relative to the project) with a readable image: its file, facts and variants. */
  images: Record<string, PhotoImage>;
  /** Each MDX file's body (relative to the project) as a reader reads it. */
  texts: Record<string, string>;
  /** Each essay (relative to the project) with the photos its text places with `<Photo>`, in order. */
  placements: Record<string, Placement[]>;
  /** Image files still generated placeholders, relative to the project. */
  placeholders: string[];
  /** How many photos the galleries have. */
  photos: number;
}

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

/** Writes the manifest under a temporary name and renames it: a reader never sees half of it. */
export function writeManifest(file: string, manifest: Manifest): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(manifest));
  fs.renameSync(partial, file);
}

export function readManifest(file: string): Manifest {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}
