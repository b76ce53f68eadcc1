/**
 * <photo-gallery>: turns clicks on its photo links into a PhotoSwipe
 * lightbox. Kept tiny: the lightbox itself is a separate chunk that is only
 * fetched when a reader first opens a photo.
 */
type Opener = (gallery: HTMLElement, index: number) => Promise<void>;

let opener: Promise<Opener> | undefined;

class PhotoGallery extends HTMLElement {
  connectedCallback() {
    this.addEventListener('click', this.onClick);
  }

  disconnectedCallback() {
    this.removeEventListener('click', this.onClick);
  }

  private onClick = (event: MouseEvent) => {
    // Let the browser handle new-tab and download clicks as the plain links they are.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-pswp-width]');
    if (!link || !this.contains(link)) return;
    event.preventDefault();
    const index = [...this.querySelectorAll('a[data-pswp-width]')].indexOf(link);
    opener ??= import('./lightbox.ts').then((m) => m.openLightbox);
    opener.then((open) => open(this, index)).catch(() => {
      // The chunk failed to load (offline, say): fall back to the link.
      opener = undefined;
      window.location.assign(link.href);
    });
  };
}

customElements.define('photo-gallery', PhotoGallery);

export {};
