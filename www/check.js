// The catalog check page (www/check.html): reads the files someone drops or picks, hands their
// texts to the check module (src/check.rs, feature `check`) and shows its report; on a valid
// catalog, a live preview of the widget on it (the element's `catalog-url`, given a blob: URL of the
// catalog's JSON form). Every word comes from the module (src/words/check.rs). Nothing is uploaded.
// scripts/post-build.mjs fills in the hashed names below.
const GLUE = '__CHECK_GLUE__';
const WASM = '__CHECK_WASM__';
const APPLICANTS = '__APPLICANTS__';
// What this page needs offline: fetched again once the service worker runs, which keeps them.
const OWN = '__OWN__';
// The limits of src/check.rs and src/catalog/mod.rs (MAX_FILES, MAX_FILE_BYTES): checked here
// before a file is read.
const MAX_FILES = 500;
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(location.search);
let lang = query.get('lang') === 'en' || (!query.has('lang') && !/^zh/i.test(navigator.language || 'zh')) ? 'en' : 'zh';
let module;
let words;
let applicants = '[]';
let drop = null; // { name, files: {path: text}, refused: [message] }: kept across language switches
let previewUrl = null;

const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined && v !== null) e[k] = v;
  e.append(...children);
  return e;
};

function chrome() {
  words = module.checkWords(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = words.title;
  $('title').textContent = words.title;
  $('lang').textContent = words.other_language;
  $('lang').lang = lang === 'zh' ? 'en' : 'zh-CN';
  $('lang').hidden = false;
  $('intro').textContent = words.intro;
  $('privacy').textContent = words.privacy;
  $('drop-label').textContent = words.drop;
  $('pick-folder-label').textContent = words.pick_folder;
  $('pick-file-label').textContent = words.pick_file;
  $('drop').hidden = false;
  $('problems-heading').textContent = words.problems;
  $('preview-heading').textContent = words.preview;
  $('preview-note').textContent = words.preview_note;
  if (!drop) $('status').textContent = words.no_catalog_yet;
}

// Beijing's date today: the evaluation date of the statuses and the diff.
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

// Which of a folder's files the reader needs: its TOML files and the source texts under it.
const wanted = (path) => (/^[^/]+\.toml$/i.test(path) || /\.txt$/i.test(path));

async function read(entries, name) {
  // entries: [{ path, file }] with paths inside the folder.
  const single = entries.length === 1 && /\.json$/i.test(entries[0].path);
  const chosen = single ? entries : entries.filter((e) => wanted(e.path));
  const refused = [];
  if (chosen.length > MAX_FILES) {
    drop = { name, files: {}, refused: [fill(words.too_many_files, { max: MAX_FILES, n: chosen.length })] };
    return;
  }
  const files = {};
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const { path, file } of chosen) {
    if (file.size > MAX_FILE_BYTES) { refused.push(fill(words.file_too_large, { file: path, n: file.size, max: MAX_FILE_BYTES })); continue; }
    try { files[path] = decoder.decode(await file.arrayBuffer()); } catch { refused.push(fill(words.not_text, { file: path })); }
  }
  drop = { name, files, refused };
}

function show() {
  if (!drop) return;
  if (!Object.keys(drop.files).length && drop.refused.length) {
    // Nothing could be read: say why, and leave the last report out of it.
    $('status').textContent = drop.refused.join(' ');
    $('status').className = 'bad';
    $('report').hidden = true;
    preview({ ok: false });
    return;
  }
  let report;
  try {
    report = module.checkCatalog(drop.name, drop.files, applicants, today(), lang);
  } catch (e) {
    $('status').textContent = words.crashed;
    $('status').className = 'bad';
    console.error('policy-matcher check:', e);
    return;
  }
  $('status').textContent = drop.refused.join(' ');
  $('status').className = drop.refused.length ? 'bad' : '';
  $('headline').textContent = report.headline;
  $('headline').className = report.ok ? 'ok' : 'bad';
  $('read').textContent = report.read;
  const list = $('problems');
  list.replaceChildren(...report.problems.map((p) => {
    const where = p.file + (p.line ? `:${p.line}:${p.column}` : '');
    const at = [p.measure ? `${p.measure}` : '', p.path].filter(Boolean).join(' · ');
    return el('li', {},
      el('div', {}, el('span', { className: 'where', textContent: where }), ' ', el('span', { className: 'code', textContent: `${p.code} ${p.name}` })),
      at ? el('div', { className: 'where muted', textContent: at }) : '',
      el('div', { textContent: p.message[lang] }),
      p.hint[lang] ? el('div', { className: 'muted', textContent: `${words.fix}${p.hint[lang]}` }) : '');
  }));
  $('problems-heading').hidden = report.problems.length === 0;
  $('sections').replaceChildren(...report.sections.map((s) => {
    const box = el('section', { id: `s-${s.id}` });
    const table = el('table', { className: s.columns.length > 3 ? 'wide' : '' }, el('caption', { textContent: s.heading }));
    table.append(el('thead', {}, el('tr', {}, ...s.columns.map((c) => el('th', { scope: 'col', textContent: c })))));
    table.append(el('tbody', {}, ...s.rows.map((r) => el('tr', {}, ...r.map((c, i) => el('td', { className: i > 0 && /^[\d/]+$/.test(c) ? 'n' : '', textContent: c }))))));
    // Scrolls sideways on a phone: focusable, so the keyboard can scroll it too. A table with no
    // rows is only its heading and note.
    if (s.rows.length) box.append(el('div', { className: 'scroll', tabIndex: 0, role: 'region', ariaLabel: s.heading }, table));
    else box.append(el('h3', { className: 'caption', textContent: s.heading }));
    if (s.note) box.append(el('p', { className: 'muted', textContent: s.note }));
    return box;
  }));
  $('report').hidden = false;
  preview(report);
}

// The widget on the checked catalog: the same element a host embeds, given the catalog's JSON form.
function preview(report) {
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = null;
  $('preview-box').replaceChildren();
  $('preview').hidden = !report.ok;
  if (!report.ok) return;
  previewUrl = URL.createObjectURL(new Blob([report.json], { type: 'application/json' }));
  const widget = document.createElement('policy-matcher');
  widget.setAttribute('lang', lang);
  widget.setAttribute('remember', 'false');
  widget.setAttribute('loading', 'eager');
  widget.setAttribute('catalog-url', previewUrl);
  $('preview-box').append(widget);
}

async function run(entries, name) {
  $('status').className = '';
  $('status').textContent = words.reading;
  await read(entries, name);
  show();
  if (!$('report').hidden) $('headline').focus();
}

// A dropped folder, walked (DataTransfer entries), or dropped files.
async function walk(entry, prefix, out) {
  if (entry.isFile) {
    out.push({ path: prefix + entry.name, file: await new Promise((ok, no) => entry.file(ok, no)) });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, no) => reader.readEntries(ok, no));
      if (!batch.length) break;
      for (const e of batch) await walk(e, `${prefix}${entry.name}/`, out);
      if (out.length > MAX_FILES * 4) break;
    }
  }
}

// Paths inside the folder: a picked or dropped folder's own name is taken off.
function inside(list) {
  const first = list.length && list[0].path.includes('/') ? list[0].path.split('/')[0] : '';
  const all = first && list.every((e) => e.path.startsWith(`${first}/`));
  return { name: all ? first : (list.length === 1 ? list[0].path : ''), entries: all ? list.map((e) => ({ ...e, path: e.path.slice(first.length + 1) })) : list };
}

function listen() {
  const zone = $('drop');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const out = [];
    const items = [...(e.dataTransfer.items || [])].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (items.length) { for (const entry of items) await walk(entry, '', out); }
    else for (const file of e.dataTransfer.files) out.push({ path: file.name, file });
    const { name, entries } = inside(out);
    run(entries, name);
  });
  for (const id of ['pick-folder', 'pick-file']) {
    $(id).addEventListener('change', (e) => {
      const list = [...e.target.files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
      e.target.value = '';
      if (!list.length) return;
      const { name, entries } = inside(list);
      run(entries, name);
    });
  }
  $('lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
    chrome();
    show();
  });
}

// Offline: the service worker of the widget's folder (dist/sw.js; a package host has its own, or
// none) is registered, and once it runs, this page's files are fetched through it (it keeps them).
function keepOffline() {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => { /* no offline copy here */ });
  navigator.serviceWorker.ready.then(async () => {
    if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    const all = await Promise.all(OWN.map((f) => fetch(new URL(f, document.baseURI)).then((r) => r.ok, () => false)));
    if (all.every(Boolean)) document.documentElement.dataset.offline = 'ready';
  });
}

try {
  const glue = await import(new URL(GLUE, import.meta.url));
  await glue.default({ module_or_path: new URL(WASM, import.meta.url) });
  module = glue;
  applicants = await fetch(new URL(APPLICANTS, import.meta.url)).then((r) => (r.ok ? r.text() : '[]'), () => '[]');
  await import('./policy-matcher.js');
  chrome();
  listen();
  document.documentElement.dataset.ready = 'true';
  keepOffline();
} catch (e) {
  console.error('policy-matcher check:', e);
  $('intro').textContent = '检查程序无法加载，请刷新页面重试。 · The checker could not be loaded; reload the page to try again.';
  $('intro').className = 'bad';
}
