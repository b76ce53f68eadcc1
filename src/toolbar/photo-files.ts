/**
 * "Photo files", an app of Astro's dev toolbar (`npm run dev` only; nothing
 * of it is built into dist/): for every photograph on the page (its own
 * page, the gallery, an article, the home page's cards), the `.mdx` file
 * that holds its caption, with its fields, and a button that opens the file
 * in the editor (Vite's `/__open-in-editor`, as Astro's own apps do).
 * Clicking a photo's outline opens its file too.
 *
 * Which file a photo comes from is asked of the dev server
 * (integrations/content.ts), by the names of the image variants the photo's
 * markup names: a variant's name belongs to exactly one photo's image, so the
 * answer is exact whatever the page, and the published markup carries
 * nothing for this app.
 */
import { defineToolbarApp } from 'astro/toolbar';
import { ANSWER, REQUEST, type PhotoFilesAnswer, type PhotoFilesRequest } from './protocol.ts';

/** A variant's file name in a URL of the page: `/_astro/<name>.<hash>.<avif|webp|jpg>`. */
const VARIANT = /\/([\w.-]+\.(?:avif|webp|jpe?g))(?=[\s,?#"']|$)/g;

/** The photos on the page: each innermost element marked `data-photo`. */
const photosOnPage = () => [...document.querySelectorAll<HTMLElement>('[data-photo]')].filter((el) => !el.querySelector('[data-photo]'));

/** Every variant file name in the attributes of `el` and what it holds (src, srcset, href, PhotoSwipe's data-*). */
function variantNames(el: Element): string[] {
  const names = new Set<string>();
  for (const node of [el, ...el.querySelectorAll('*')]) {
    for (const attr of node.attributes) for (const m of attr.value.matchAll(VARIANT)) names.add(m[1]!);
  }
  return [...names];
}

const openInEditor = (file: string) => fetch(`/__open-in-editor?file=${encodeURIComponent(file)}`);

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
};

const STYLE = `
  astro-dev-toolbar-window { max-height: min(70vh, 40rem); overflow: auto; }
  h1 { font-size: 1.1rem; margin: 0 0 .5rem; }
  ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
  li { border-top: 1px solid rgba(255, 255, 255, .15); padding-top: .75rem; }
  code { font-size: .85rem; overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .75rem; margin: .5rem 0; }
  dt { color: #bfc1c9; } dd { margin: 0; overflow-wrap: anywhere; }
  p { margin: .5rem 0; white-space: pre-wrap; }
  .row { display: flex; gap: .5rem; align-items: center; justify-content: space-between; }
  astro-dev-toolbar-highlight { cursor: pointer; }
`;

export default defineToolbarApp({
  init(canvas, app, server) {
    let request = 0;
    let photos: HTMLElement[] = [];
    let highlights: { highlight: HTMLElement; photo: HTMLElement }[] = [];
    canvas.append(element('style', { textContent: STYLE }));

    const place = () => {
      for (const { highlight, photo } of highlights) {
        const r = photo.getBoundingClientRect();
        Object.assign(highlight.style, {
          display: r.width === 0 || r.height === 0 ? 'none' : 'block',
          position: 'absolute',
          // Below the app's window (Astro's highlights otherwise sit above everything), so the window stays usable over a photo.
          zIndex: '999999998',
          top: `${r.top + window.scrollY}px`,
          left: `${r.left + window.scrollX}px`,
          width: `${r.width}px`,
          height: `${r.height}px`,
        });
      }
    };
    const clear = () => {
      for (const el of canvas.querySelectorAll('astro-dev-toolbar-window, astro-dev-toolbar-highlight')) el.remove();
      highlights = [];
      window.removeEventListener('resize', place);
    };

    const show = (answer: PhotoFilesAnswer) => {
      clear();
      const list = element('ol');
      const listed = new Set<string>();
      answer.photos.forEach((found, i) => {
        const photo = photos[i];
        if (!found || !photo) return;
        const highlight = document.createElement('astro-dev-toolbar-highlight');
        highlight.title = `${found.file}: click to open it in the editor`;
        highlight.addEventListener('click', () => void openInEditor(found.path));
        highlights.push({ highlight, photo });
        canvas.append(highlight);
        // A photo shown twice (the gallery's cover is also its first photo) is listed once.
        if (listed.has(found.file)) return;
        listed.add(found.file);
        const open = element('astro-dev-toolbar-button', { textContent: 'Open in editor' });
        open.setAttribute('size', 'small');
        open.setAttribute('button-style', 'purple');
        open.addEventListener('click', () => void openInEditor(found.path));
        const fields = element('dl');
        for (const [name, value] of Object.entries(found.fields))
          fields.append(element('dt', { textContent: name }), element('dd', { textContent: String(value) }));
        const item = element(
          'li',
          {},
          element('div', { className: 'row' }, element('code', { textContent: found.file }), open),
          fields,
          element('p', { textContent: found.caption || '(no caption yet)' }),
        );
        item.dataset['photoFile'] = found.file;
        list.append(item);
      });
      const count = list.childElementCount;
      const win = element(
        'astro-dev-toolbar-window',
        {},
        element('h1', {
          textContent: count === 0 ? 'No photo on this page' : `${count} photo${count === 1 ? '' : 's'} on this page: the files that hold their captions`,
        }),
        list,
      );
      canvas.append(win);
      place();
      window.addEventListener('resize', place);
    };

    server.on<PhotoFilesAnswer>(ANSWER, (answer) => {
      if (answer.request === request) show(answer);
    });
    app.onToggled(({ state }) => {
      if (!state) return clear();
      photos = photosOnPage();
      server.send<PhotoFilesRequest>(REQUEST, { request: ++request, names: photos.map(variantNames) });
    });
  },
});
