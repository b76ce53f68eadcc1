/** The photo links of a gallery: what the lightbox opens, j/k move between, and focus returns to. */
export const PHOTO_LINKS = 'a[data-pswp-width]';

/** Keys typed into a field are the field's, not the page's. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !!target?.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}
