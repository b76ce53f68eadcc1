/**
 * <photo-gallery>: turns clicks on its photo links into a PhotoSwipe
 * lightbox, and lets keyboard readers step through the photos with j and k.
 * Kept tiny: the lightbox itself is a separate chunk that is only fetched
 * when a reader first opens a photo.
 */
import { isTyping, PHOTO_LINKS } from './dom.ts';

type Opener = (gallery: HTMLElement, index: number) => Promise<void>;

let opener: Promise<Opener> | undefined;

class PhotoGallery extends HTMLElement {
  connectedCallback() {
    this.addEventListener('click', this.onClick);
    // j and k walk a gallery's sequence; an essay's photos are read with its text.
    if (this.hasAttribute('data-keys')) document.addEventListener('keydown', this.onKeyDown);
  }

  disconnectedCallback() {
    this.removeEventListener('click', this.onClick);
    document.removeEventListener('keydown', this.onKeyDown);
  }

  private get links(): HTMLAnchorElement[] {
    return [...this.querySelectorAll<HTMLAnchorElement>(PHOTO_LINKS)];
  }

  private onClick = (event: MouseEvent) => {
    // Let the browser handle new-tab and download clicks as the plain links they are.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const clicked = (event.target as Element | null)?.closest<HTMLAnchorElement>(`${PHOTO_LINKS}, a[data-opens]`);
    if (!clicked || !this.contains(clicked)) return;
    // The cover opens its photo at its place in the sequence.
    const opens = clicked.dataset['opens'];
    const link = opens === undefined ? clicked : this.links.find((l) => l.closest('figure')?.id === opens);
    if (!link) return;
    event.preventDefault();
    const index = this.links.indexOf(link);
    opener ??= import('./lightbox.ts').then((m) => m.openLightbox);
    opener.then((open) => open(this, index)).catch(() => {
      // The chunk failed to load (offline, say): fall back to the link.
      opener = undefined;
      window.location.assign(link.href);
    });
  };

  /** j: next photo, k: previous, as in newspaper photo essays. */
  private onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    if (event.key !== 'j' && event.key !== 'k') return;
    // The lightbox has its own keys; the page behind it is inert anyway.
    if (isTyping(event) || document.querySelector('.pswp')) return;
    const links = this.links;
    const target = links[this.currentIndex(links) + (event.key === 'j' ? 1 : -1)];
    if (!target) return;
    event.preventDefault();
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    target.focus({ preventScroll: true });
    target.closest('figure')?.scrollIntoView({ block: 'start', behavior: reduce ? 'instant' : 'smooth' });
  };

  /**
   * The photo the reader is on: the focused one, or else the last whose
   * top has reached the top of the screen (-1 above the first).
   */
  private currentIndex(links: HTMLAnchorElement[]): number {
    const focused = links.findIndex((l) => l === document.activeElement);
    if (focused >= 0) return focused;
    let current = -1;
    links.forEach((link, i) => {
      const top = (link.closest('figure') ?? link).getBoundingClientRect().top;
      // A figure scrolled to sits just below its scroll margin; count it as reached.
      if (top <= 32) current = i;
    });
    return current;
  }
}

customElements.define('photo-gallery', PhotoGallery);
