/**
 * Adds photographs to a gallery, with the captions, credits, places and alt
 * texts their files carry (docs/editing.md, "Add photos"):
 *
 *   npm run add-photos -- <files or folders> [--gallery <name>]
 *   npm run add-photos -- <files or folders> --gallery <new-name> --title "<headline>" [--photographer "<name>"] [--description "<sentence>"]
 *
 * Prints a line per photo, then what is left to write (an alt text the file
 * did not carry…) as the build will say it. Exits 1 when a file could not be
 * added (the others are in) or nothing could be done; 0 otherwise.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addPhotos, AddPhotosError, closeExifTool } from './editor/add-photos.ts';

const USAGE =
  'usage: npm run add-photos -- <files or folders> [--gallery <name>] [--title "<headline>"] [--photographer "<name>"] [--description "<sentence>"]';

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      gallery: { type: 'string' },
      title: { type: 'string' },
      photographer: { type: 'string' },
      description: { type: 'string' },
      root: { type: 'string', default: '.' },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = args;
if (positionals.length === 0) {
  console.error(`name the photographs to add: files or folders\n${USAGE}`);
  process.exit(2);
}

try {
  const outcome = await addPhotos(
    // npm runs scripts in the project's folder; paths are the editor's, from the folder they typed the command in.
    {
      root: values.root,
      inputs: positionals.map((p) => path.resolve(process.env['INIT_CWD'] ?? process.cwd(), p)),
      gallery: values.gallery,
      title: values.title,
      photographer: values.photographer,
      description: values.description,
    },
    (line) => console.log(`added    ${line}`),
  );
  for (const s of outcome.skipped) console.log(`skipped  ${s.input}: ${s.reason}`);
  for (const f of outcome.failed) console.error(`not added ${f.input}: ${f.reason}`);
  const where = path.join('content/galleries', outcome.gallery, 'index.mdx');
  if (outcome.added.length > 0) {
    console.log(`\n${outcome.added.length} photo(s) added to ${outcome.created ? 'the new gallery ' : ''}${where}, at the end of its "photos" list.`);
  } else {
    console.log('\nNo photo added.');
  }
  const todo = outcome.added.filter((a) => a.missing.length > 0);
  if (todo.length > 0) {
    console.log(`\nStill to write before the site builds (the files did not carry them):`);
    for (const a of todo) {
      for (const field of a.missing) {
        console.log(`  ${a.mdx}: ${field === 'alt' ? 'field "alt": describe what can be seen in the photograph' : 'the caption, below the frontmatter'}`);
      }
    }
  }
  if (outcome.created && values.description === undefined)
    console.log(`\nThe new gallery's description is its title for now: rewrite "description:" in ${where} as one sentence.`);
  process.exitCode = outcome.failed.length > 0 ? 1 : 0;
} catch (error) {
  console.error(error instanceof AddPhotosError ? error.message : `add-photos failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeExifTool();
}
