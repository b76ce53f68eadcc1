/**
 * The lightbox proper, loaded on first use: PhotoSwipe with the dynamic
 * caption plugin, reading caption and credit from each photo's figcaption.
 *
 * PhotoSwipe 5 leaves some things to its host, which this module adds:
 * - a modal dialog with a name ("Photo 7 of 14") and a live announcement of
 *   the position on each change; the caption describes the image;
 * - the page behind it inert, so neither Tab nor a screen reader can wander
 *   out of the dialog;
 * - the address follows the photo shown (`#slug`) in one history entry, so
 *   Back closes the lightbox and never walks through every photo seen;
 * - on close, focus and scroll return to the last photo shown;
 * - a control that shares (Web Share, where the device has it) or copies
 *   the address of the photo's own page.
 */
import PhotoSwipeLightbox from 'photoswipe/lightbox';
import type PhotoSwipe from 'photoswipe';
import PhotoSwipeDynamicCaption from 'photoswipe-dynamic-caption-plugin';
// As URLs, not imports: Astro would otherwise put these styles on every page
// up front, and the lightbox's cost is meant to be paid on first use only.
import photoswipeCss from 'photoswipe/style.css?url';
import captionCss from 'photoswipe-dynamic-caption-plugin/photoswipe-dynamic-caption-plugin.css?url';
import siteCss from './lightbox.css?url';
import { PHOTO_LINKS } from './dom.ts';

/** Key of our marker in `history.state`. */
const HISTORY_KEY = 'lightbox';
/** How long to wait for the popstate that follows `history.back()` before giving up on it. */
const HISTORY_TIMEOUT_MS = 1000;

function stylesheet(href: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => reject(new Error(`could not load ${href}`)));
    document.head.append(link);
  });
}

let styles: Promise<unknown> | undefined;

/** Whether this browser chose AVIF for the photos already shown in `gallery`; false until one has loaded. */
function showsAvif(gallery: HTMLElement): boolean {
  const shown = [...gallery.querySelectorAll('picture img')].find((img) => img instanceof HTMLImageElement && img.currentSrc);
  return shown instanceof HTMLImageElement && new URL(shown.currentSrc).pathname.endsWith('.avif');
}

/** One opening of the lightbox, from open to destroy. */
interface Session {
  pswp: PhotoSwipe;
  /** Identifies the history entry this session pushed. */
  entry: number;
  /** Polite live region inside the dialog. */
  status: HTMLElement;
  /** The page's elements this session made inert, to undo exactly those. */
  inert: HTMLElement[];
  /** Back (or Forward) already moved history off our entry. */
  leftByHistory: boolean;
  /** Settles once history is back on the entry from before the lightbox opened. */
  historyRestored: Promise<void>;
}

let session: Session | undefined;

// Back while the lightbox is open: history has already left our entry, so
// close without touching history again.
window.addEventListener('popstate', () => {
  if (!session || session.pswp.isDestroying) return;
  if ((history.state as Record<string, unknown> | null)?.[HISTORY_KEY] === session.entry) return;
  session.leftByHistory = true;
  session.pswp.close();
});

const popstate = () =>
  new Promise<void>((resolve) => {
    window.addEventListener('popstate', () => resolve(), { once: true });
    setTimeout(resolve, HISTORY_TIMEOUT_MS);
  });

/**
 * Tab and Shift+Tab cycle through the dialog's controls. With the page
 * inert, the browser would otherwise move focus out of the document.
 */
function cycleFocus(root: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
  const controls = [...root.querySelectorAll<HTMLElement>('button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])')].filter((el) =>
    el.checkVisibility({ visibilityProperty: true }),
  );
  const first = controls[0];
  const last = controls.at(-1);
  const active = document.activeElement;
  if (!first || !last) {
    event.preventDefault();
    root.focus();
  } else if (event.shiftKey && (active === first || active === root)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !root.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

function start(pswp: PhotoSwipe, slug: string): Session {
  const root = pswp.element;
  if (!root) throw new Error('PhotoSwipe has no root element');
  root.setAttribute('aria-modal', 'true');
  const status = Object.assign(document.createElement('p'), { className: 'visually-hidden' });
  status.setAttribute('role', 'status');
  root.append(status);

  // The dialog is appended to <body>: everything else in <body> is the page behind it.
  const inert = [...document.body.children].filter(
    (el): el is HTMLElement => el instanceof HTMLElement && el !== root && !el.inert && el.tagName !== 'SCRIPT',
  );
  for (const el of inert) el.inert = true;

  // Closing scrolls the page itself to the photo last shown; the browser must
  // not scroll it back when history returns to the entry from before opening.
  history.scrollRestoration = 'manual';
  const entry = performance.now();
  history.pushState({ ...(history.state as object | null), [HISTORY_KEY]: entry }, '', `#${slug}`);
  return { pswp, entry, status, inert, leftByHistory: false, historyRestored: Promise.resolve() };
}

/** Says, on screen and to screen readers, what the share control did. */
function toast(root: HTMLElement, text: string): void {
  let el = root.querySelector<HTMLElement>('.pswp__toast');
  if (!el) {
    el = Object.assign(document.createElement('p'), { className: 'pswp__toast' });
    el.setAttribute('role', 'status');
    root.append(el);
  }
  el.textContent = text;
}

/**
 * "Share" where the device offers Web Share (phones, most desktops), else
 * "Copy link": either way the address of the photo's own page, which works
 * without JavaScript and names the photo in link previews.
 */
function shareButton(): Parameters<NonNullable<PhotoSwipe['ui']>['registerElement']>[0] {
  const canShare = typeof navigator.share === 'function';
  const label = canShare ? 'Share this photo' : 'Copy the link to this photo';
  return {
    name: 'share',
    order: 9,
    isButton: true,
    title: label,
    ariaLabel: label,
    html: {
      isCustomSVG: true,
      inner:
        '<path d="M14.5 19.5l3-3a4.2 4.2 0 0 0-6-6l-3 3m6 6l-3 3a4.2 4.2 0 0 1-6-6l3-3m1.5 4.5l6-6" id="pswp__icn-share" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>',
      outlineID: 'pswp__icn-share',
    },
    onClick: (_event, _element, pswp) => {
      const link = pswp.currSlide?.data.element?.closest('a');
      const root = pswp.element;
      if (!(link instanceof HTMLAnchorElement) || !root) return;
      const url = link.href;
      if (canShare) {
        // Closing the share sheet without choosing rejects: nothing to say then.
        navigator.share({ url, title: document.title }).catch(() => undefined);
        return;
      }
      navigator.clipboard
        .writeText(url)
        .then(() => toast(root, 'Link copied'))
        .catch(() => toast(root, `Copy this link: ${url}`));
    },
  };
}

const lightboxes = new WeakMap<HTMLElement, PhotoSwipeLightbox>();

function lightboxFor(gallery: HTMLElement): PhotoSwipeLightbox {
  const existing = lightboxes.get(gallery);
  if (existing) return existing;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const links = () => [...gallery.querySelectorAll<HTMLAnchorElement>(PHOTO_LINKS)];
  const slugAt = (index: number) => links()[index]?.closest('figure')?.id ?? '';

  const lightbox = new PhotoSwipeLightbox({
    gallery,
    children: PHOTO_LINKS,
    pswpModule: () => import('photoswipe'),
    showHideAnimationType: reducedMotion ? 'none' : 'zoom',
    zoomAnimationDuration: reducedMotion ? 0 : 333,
    showAnimationDuration: reducedMotion ? 0 : 333,
    hideAnimationDuration: reducedMotion ? 0 : 333,
    // Opaque: nothing of the page, its captions or other photos, shows around the photo.
    bgOpacity: 1,
    // Zoom shows the photo at one image pixel per screen pixel, which the srcset serves from the largest
    // variant; a photo no larger than the screen zooms by half again.
    secondaryZoomLevel: (zoom) => Math.max(zoom.fit * 1.5, 1 / window.devicePixelRatio),
    maxZoomLevel: (zoom) => Math.max(zoom.fit * 2, 2 / window.devicePixelRatio),
    paddingFn: (viewport) => (viewport.x < 600 ? { top: 0, bottom: 0, left: 0, right: 0 } : { top: 32, bottom: 32, left: 72, right: 72 }),
    // Focus goes back to the last photo shown, not to the one that opened the lightbox.
    returnFocus: false,
    closeTitle: 'Close (Esc)',
    zoomTitle: 'Zoom',
    arrowPrevTitle: 'Previous photo',
    arrowNextTitle: 'Next photo',
    errorMsg: 'This photo could not be loaded.',
  });

  // The lightbox shows the format the page's own <picture> chose: AVIF where the browser has it. The links carry
  // the WebP srcset, which every browser PhotoSwipe runs in can show; until a photo has loaded, that is the choice.
  lightbox.addFilter('itemData', (itemData) => {
    const avif = itemData.element?.querySelector('source[type="image/avif"]');
    const srcset = avif?.getAttribute('srcset') ?? avif?.getAttribute('data-held-srcset');
    if (srcset && showsAvif(gallery)) itemData.srcset = srcset;
    return itemData;
  });

  new PhotoSwipeDynamicCaption(lightbox, {
    type: 'auto',
    mobileLayoutBreakpoint: 700,
    captionContent: (slide: { data: { element?: HTMLElement } }) => {
      const caption = slide.data.element?.closest('figure')?.querySelector('figcaption');
      return caption ? caption.innerHTML : '';
    },
  });

  // The caption describes the image it belongs to.
  const describe = (slide: PhotoSwipe['currSlide']) => {
    const caption = (slide as (typeof slide & { dynamicCaption?: { element?: HTMLElement } }) | undefined)?.dynamicCaption?.element;
    const image = slide?.content.element;
    if (!slide || !caption || !image) return;
    caption.id = `_pswp-caption-${slide.index}`;
    image.setAttribute('aria-describedby', caption.id);
  };
  lightbox.on('contentAppend', ({ content }) => queueMicrotask(() => describe(content.slide)));

  lightbox.on('change', () => {
    const pswp = lightbox.pswp;
    if (!pswp?.element) return;
    const label = `Photo ${pswp.currIndex + 1} of ${pswp.getNumItems()}`;
    pswp.element.setAttribute('aria-label', label);
    const slug = slugAt(pswp.currIndex);
    if (session?.pswp !== pswp) {
      // The first 'change' is the opening: the dialog's name says where we are.
      session = start(pswp, slug);
      return;
    }
    session.status.textContent = label;
    pswp.element.querySelector('.pswp__toast')?.replaceChildren();
    history.replaceState(history.state, '', `#${slug}`);
    describe(pswp.currSlide);
  });

  lightbox.on('keydown', ({ originalEvent }) => {
    const root = lightbox.pswp?.element;
    if (root) cycleFocus(root, originalEvent);
  });

  lightbox.on('uiRegister', () => {
    lightbox.pswp?.ui?.registerElement(shareButton());
  });

  lightbox.on('afterInit', () => {
    // The counter repeats, in short, what the dialog's name and the live region say.
    lightbox.pswp?.element?.querySelector('.pswp__counter')?.setAttribute('aria-hidden', 'true');
  });

  lightbox.on('openingAnimationEnd', () => {
    // PhotoSwipe focuses its root only when opened from the keyboard; a
    // screen reader user clicking a link must land in the dialog too.
    const root = lightbox.pswp?.element;
    if (root && !root.contains(document.activeElement)) root.focus({ preventScroll: true });
  });

  lightbox.on('close', () => {
    const s = session;
    if (!s) return;
    // Scroll first, so PhotoSwipe's zoom-out lands on the photo in the page.
    links()[s.pswp.currIndex]?.scrollIntoView({ block: 'center', behavior: 'instant' });
    if (!s.leftByHistory && (history.state as Record<string, unknown> | null)?.[HISTORY_KEY] === s.entry) {
      s.historyRestored = popstate();
      history.back();
    }
  });

  lightbox.on('destroy', () => {
    const s = session;
    if (!s) return;
    session = undefined;
    const link = links()[s.pswp.currIndex];
    // Move focus out of the dialog before it goes, and only once the page is no longer inert.
    for (const el of s.inert) el.inert = false;
    link?.focus({ preventScroll: true });
    void s.historyRestored.then(() => {
      history.scrollRestoration = 'auto';
    });
  });

  lightboxes.set(gallery, lightbox);
  return lightbox;
}

export async function openLightbox(gallery: HTMLElement, index: number): Promise<void> {
  styles ??= Promise.all([photoswipeCss, captionCss, siteCss].map(stylesheet));
  await styles;
  lightboxFor(gallery).loadAndOpen(index);
}
