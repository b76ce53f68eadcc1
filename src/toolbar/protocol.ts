/**
 * What the "Photo files" dev toolbar app (photo-files.ts) and the dev server
 * (integrations/content.ts, src/lib/photo-files.ts) say to each other,
 * through Astro's toolbar messages.
 */

/** The app's id in Astro's dev toolbar. */
export const APP_ID = 'kfs-photo-files';

/** The app asks: for each photo on the page, the names of the image files its markup names. */
export const REQUEST = 'kfs:photo-files:request';
/** The server answers, photo by photo, in the same order. */
export const ANSWER = 'kfs:photo-files:answer';

export interface PhotoFilesRequest {
  /** Numbers the app's requests, so that a late answer to an older one is ignored. */
  request: number;
  names: string[][];
}

/** One photo's file, as the server found it. */
export interface PhotoFile {
  /** The `.mdx` file, relative to the project. */
  file: string;
  /** The same, absolute, for the editor. */
  path: string;
  /** Its frontmatter as written. */
  fields: Record<string, unknown>;
  /** Its caption (the body) as written. */
  caption: string;
}

export interface PhotoFilesAnswer {
  request: number;
  /** Null for a photo none of whose image files the site knows. */
  photos: (PhotoFile | null)[];
}
