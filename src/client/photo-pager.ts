/**
 * <photo-pager>: on a photo's own page, ← and → (and a horizontal swipe on
 * a touch screen) follow its previous and next links, as the links
 * themselves would: the browser's cross-document view transition, where it
 * has one and motion is welcome, animates the change (global.css).
 */
import { isTyping } from './dom.ts';

/** The shortest swipe that turns the page, in CSS pixels; shorter ones are taps and wobbles. */
const SWIPE_PX = 60;

class PhotoPager extends HTMLElement {
  private start: { x: number; y: number } | undefined;

  connectedCallback() {
    document.addEventListener('keydown', this.onKeyDown);
    document.addEventListener('touchstart', this.onTouchStart, { passive: true });
    document.addEventListener('touchend', this.onTouchEnd, { passive: true });
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.onKeyDown);
    document.removeEventListener('touchstart', this.onTouchStart);
    document.removeEventListener('touchend', this.onTouchEnd);
  }

  private go(rel: 'prev' | 'next') {
    const link = this.querySelector<HTMLAnchorElement>(`a[rel="${rel}"]`);
    if (link) window.location.assign(link.href);
  }

  private onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || isTyping(event)) return;
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    this.go(event.key === 'ArrowLeft' ? 'prev' : 'next');
  };

  private onTouchStart = (event: TouchEvent) => {
    const touch = event.touches.length === 1 ? event.touches[0] : undefined;
    // Two fingers pinch; a zoomed-in page pans: neither turns the page.
    this.start = touch && (window.visualViewport?.scale ?? 1) <= 1 ? { x: touch.clientX, y: touch.clientY } : undefined;
  };

  private onTouchEnd = (event: TouchEvent) => {
    const start = this.start;
    const touch = event.changedTouches[0];
    this.start = undefined;
    if (!start || !touch) return;
    const dx = touch.clientX - start.x;
    const dy = touch.clientY - start.y;
    // Mostly sideways, and far enough: a swipe to the left brings the next photo, as a page turns.
    if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > 2 * Math.abs(dy)) this.go(dx < 0 ? 'next' : 'prev');
  };
}

customElements.define('photo-pager', PhotoPager);
