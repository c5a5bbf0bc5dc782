// <policy-matcher> — the policy-matcher widget as a custom element.
// Generated at build time from www/policy-matcher.template.js: the names below are the hashed files
// that sit next to this script, wherever it is hosted.
//
//   <script type="module" src="https://your.site/pm/policy-matcher.js"></script>
//   <policy-matcher lang="zh" as-of="2026-01-01" catalog-url="/catalog.json" remember="true"></policy-matcher>
//
// Lazy start: the wasm and its glue are fetched only when an element comes within about one viewport
// of being seen (IntersectionObserver); `loading="eager"` starts it at once, and so does a browser
// without IntersectionObserver. Until then the element shows its title and a loading line. An
// element with a `catalog-url` runs on a second module that carries the catalog reader.
// On start it fetches, beside the wasm, the bundled catalog in its language only and the widget's
// prerendered first screens (one small file), which it shows as soon as they and the stylesheet are
// in: the first question can be answered before the wasm runs, and what the person does is played
// back on the widget when it mounts (www/early.js).
//
// JS API: el.setProfile(obj) (throws and fires `policy-matcher-error` on a bad profile; nothing is
// half-applied), el.profile, el.results, el.ready (a promise). Events: `policy-matcher-change`
// (detail {profile, results}) after each evaluation; `policy-matcher-error` (detail {message}).
//
// Integrity: the SHA-384 hashes of the files it loads are baked in at build time (SRI below), and
// each is loaded with its hash checked by the browser: fetch(url, {integrity}) for the wasm, the
// catalog files and the first screens, <link rel=stylesheet integrity> for the CSS, and the glue
// through <link rel=modulepreload integrity> before import(). A file that does not match is never
// run: the element shows why (WORDS.integrity) and fires `policy-matcher-error` with code 'integrity'.
const GLUE = '__GLUE__';
const WASM = '__WASM__';
// The same widget with the runtime catalog reader (JSON parsing and validation), fetched only for an
// element with a `catalog-url`: every other page is spared its weight.
const FULL_GLUE = '__FULL_GLUE__';
const FULL_WASM = '__FULL_WASM__';
const CSS = '__CSS__';
const CATALOG = { zh: '__CATALOG_ZH__', en: '__CATALOG_EN__' };
const DETAILS = { zh: '__DETAILS_ZH__', en: '__DETAILS_EN__' };
const SCREENS = { zh: '__SCREENS_ZH__', en: '__SCREENS_EN__' };
// Each of the names above → its `sha384-…` hash, computed on the final bytes by scripts/post-build.mjs.
const SRI = '__SRI__';
const here = (name) => new URL(name, import.meta.url).href;

// The element's own words (the widget's are in src/words.rs), zh and en.
const WORDS = {
  zh: {
    title: '政策匹配自测',
    loading: '正在加载……',
    start: '组件无法启动：',
    catalog: '政策目录文件无法加载：',
    integrity: (file) => `安全校验未通过：组件文件 ${file} 与发布时记录的校验值（SHA-384）不符，可能已被改动，因此没有运行。请告知本网站的管理员。`,
  },
  en: {
    title: 'Which support measures fit you?',
    loading: 'Loading…',
    start: 'the widget could not start: ',
    catalog: 'the catalog file could not be loaded: ',
    integrity: (file) => `Security check failed: the widget's file ${file} does not match the SHA-384 hash it was published with (it may have been altered), so it was not run. Please tell this site's web team.`,
  },
};

// A file whose bytes do not match its hash. The browser reports that as a network error: it is told
// apart by asking once more without the check (those bytes are never used).
class IntegrityError extends Error {
  constructor(name) { super(`integrity check failed for ${name}`); this.file = name.replace(/^\.\//, ''); }
}
async function tellApart(name, error) {
  const ok = await fetch(here(name), { cache: 'no-store' }).then((r) => r.ok, () => false);
  return ok ? new IntegrityError(name) : error;
}
async function fetchChecked(name) {
  let r;
  try { r = await fetch(here(name), { integrity: SRI[name] }); } catch (e) { throw await tellApart(name, e); }
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return r;
}
// The glue (an ES module) through a checked modulepreload, then import(): the module map keeps the
// checked module, so import() runs those bytes and no others.
const preloads = new Map();
function importChecked(name) {
  if (!preloads.has(name)) {
    const p = new Promise((resolve, reject) => {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = here(name);
      link.integrity = SRI[name];
      link.crossOrigin = 'anonymous';
      link.onload = resolve;
      link.onerror = () => tellApart(name, new Error(`${name} did not load`)).then(reject);
      document.head.append(link);
    }).then(() => import(here(name)));
    p.catch(() => preloads.delete(name));
    preloads.set(name, p);
  }
  return preloads.get(name);
}

/* __EARLY__ */

// Files fetched at most once per page (a failed download may be tried again).
const files = new Map();
function once(url, read) {
  if (!files.has(url)) {
    const p = fetchChecked(url).then(read);
    p.catch(() => files.delete(url));
    files.set(url, p);
  }
  return files.get(url);
}
// A response's text, or `{declared}` when it is over `limit` bytes: refused by its Content-Length
// before any of it is read, or cut off while streaming once the count passes the limit.
async function readLimited(response, limit) {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) { response.body?.cancel().catch(() => {}); return { declared }; }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > limit) { reader.cancel().catch(() => {}); return { declared: undefined }; }
    chunks.push(value);
  }
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.byteLength; }
  return new TextDecoder().decode(all);
}
const fetchCatalog = (lang, part) => once((part === 'details' ? DETAILS : CATALOG)[lang], (r) => r.arrayBuffer());
const fetchScreens = (lang) => once(SCREENS[lang], (r) => r.text());
// The share link's QR module (src/qr.rs), for PMEarly.qr: fetched and checked the first time a
// code is drawn (a share link made, the page printed), never on the way to the first question.
const QR = ['__QR_GLUE__', '__QR_WASM__'];
const loadQr = () => importChecked(QR[0])
  .then(async (m) => { await m.default({ module_or_path: fetchChecked(QR[1]) }); return m; });
const langOf = (tag) => { const p = String(tag || '').toLowerCase().split(/[-_]/)[0]; return p === 'zh' || p === 'en' ? p : null; };

// One observer for every lazy element on the page. A rootMargin of one viewport above and below: the
// download starts while the element is still a screen away, so it is usually ready when seen.
const NEAR = Symbol('near');
const waiting = new Set();
let observer = null;
function nearViewport() {
  if (!observer) {
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); entry.target[NEAR](); }
      }
    }, { rootMargin: '100% 0px 100% 0px' });
  }
  return observer;
}
const lazySupported = typeof IntersectionObserver === 'function';

// The two modules, each fetched at most once per page (a failed download may be tried again).
const modules = new Map();
const loadedModules = new Set();
const MODULE = Symbol('module');
function load(full) {
  if (!modules.has(full)) {
    const [glue, wasm] = full ? [FULL_GLUE, FULL_WASM] : [GLUE, WASM];
    const bytes = fetchChecked(wasm);
    bytes.catch(() => {});
    const promise = importChecked(glue).then(async (m) => {
      await m.default({ module_or_path: bytes });
      // Once the page has paid for a module, no element that runs on it waits any longer: each
      // starts, as it would without lazy loading.
      loadedModules.add(full);
      for (const el of [...waiting]) if (el[MODULE]() === full) el[NEAR]();
      return m;
    });
    promise.catch(() => modules.delete(full));
    modules.set(full, promise);
  }
  return modules.get(full);
}

const HOST_CSS = `
:host { all: initial; display: block; contain: content; }
:host([hidden]) { display: none; }
.pm-loading { font: 16px system-ui, sans-serif; color: #555; padding: 16px; }
`;

class PolicyMatcherElement extends HTMLElement {
  static observedAttributes = ['lang', 'as-of', 'catalog-url', 'remember', 'mode', 'loading'];
  #widget = null;
  #mountPoint;
  #root;
  #link;
  #waiting = false;
  #started = false;
  #pending = null;
  #full = false;
  #resolveReady;
  #early = null;
  #cssLoaded;
  #refused = false;
  ready;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    // A constructed stylesheet, not a <style> element, so that a strict style-src CSP allows it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HOST_CSS);
    root.adoptedStyleSheets = [sheet];
    // The widget's stylesheet is fetched with the wasm, when the element starts (see #start).
    this.#link = document.createElement('link');
    this.#link.rel = 'stylesheet';
    this.#link.crossOrigin = 'anonymous';
    // A stylesheet that fails its hash is not applied; the element then says why.
    this.#cssLoaded = new Promise((resolve) => {
      this.#link.onload = resolve;
      this.#link.onerror = () => tellApart(CSS, null).then((e) => { if (e) this.#refuse(e); resolve(); });
    });
    this.#mountPoint = document.createElement('div');
    // The title and a loading line in the page's language until the wasm has started.
    this.#show(this.#words().loading, 'status');
    root.append(this.#mountPoint);
    this.#root = root;
    this.ready = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  connectedCallback() {
    // At once: eager, no IntersectionObserver, the wasm already on the page, or put back after it had
    // started (moved in the page).
    if (this.getAttribute('loading') === 'eager' || !lazySupported || loadedModules.has(this[MODULE]()) || this.#started) { this.#start(); return; }
    this.#waiting = true;
    waiting.add(this);
    nearViewport().observe(this);
  }

  disconnectedCallback() {
    if (this.#waiting) { this.#waiting = false; waiting.delete(this); nearViewport().unobserve(this); }
    // Removing the element frees the app; putting it back mounts a fresh one.
    this.#unmount();
  }

  #unmount() {
    if (this.#widget) { this.#widget.destroy(); this.#widget.free(); this.#widget = null; }
  }

  /** The element's own words, in the page's language until the widget runs. */
  #words() {
    return WORDS[(this.getAttribute('lang') || document.documentElement.lang || navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en'];
  }

  /** The language it starts in (as the widget picks it): a saved answer's, the attribute, the page's, the browser's. */
  #lang() {
    return PMEarly.langIn(PMEarly.prior(this.getAttribute('remember') !== 'false'))
      || langOf(this.getAttribute('lang')) || langOf(document.documentElement.lang) || langOf(navigator.language) || 'zh';
  }

  /** The prerendered first screen, once it and the stylesheet are in, unless the widget runs already. */
  async #showEarly() {
    if (this.hasAttribute('catalog-url') || PMEarly.prior(this.getAttribute('remember') !== 'false')) return;
    const lang = this.#lang();
    let text;
    try { [text] = await Promise.all([fetchScreens(lang), this.#cssLoaded]); } catch (e) { if (e instanceof IntegrityError) this.#refuse(e); return; }
    if (this.#refused || this.#widget || this.#early || !this.isConnected || this.hasAttribute('catalog-url')) return;
    const holder = document.createElement('div');
    holder.innerHTML = text;
    const mode = this.getAttribute('mode') === 'guided' || this.getAttribute('mode') === 'all'
      ? this.getAttribute('mode') : (matchMedia('(max-width: 879px)').matches ? 'guided' : 'all');
    this.#mountPoint.className = '';
    this.#mountPoint.removeAttribute('role');
    this.#early = PMEarly.show(this.#mountPoint, holder, mode);
  }

  /** Which module this element runs on: the one with the catalog reader for a catalog-url. */
  [MODULE]() { return this.#full || this.hasAttribute('catalog-url'); }

  /** Called by the observer when the element comes near the viewport. */
  [NEAR]() {
    if (!this.#waiting) return;
    this.#start();
  }

  #start() {
    if (this.#waiting) { this.#waiting = false; waiting.delete(this); nearViewport().unobserve(this); }
    if (!this.#started) {
      this.#started = true;
      this.#link.integrity = SRI[CSS];
      this.#link.href = here(CSS);
      this.#root.prepend(this.#link);
      fetchCatalog(this.#lang()).catch(() => {});
      this.#showEarly();
    }
    this.#mount();
  }

  async #mount() {
    let m;
    // An element with a catalog-url (now, or set before it started) runs on the module that reads it.
    const full = this[MODULE]();
    try { m = await load(full); } catch (e) {
      this.#fail('start', e);
      return;
    }
    if (!this.isConnected || this.#widget || this.#refused) return;
    // A catalog-url set while the default module was downloading: start on the one that reads it.
    if (!full && this.hasAttribute('catalog-url')) { this.#mount(); return; }
    this.#full = full;
    let bytes;
    try { bytes = new Uint8Array(await fetchCatalog(this.#lang())); } catch (e) {
      this.#fail('catalog', e);
      return;
    }
    if (!this.isConnected || this.#widget || this.#refused) return;
    const attr = (n) => (this.hasAttribute(n) ? this.getAttribute(n) : undefined);
    // Mounted out of sight, next to the first screen; swapped in once what the person did there has
    // been played back on it.
    const live = document.createElement('div');
    live.hidden = true;
    this.#mountPoint.append(live);
    try {
      this.#widget = m.mount_widget(live, this, attr('lang'), attr('as-of'), attr('remember'), attr('mode'), bytes,
        (l, part) => fetchCatalog(l, part).catch((e) => { if (e instanceof IntegrityError) this.#report(e); throw e; }));
      PMEarly.qr(live, () => loadQr().catch((e) => { if (e instanceof IntegrityError) this.#report(e); throw e; }));
    } catch (e) {
      live.remove();
      this.#fail('start', e);
      return;
    }
    await PMEarly.tick();
    const early = this.#early;
    this.#early = null;
    const focus = early ? await early.replay(live) : null;
    if (this.#refused) return;
    for (const n of [...this.#mountPoint.childNodes]) if (n !== live) n.remove();
    this.#mountPoint.className = '';
    this.#mountPoint.removeAttribute('role');
    live.hidden = false;
    if (focus) focus.focus({ preventScroll: true });
    if (this.hasAttribute('catalog-url')) await this.#loadCatalog(this.getAttribute('catalog-url'));
    if (this.#pending) { const p = this.#pending; this.#pending = null; try { this.#widget.setProfile(p); } catch { /* reported by event */ } }
    this.#resolveReady(this);
  }

  /** Shown in the widget's place and reported: `what` is 'start' or 'catalog' (then `e` says why). */
  #fail(what, e) {
    if (e instanceof IntegrityError) { this.#refuse(e); return; }
    if (this.#refused) return;
    const why = e && e.message ? e.message : String(e);
    this.#show(`${this.#words()[what]}${why}`);
    this.#report(null, { message: `${WORDS.en[what]}${why}`, message_zh: `${WORDS.zh[what]}${why}` });
  }

  /** A file that failed its hash: nothing of the widget runs; the first screen, if shown, goes too. */
  #refuse(e) {
    if (this.#refused) return;
    this.#refused = true;
    if (this.#early) { this.#early.stop(); this.#early = null; }
    this.#unmount();
    this.#show(this.#words().integrity(e.file));
    this.#report(e);
  }

  /** The widget's title and `text`, in its place: a loading line (`status`) or why it does not run. */
  #show(text, role = 'alert') {
    this.#mountPoint.className = 'pm-loading';
    this.#mountPoint.setAttribute('role', role);
    const title = document.createElement('strong');
    title.textContent = this.#words().title;
    this.#mountPoint.replaceChildren(title, document.createElement('br'), text);
  }

  #report(integrity, detail) {
    if (integrity) detail = { code: 'integrity', file: integrity.file, message: WORDS.en.integrity(integrity.file), message_zh: WORDS.zh.integrity(integrity.file) };
    this.dispatchEvent(new CustomEvent('policy-matcher-error', { detail, bubbles: true, composed: true }));
  }

  async #loadCatalog(url) {
    if (!url) return;
    let text;
    try {
      const response = await fetch(new URL(url, document.baseURI), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await readLimited(response, this.#widget ? this.#widget.maxCatalogBytes : Infinity);
    } catch (e) {
      if (this.#widget) this.#widget.catalogFailed(url, String(e && e.message ? e.message : e));
      return;
    }
    if (typeof text !== 'string') { if (this.#widget) this.#widget.catalogTooLarge(url, text.declared); return; }
    if (this.#widget) { try { this.#widget.setCatalogJson(text, url); } catch { /* reported by event */ } }
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'loading') { if (value === 'eager' && this.#waiting) this.#start(); return; }
    if (!this.#widget) return;
    const v = value === null ? undefined : value;
    try {
      if (name === 'lang') this.#widget.setLang(v);
      else if (name === 'as-of') this.#widget.setAsOf(v);
      else if (name === 'mode') this.#widget.setMode(v);
      else if (name === 'catalog-url') {
        if (value && !this.#full) this.#moveToFull(value);
        else this.#loadCatalog(value);
      }
      else if (name === 'remember') { this.disconnectedCallback(); this.#mount(); }
    } catch { /* reported by event */ }
  }

  /**
   * A catalog-url set after the element started on the default module: the module with the reader
   * is fetched while the widget keeps working; then the widget is mounted again on it with the same
   * answers. If that module cannot be fetched, the widget stays as it was and says so.
   */
  async #moveToFull(url) {
    try { await load(true); } catch (e) {
      if (this.#widget) this.#widget.catalogFailed(url, `the module that reads catalogs did not load: ${e && e.message ? e.message : e}`);
      return;
    }
    if (!this.#widget || this.#full || !this.hasAttribute('catalog-url')) return;
    const answers = this.#widget.profile;
    this.#unmount();
    this.#pending = answers;
    this.#full = true;
    await this.#mount();
  }

  setProfile(profile) {
    if (!this.#widget) { this.#pending = profile; return; }
    this.#widget.setProfile(profile);
  }

  /** Shows the crash screen on purpose (for a host's QA; see SECURITY.md). */
  simulatePanic() { if (this.#widget) this.#widget.simulatePanic(); }

  get profile() { return this.#widget ? this.#widget.profile : null; }
  get results() { return this.#widget ? this.#widget.results : null; }
}

if (!customElements.get('policy-matcher')) customElements.define('policy-matcher', PolicyMatcherElement);
export { PolicyMatcherElement };
