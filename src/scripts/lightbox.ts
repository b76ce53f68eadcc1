/**
 * The lightbox proper, loaded on first use: PhotoSwipe with the dynamic
 * caption plugin, reading caption and credit from each photo's figcaption.
 */
import PhotoSwipeLightbox from 'photoswipe/lightbox';
import PhotoSwipeDynamicCaption from 'photoswipe-dynamic-caption-plugin';
import 'photoswipe/style.css';
import 'photoswipe-dynamic-caption-plugin/photoswipe-dynamic-caption-plugin.css';
import './lightbox.css';

const lightboxes = new WeakMap<HTMLElement, PhotoSwipeLightbox>();

function lightboxFor(gallery: HTMLElement): PhotoSwipeLightbox {
  const existing = lightboxes.get(gallery);
  if (existing) return existing;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const lightbox = new PhotoSwipeLightbox({
    gallery,
    children: 'a[data-pswp-width]',
    pswpModule: () => import('photoswipe'),
    showHideAnimationType: reducedMotion ? 'none' : 'zoom',
    zoomAnimationDuration: reducedMotion ? 0 : 333,
    showAnimationDuration: reducedMotion ? 0 : 333,
    hideAnimationDuration: reducedMotion ? 0 : 333,
    bgOpacity: 0.94,
    paddingFn: (viewport) => (viewport.x < 600 ? { top: 0, bottom: 0, left: 0, right: 0 } : { top: 32, bottom: 32, left: 72, right: 72 }),
    closeTitle: 'Close (Esc)',
    zoomTitle: 'Zoom',
    arrowPrevTitle: 'Previous photo',
    arrowNextTitle: 'Next photo',
    errorMsg: 'This photo could not be loaded.',
  });
  new PhotoSwipeDynamicCaption(lightbox, {
    type: 'auto',
    mobileLayoutBreakpoint: 700,
    captionContent: (slide: { data: { element?: HTMLElement } }) => {
      const caption = slide.data.element?.closest('figure')?.querySelector('figcaption');
      return caption ? caption.innerHTML : '';
    },
  });
  lightboxes.set(gallery, lightbox);
  return lightbox;
}

export function openLightbox(gallery: HTMLElement, index: number): void {
  lightboxFor(gallery).loadAndOpen(index);
}
