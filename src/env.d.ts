/// <reference types="astro/client" />

declare module 'photoswipe-dynamic-caption-plugin' {
  import type PhotoSwipeLightbox from 'photoswipe/lightbox';

  interface DynamicCaptionOptions {
    captionContent?: string | ((slide: { data: { element?: HTMLElement } }) => string);
    type?: 'auto' | 'below' | 'aside';
    mobileLayoutBreakpoint?: number | (() => boolean);
    horizontalEdgeThreshold?: number;
    mobileCaptionOverlapRatio?: number;
    verticallyCenterImage?: boolean;
  }

  /** Untyped upstream; these are the options its README documents. */
  export default class PhotoSwipeDynamicCaption {
    constructor(lightbox: PhotoSwipeLightbox, options?: DynamicCaptionOptions);
  }
}

/** The photographs' image files as a dependency of the site's data (src/integrations/photo-variants.ts): a swapped photo reloads the pages in dev. */
declare module 'virtual:kfs/photo-files' {}
