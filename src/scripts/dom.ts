/** The photo links of a gallery: what the lightbox opens, j/k move between, and focus returns to. */
export const PHOTO_LINKS = 'a[data-pswp-width]';
