/**
 * A small copy of the project in a temporary folder, for tests that build
 * it: the code and config copied, node_modules linked, and the gallery cut
 * down to two photos (the essay's lead among them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = process.cwd();
export const GALLERY_DIR = 'content/galleries/korean-film-studio';
export const SMALL_GALLERY = ['couple-at-airport', 'pyongyang-cinema'];

/** `copyImage(from, to)` writes each photo's image; by default a plain copy. */
export async function smallProject(
  prefix: string,
  copyImage: (from: string, to: string) => void | Promise<unknown> = (from, to) => fs.copyFileSync(from, to),
): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of ['src', 'scripts', 'public', 'astro.config.ts', 'tsconfig.json', 'package.json']) {
    fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(dir, GALLERY_DIR, 'photos'), { recursive: true });
  const index = fs
    .readFileSync(path.join(ROOT, GALLERY_DIR, 'index.mdx'), 'utf8')
    .replace(/photos:\n(  - .*\n)+/, `photos:\n${SMALL_GALLERY.map((p) => `  - ${p}\n`).join('')}`);
  fs.writeFileSync(path.join(dir, GALLERY_DIR, 'index.mdx'), index);
  for (const p of SMALL_GALLERY) {
    const photos = (f: string) => path.join(f, GALLERY_DIR, 'photos');
    fs.copyFileSync(path.join(photos(ROOT), `${p}.mdx`), path.join(photos(dir), `${p}.mdx`));
    await copyImage(path.join(photos(ROOT), `${p}.jpg`), path.join(photos(dir), `${p}.jpg`));
  }
  fs.cpSync(path.join(ROOT, 'content/essays'), path.join(dir, 'content/essays'), { recursive: true });
  return dir;
}
