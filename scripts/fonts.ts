/**
 * `npm run fonts`: cuts each variable font of src/lib/fonts.ts from its npm
 * package to the Latin subset and the weights the styles use, with
 * HarfBuzz's hb-subset (the `subset-font` package), into src/fonts/, with
 * the package's licence beside it. Run it after updating a font package or
 * using a new weight; a unit test fails while the files differ from what it
 * makes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { charactersOf, FONTS, LATIN, servedFont, WEIGHTS } from '../src/lib/fonts.ts';

/** The cut of one font, as bytes. */
export async function cutFont(pkg: string, file: string, root = process.cwd()): Promise<Buffer> {
  const source = fs.readFileSync(path.join(root, 'node_modules', pkg, 'files', `${file}-latin-wght-normal.woff2`));
  return subsetFont(source, charactersOf(LATIN), { targetFormat: 'woff2', variationAxes: { wght: { min: WEIGHTS.min, max: WEIGHTS.max } } });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { pkg, file } of FONTS) {
    const target = servedFont(file);
    const bytes = await cutFont(pkg, file);
    fs.writeFileSync(target, bytes);
    fs.copyFileSync(path.join('node_modules', pkg, 'LICENSE'), `src/fonts/${file}.LICENSE.txt`);
    console.log(`${target}: ${bytes.length} bytes (from ${fs.statSync(path.join('node_modules', pkg, 'files', `${file}-latin-wght-normal.woff2`)).size})`);
  }
}
