/**
 * In the dev server only (integrations/content.ts injects it): reloads a
 * page rendered from older content than the dev server now has. The dev
 * server tells open pages to reload when the content changes, but a page
 * that is still loading has no connection yet and misses that message:
 * after a save, the content check and Astro's collections each follow the
 * files on their own, and the reload for the second can come while the page
 * reloaded for the first is still on its way. So the page checks its
 * version (rendered into `<meta name="kfs-content">` by layouts/Base.astro)
 * against the current one once it runs, and each time it connects.
 *
 * The dev server also shows a content mistake in the page that asked for
 * it, a moment after it answered (Astro waits 200 ms), and keeps it for the
 * next page to connect if none is connected then. When a photo was saved in
 * pieces, that next page can be one rendered from the photo saved whole: a
 * page whose content is still the current one closes an error overlay of
 * the content check's (ContentError, by the name Astro's overlay shows), as
 * it can only be about content the page has shown to be fine. Any other
 * error stays.
 */
import { DEV_CONTENT_VERSION } from '../lib/address.ts';

const rendered = document.querySelector<HTMLMetaElement>('meta[name="kfs-content"]')?.content;
/** The last reload this made, as "rendered>current": never twice for the same pair, so a version that cannot match does not reload forever. */
const LAST = 'kfs-content-reload';

/** The version of the content the pages would be rendered from now; undefined if the dev server did not say (an error is the error overlay's to show). */
async function currentVersion(): Promise<string | undefined> {
  const response = await fetch(`${import.meta.env.BASE_URL.replace(/\/$/, '')}${DEV_CONTENT_VERSION}`, { cache: 'no-store' }).catch(() => undefined);
  return response?.ok ? response.text() : undefined;
}

async function check(): Promise<void> {
  const current = await currentVersion();
  if (current === undefined) return;
  const pair = `${rendered}>${current}`;
  if (current === rendered || sessionStorage.getItem(LAST) === pair) return;
  sessionStorage.setItem(LAST, pair);
  location.reload();
}

/** Closes the content check's error overlays (see above) once the dev server says the content is still the one this page shows. */
function closeStaleOverlays(): void {
  const shown = [...document.querySelectorAll('vite-error-overlay')].filter((o) => o.shadowRoot?.querySelector('#name')?.textContent === 'ContentError');
  if (shown.length === 0) return;
  void currentVersion().then((current) => {
    if (current === rendered) for (const overlay of shown) overlay.remove();
  });
}

if (import.meta.hot && rendered !== undefined) {
  import.meta.hot.on('vite:ws:connect', () => void check());
  closeStaleOverlays();
  new MutationObserver(closeStaleOverlays).observe(document.body, { childList: true });
  void check();
}
