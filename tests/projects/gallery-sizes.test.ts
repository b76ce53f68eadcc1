/**
 * Galleries of other sizes than today's: the small fixture's three photos,
 * and the same gallery grown to forty. Every photo gets its figure, number,
 * page and place in the previous/next chain; the counts on the pages follow.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedContent } from '../helpers/content.ts';
import { page, pagePaths, textOf } from '../helpers/dist.ts';
import { $, $$, attr } from '../helpers/html.ts';
import { fixtureProject, type Project } from '../helpers/project.ts';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.remove()));

async function grown(count: number): Promise<Project> {
  const p = fixtureProject('small');
  projects.push(p);
  if (count > 3) {
    const slugs: string[] = [];
    for (let i = 1; i <= count - 3; i++) {
      const slug = `extra-${String(i).padStart(2, '0')}`;
      slugs.push(slug);
      // Each its own small image, so each is encoded.
      await sharp({ create: { width: 480, height: 320, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 } } })
        .jpeg()
        .toFile(p.at('content/galleries/studio/photos', `${slug}.jpg`));
      fs.writeFileSync(p.at('content/galleries/studio/photos', `${slug}.mdx`), `---\nimage: ./${slug}.jpg\nalt: A plain field of one colour, number ${i}.\n---\n\nExtra photograph number ${i}.\n`);
    }
    p.edit('content/galleries/studio/index.mdx', (s) => s.replace('  - waiting-room\n', `  - waiting-room\n${slugs.map((s) => `  - ${s}\n`).join('')}`));
  }
  return p;
}

describe.each([3, 40])('a gallery of %i photographs', (count) => {
  it('builds every photo into the gallery, its own page and the previous/next chain', async () => {
    const p = await grown(count);
    const r = p.build();
    expect(r.status, r.output).toBe(0);
    const dist = p.at('dist');
    const { galleries } = await expectedContent(p.dir);
    const photos = galleries[0]?.photos ?? [];
    expect(photos).toHaveLength(count);

    expect(pagePaths(dist)).toHaveLength(count + 4); // home, gallery, essay, 404
    const html = page('studio', dist);
    const ids = $$(html, '.sequence figure[id]').map((f) => attr(f, 'id'));
    expect(ids).toEqual(photos.map((ph) => ph.slug));
    const placeholders = photos.filter((ph) => ph.placeholder).length;
    expect(textOf(html)).toContain(`${placeholders} of the ${count} photographs are not in this copy of the site`);

    let at: string | undefined = `studio/${photos[0]?.slug}`;
    const seen: string[] = [];
    while (at) {
      const photoPage = page(at, dist);
      seen.push(at);
      expect(textOf($(photoPage, 'h1') ?? '')).toBe(`Photo ${seen.length} of ${count}`);
      at = attr($(photoPage, 'a[rel="next"]'), 'href')?.replace(/^\/|\/$/g, '');
    }
    expect(seen).toEqual(photos.map((ph) => `studio/${ph.slug}`));
  });
});
