// Holds each photo of a gallery or an essay back as it is parsed, until it nears the screen (see PhotoGallery.astro).
// Not the cover or an essay's lead: those are the first screen's, loaded at once.
(() => {
  if (!('IntersectionObserver' in window && 'MutationObserver' in window)) return;
  const gallery = document.currentScript.parentElement;
  const attrs = ['srcset', 'src'];
  const hold = (el) => attrs.forEach((a) => el.hasAttribute(a) && (el.setAttribute(`data-held-${a}`, el.getAttribute(a)), el.removeAttribute(a)));
  const release = (el) => attrs.forEach((a) => el.hasAttribute(`data-held-${a}`) && (el.setAttribute(a, el.getAttribute(`data-held-${a}`)), el.removeAttribute(`data-held-${a}`)));
  const held = new Set();
  const watch = (rootMargin) =>
    new IntersectionObserver((entries, io) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        e.target.querySelectorAll('source, img').forEach(release);
        held.delete(e.target);
        io.unobserve(e.target);
      }
    }, { rootMargin });
  let io = watch('0px');
  // Mutation records are delivered before the next layout, so before lazy loading can look.
  // Element by element: a network chunk may end inside a <picture>.
  const parsing = new MutationObserver(() => {
    for (const el of gallery.querySelectorAll('figure.photo:not([data-eager]) picture > :is(source, img):not([data-held])')) {
      el.setAttribute('data-held', '');
      hold(el);
      held.add(el.parentElement);
      io.observe(el.parentElement);
    }
  });
  parsing.observe(gallery, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => parsing.disconnect(), { once: true });
  let reading = false;
  const ahead = () => {
    if (reading) return;
    reading = true;
    io.disconnect();
    io = watch('150% 0px');
    held.forEach((p) => io.observe(p));
  };
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) addEventListener(type, ahead, { once: true, passive: true });
  // Printing shows every photo: release them all, and load them now.
  const releaseAll = () => {
    held.forEach((p) => p.querySelectorAll('source, img').forEach(release));
    held.clear();
    gallery.querySelectorAll('img[loading="lazy"]').forEach((img) => (img.loading = 'eager'));
  };
  addEventListener('beforeprint', releaseAll);
  // Chromium waits for what beforeprint starts loading; not every browser does. Ctrl+P or Cmd+P, the usual way
  // to print, is held until every photo is in (or 20 s have passed), so a print made right after the page
  // opens still has them all.
  addEventListener('keydown', (e) => {
    if (e.key.toLowerCase() !== 'p' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.defaultPrevented) return;
    e.preventDefault();
    releaseAll();
    const loading = [...gallery.querySelectorAll('img')].filter((img) => !img.complete);
    const loaded = loading.map((img) => new Promise((done) => ['load', 'error'].forEach((t) => img.addEventListener(t, done, { once: true }))));
    Promise.race([Promise.all(loaded), new Promise((done) => setTimeout(done, 20000))]).then(() => print());
  });
})();
