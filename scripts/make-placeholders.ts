/**
 * Generates an honest placeholder for every photo whose image file is missing
 * or is itself a placeholder: a JPEG about 3000 px on its long side, in a
 * photo's proportions, that shows its number and label and says plainly that
 * it is not the photograph. A real photograph is never overwritten.
 *
 *   npm run placeholders                      every gallery
 *   npm run placeholders -- --portrait a,b    make photos a and b upright
 *
 * Text is drawn with the machine's own sans-serif font (fontconfig), so the
 * pixels can differ from machine to machine; the marker never does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { escapeUTF8 } from 'entities';
import sharp from 'sharp';
import { readMdx } from '../src/lib/frontmatter.ts';
import { readImageFacts } from '../src/lib/image-file.ts';
import { placeholderXmp } from '../src/lib/placeholder.ts';

const LONG_SIDE = 3000;
const SHORT_SIDE = 2000;

const { values } = parseArgs({ options: { portrait: { type: 'string', default: '' }, root: { type: 'string', default: 'content/galleries' } } });
const portrait = new Set(values.portrait.split(',').filter(Boolean));

function frontmatter(file: string): Record<string, unknown> {
  const { data, problems } = readMdx(file);
  if (!data || problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return data;
}


/** The placeholder's picture, as SVG: rendered by librsvg inside sharp. */
export function placeholderSvg(o: { width: number; height: number; number: number; total: number; label: string; credit: string }): string {
  const { width: w, height: h } = o;
  const u = Math.min(w, h) / 100; // one hundredth of the short side
  const holes = Array.from({ length: Math.floor(w / (6 * u)) }, (_, i) => {
    const x = (i + 0.5) * 6 * u;
    return `<rect x="${x}" y="${2 * u}" width="${3 * u}" height="${2.5 * u}" rx="${0.5 * u}"/><rect x="${x}" y="${h - 4.5 * u}" width="${3 * u}" height="${2.5 * u}" rx="${0.5 * u}"/>`;
  }).join('');
  const text = (y: number, size: number, weight: number, content: string, fill = '#e8e4dc') =>
    `<text x="${w / 2}" y="${y}" font-family="sans-serif" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle">${escapeUTF8(content)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3a3631"/><stop offset="1" stop-color="#1d1b19"/></linearGradient></defs>
  <rect width="${w}" height="${h}" fill="url(#g)"/>
  <rect x="0" y="0" width="${w}" height="${6.5 * u}" fill="#111"/><rect x="0" y="${h - 6.5 * u}" width="${w}" height="${6.5 * u}" fill="#111"/>
  <g fill="#3a3631">${holes}</g>
  <rect x="${8 * u}" y="${12 * u}" width="${w - 16 * u}" height="${h - 24 * u}" fill="none" stroke="#8a8276" stroke-width="${0.4 * u}" stroke-dasharray="${2 * u} ${1.5 * u}"/>
  ${text(h / 2 - 6 * u, 22 * u, 700, String(o.number).padStart(2, '0'))}
  ${text(h / 2 + 8 * u, 4.2 * u, 600, o.label)}
  ${text(h / 2 + 17 * u, 3 * u, 700, 'PLACEHOLDER', '#f2c14e')}
  ${text(h / 2 + 22 * u, 2.4 * u, 400, `Photo ${o.number} of ${o.total}: the photograph by ${o.credit} is not in this copy of the site.`)}
</svg>`;
}

/** "couple-at-airport" → "Couple at airport". */
const labelOf = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

async function main() {
  let written = 0;
  let kept = 0;
  for (const galleryDir of fs.readdirSync(values.root).map((d) => path.join(values.root, d))) {
    const indexFile = path.join(galleryDir, 'index.mdx');
    if (!fs.existsSync(indexFile)) continue;
    const gallery = frontmatter(indexFile);
    const ids = (gallery['photos'] ?? []) as string[];
    for (const [index, id] of ids.entries()) {
      const mdx = path.join(galleryDir, 'photos', `${id}.mdx`);
      if (!fs.existsSync(mdx)) throw new Error(`${indexFile}: photos lists "${id}" but ${mdx} does not exist`);
      const data = frontmatter(mdx);
      const image = data['image'];
      if (typeof image !== 'string') throw new Error(`${mdx}: field "image" is missing`);
      const file = path.resolve(path.dirname(mdx), image);
      let upright = portrait.has(id);
      if (fs.existsSync(file)) {
        const facts = await readImageFacts(file);
        if (!facts.placeholder) {
          kept++;
          continue; // a real photograph: never touched
        }
        const meta = await sharp(file).metadata();
        upright ||= meta.height > meta.width;
      }
      const [width, height] = upright ? [SHORT_SIDE, LONG_SIDE] : [LONG_SIDE, SHORT_SIDE];
      const credit = typeof data['credit'] === 'string' ? data['credit'] : String(gallery['photographer']);
      const svg = placeholderSvg({ width, height, number: index + 1, total: ids.length, label: labelOf(id), credit });
      await sharp(Buffer.from(svg))
        .jpeg({ quality: 80, mozjpeg: true })
        .withXmp(placeholderXmp(`Placeholder for photo ${index + 1} of ${ids.length} (${id}); not the photograph.`))
        .toFile(file);
      written++;
      console.log(`placeholder  ${path.relative(process.cwd(), file)}  ${width}x${height}`);
    }
  }
  console.log(`${written} placeholder(s) written, ${kept} real photograph(s) left untouched.`);
}

await main();
