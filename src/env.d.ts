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

/** What the content check found (src/lib/manifest.ts), served by src/integrations/content.ts: read once per build, and anew after each change in dev. */
declare module 'virtual:kfs/manifest' {
  const manifest: import('./lib/manifest.ts').Manifest;
  export default manifest;
}
