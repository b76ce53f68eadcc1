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
 */
import { DEV_CONTENT_VERSION } from '../lib/address.ts';

const rendered = document.querySelector<HTMLMetaElement>('meta[name="kfs-content"]')?.content;
/** The last reload this made, as "rendered>current": never twice for the same pair, so a version that cannot match does not reload forever. */
const LAST = 'kfs-content-reload';

async function check(): Promise<void> {
  const response = await fetch(`${import.meta.env.BASE_URL.replace(/\/$/, '')}${DEV_CONTENT_VERSION}`, { cache: 'no-store' }).catch(() => undefined);
  // An error (a content mistake) is the error overlay's to show.
  if (!response?.ok) return;
  const current = await response.text();
  const pair = `${rendered}>${current}`;
  if (current === rendered || sessionStorage.getItem(LAST) === pair) return;
  sessionStorage.setItem(LAST, pair);
  location.reload();
}

if (import.meta.hot && rendered !== undefined) {
  import.meta.hot.on('vite:ws:connect', () => void check());
  void check();
}
