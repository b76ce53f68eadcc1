/**
 * The lightbox proper, loaded on first use: PhotoSwipe with the dynamic
 * caption plugin, reading caption and credit from each photo's figcaption.
 */
import PhotoSwipeLightbox from 'photoswipe/lightbox';
import PhotoSwipeDynamicCaption from 'photoswipe-dynamic-caption-plugin';
// As URLs, not imports: Astro would otherwise put these styles on every page
// up front, and the lightbox's cost is meant to be paid on first use only.
import photoswipeCss from 'photoswipe/style.css?url';
import captionCss from 'photoswipe-dynamic-caption-plugin/photoswipe-dynamic-caption-plugin.css?url';
import siteCss from './lightbox.css?url';

function stylesheet(href: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => reject(new Error(`could not load ${href}`)));
    document.head.append(link);
  });
}

let styles: Promise<unknown> | undefined;

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

export async function openLightbox(gallery: HTMLElement, index: number): Promise<void> {
  styles ??= Promise.all([photoswipeCss, captionCss, siteCss].map(stylesheet));
  await styles;
  lightboxFor(gallery).loadAndOpen(index);
}
