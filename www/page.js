// The standalone page's loader (inlined into index.html's head after early.js by
// scripts/post-build.mjs, with the hashed file names): picks the reader's language and at once
// starts the downloads of that language's catalog file and first screens (nothing of the other
// language is fetched), shows the prerendered first screen as soon as it is in, and when Trunk's
// loader has the wasm running, mounts the widget out of sight, plays back what the person did,
// and swaps it in.
(() => {
  const CATALOG = { zh: '__CATALOG_ZH__', en: '__CATALOG_EN__' };
  const DETAILS = { zh: '__DETAILS_ZH__', en: '__DETAILS_EN__' };
  const SCREENS = { zh: '__SCREENS_ZH__', en: '__SCREENS_EN__' };
  // This runs in the head: the body (and the widget's place in it) follows.
  const body = new Promise((resolve) => {
    if (document.readyState !== 'loading') resolve();
    else document.addEventListener('DOMContentLoaded', resolve, { once: true });
  });
  const place = () => document.getElementById('policy-matcher-app');
  const prior = PMEarly.prior(true);
  const browserLang = () => {
    for (const l of navigator.languages || [navigator.language]) {
      const p = String(l || '').toLowerCase().split(/[-_]/)[0];
      if (p === 'zh' || p === 'en') return p;
    }
    return 'zh';
  };
  const lang = PMEarly.langIn(prior) || browserLang();
  const fetchCatalog = (l, part) => fetch(new URL((part === 'details' ? DETAILS : CATALOG)[l], document.baseURI))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))));
  // The share link's QR module (src/qr.rs), for PMEarly.qr: fetched the first time a code is drawn.
  const QR = ['__QR_GLUE__', '__QR_WASM__'];
  const loadQr = () => import(new URL(QR[0], document.baseURI))
    .then(async (m) => { await m.default({ module_or_path: new URL(QR[1], document.baseURI) }); return m; });
  const catalog = fetchCatalog(lang);
  catalog.catch(() => {});
  const mode = matchMedia('(max-width: 879px)').matches ? 'guided' : 'all';
  let early = null;
  let mounted = false;
  // Saved answers or a share link: the widget opens on them, not on an empty first screen.
  if (!prior) {
    fetch(new URL(SCREENS[lang], document.baseURI)).then((r) => (r.ok ? r.text() : Promise.reject(new Error(r.status))))
      .then(async (text) => {
        if (!place()) await body;
        if (mounted || !place()) return;
        const holder = document.createElement('div');
        holder.innerHTML = text;
        early = PMEarly.show(place(), holder, mode);
      }).catch(() => { /* the loading line stays until the widget runs */ });
  }
  const fail = (e) => {
    const root = place();
    root.textContent = `政策匹配工具无法启动 / policy-matcher could not start: ${e && e.message ? e.message : e}`;
    root.setAttribute('role', 'alert');
  };
  const start = async () => {
    let bytes;
    try { bytes = new Uint8Array(await catalog); } catch (e) { fail(e); return; }
    mounted = true;
    await body;
    const root = place();
    const live = document.createElement('div');
    live.className = 'pm-live';
    live.hidden = true;
    root.append(live);
    try { window.wasmBindings.mount_page(live, bytes, undefined, (l, part) => fetchCatalog(l, part)); } catch (e) { fail(e); return; }
    PMEarly.qr(root, loadQr);
    await PMEarly.tick();
    const focus = early ? await early.replay(live) : null;
    for (const n of [...root.children]) if (n !== live) n.remove();
    live.hidden = false;
    if (focus) focus.focus({ preventScroll: true });
  };
  if (window.wasmBindings) start();
  else addEventListener('TrunkApplicationStarted', start, { once: true });
})();
