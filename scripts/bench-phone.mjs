// Cold start on a throttled "phone": a first visit from a mid-range phone on a slow mobile link.
// bench-browser.mjs's cold() is the same start unthrottled on this machine; here each run gets
// 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT (DevTools network emulation), a CPU 4× slower
// (Emulation.setCPUThrottlingRate), a 390 px wide touch screen at 2×, files served brotli-compressed
// (quality 11, as a CDN would), in a fresh context with service workers blocked, so that every build
// is a first visit and the minimal Yew app (no service worker) is like for like.
// Per run, as ms since navigation start, recorded inside the page by an init script (a
// MutationObserver plus a frame loop, so polling from outside never lags under the CPU throttle):
//  - first question visible and answerable: `#q-entity_type input` exists with a non-zero box and no
//    [hidden] ancestor (the minimal app: `#ready` exists, its first paint);
//  - widget running: `.pm-app[data-pm="live"]` exists (the build before has no prerender: its first
//    question is the mounted widget; the minimal app: `#ready`);
//  - critical-path bytes: CDP encodedDataLength (transfer incl. headers) of every request that
//    finished before the widget runs.
// Builds: dist/ at "/" (now, measured in zh-CN and en-US), target/before-dist at /before/ (an older
// commit built with --public-url /before/; zh-CN) and target/minimal-dist at /minimal/; a missing one
// is left out with a note. Runs are interleaved (now zh, minimal, before, now en, …) so that a slow
// spell of this shared machine falls on all of them. Markdown on stdout, diagnostics on stderr.
// Usage: node scripts/bench-phone.mjs [--runs N (12)] [--before-rev REV (3e15c03)]
//          [--live-selector CSS (override the current build's "widget running" condition, e.g.
//           '#q-entity_type input' for a dist/ built before data-pm="live" existed)]
//          [--verbose (each request's start–finish and size on stderr)]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zc } from 'node:zlib';
import { launch } from '../tests/e2e/browser.mjs';
import { start } from '../tests/e2e/server.mjs';

const repo = fileURLToPath(new URL('../', import.meta.url));
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt; };
const runs = Number(arg('--runs', 12));
const beforeRev = arg('--before-rev', '3e15c03');
const liveSelector = arg('--live-selector', '.pm-app[data-pm="live"]');
const verbose = process.argv.includes('--verbose');
const TIMEOUT = 60000;
const Q = '#q-entity_type input';
const log = (...a) => console.error(...a);

const builds = {
  now: { dir: 'dist', path: '/', first: Q, visible: true, live: liveSelector },
  minimal: { dir: 'target/minimal-dist', path: '/minimal/', first: '#ready', visible: false, live: null },
  before: { dir: 'target/before-dist', path: '/before/', first: Q, visible: true, live: null },
};
const notes = [];
for (const [name, b] of Object.entries(builds)) {
  b.present = existsSync(`${repo}${b.dir}/index.html`);
  if (!b.present) notes.push(`${b.dir}/index.html is missing: the ${name} column is left out.`);
}
if (!builds.now.present) { log('dist/index.html is missing: nothing to measure'); process.exit(1); }
const series = [['now', 'zh-CN'], ['minimal', 'zh-CN'], ['before', 'zh-CN'], ['now', 'en-US']].filter(([b]) => builds[b].present);
const key = (b, locale) => `${b}/${locale}`;
const results = Object.fromEntries(series.map(([b, l]) => [key(b, l), []]));

// The full precache of the current build: what its service worker fetches after the first visit
// (PNGs as they are: the server sends them uncompressed). Read before the runs, like dist/ itself.
const br = (buf) => brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;
const served = (f) => { const buf = readFileSync(`${repo}dist/${f}`); return extname(f) === '.png' ? buf.length : br(buf); };
const sw = readFileSync(`${repo}dist/sw.js`, 'utf8');
const precache = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(sw)[1]);
const precacheBytes = precache.reduce((s, f) => s + served(f === './' ? 'index.html' : f), 0) + served('sw.js');

// dist/ rebuilt during the runs (another build writing it) would mix two builds: checked at the end.
const fingerprint = (dir) => readdirSync(`${repo}${dir}`).map((f) => { try { return `${f}:${statSync(`${repo}${dir}/${f}`).mtimeMs}`; } catch { return f; } }).sort().join();
const distBefore = fingerprint('dist');
const server = await start({ brotli: true, mounts: { '/minimal/': 'target/minimal-dist', '/before/': 'target/before-dist' } });
// Compress everything once before the runs: a first brotli -q 11 of a wasm blocks the server for seconds.
for (const b of Object.values(builds)) if (b.present) {
  for (const f of readdirSync(`${repo}${b.dir}`)) await fetch(server.url + b.path + f, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
}
const browser = await launch();

// In the page, from before its first byte: the first moment each condition holds, in window.__pmBench.
function recorder(cfg) {
  const b = (window.__pmBench = { first: null, live: null, done: false });
  const shown = (el) => { if (el.closest('[hidden]')) return false; const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const check = () => {
    if (b.done) return true;
    const t = performance.now();
    if (b.first === null) { const el = document.querySelector(cfg.first); if (el && (!cfg.visible || shown(el))) b.first = t; }
    if (b.live === null && cfg.live && document.querySelector(cfg.live)) b.live = t;
    if (b.first !== null && (b.live !== null || !cfg.live)) {
      if (b.live === null) b.live = b.first;
      b.done = true;
      mo.disconnect();
    }
    return b.done;
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { subtree: true, childList: true, attributes: true });
  const frame = () => { if (!check()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}

async function run(name, locale) {
  const b = builds[name];
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale });
  try {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const reqs = new Map();
    let doc = null;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!e.request.url.startsWith('data:')) reqs.set(e.requestId, { url: e.request.url, start: e.timestamp });
      if (!doc && e.type === 'Document') doc = { ts: e.timestamp, wall: e.wallTime };
    });
    cdp.on('Network.loadingFinished', (e) => { const r = reqs.get(e.requestId); if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength }); });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(recorder, { first: b.first, visible: b.visible, live: b.live });
    const t0 = Date.now();
    await page.goto(server.url + b.path, { waitUntil: 'commit', timeout: TIMEOUT });
    await page.waitForFunction(() => window.__pmBench && window.__pmBench.done, null, { polling: 100, timeout: Math.max(1000, TIMEOUT - (Date.now() - t0)) });
    const { first, live, origin } = await page.evaluate(() => ({ ...window.__pmBench, origin: performance.timeOrigin }));
    // CDP timestamps (monotonic s) → the page's clock (ms since its time origin), through the document request's wall time.
    const at = (ts) => (doc.wall + (ts - doc.ts)) * 1000 - origin;
    const done = [...reqs.values()].filter((r) => r.end !== undefined && at(r.end) <= live);
    if (verbose) for (const r of reqs.values()) log(`  ${at(r.start).toFixed(0)}–${r.end === undefined ? '(unfinished)' : at(r.end).toFixed(0)} ms ${r.bytes ?? '?'} B ${new URL(r.url).pathname}`);
    return { first, live, docStart: at(doc.ts), bytes: done.reduce((s, r) => s + r.bytes, 0), files: done.map((r) => new URL(r.url).pathname) };
  } finally {
    await ctx.close();
  }
}

for (let i = 0; i < runs; i++) {
  for (const [name, locale] of series) {
    try {
      const r = await run(name, locale);
      results[key(name, locale)].push(r);
      log(`run ${i + 1}/${runs} ${key(name, locale)}: first ${r.first.toFixed(0)} ms, live ${r.live.toFixed(0)} ms, ${(r.bytes / 1000).toFixed(1)} kB in ${r.files.length} requests (document request at ${r.docStart.toFixed(1)} ms)`);
    } catch (e) {
      log(`run ${i + 1}/${runs} ${key(name, locale)}: excluded (${e.message.split('\n')[0]})`);
    }
  }
}
await browser.close();
await server.close();
if (fingerprint('dist') !== distBefore) { log('dist/ CHANGED during the runs: the figures for "now" mix builds'); notes.push('dist/ changed during the runs (a build wrote it): the "now" figures mix builds; run again.'); }

const median = (xs) => { const s = [...xs].sort((a, b) => a - b), h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
const cols = [['before', 'zh-CN'], ['now', 'zh-CN'], ['now', 'en-US'], ['minimal', 'zh-CN']].map(([b, l]) => results[key(b, l)] || []);
const timing = (rs, f, suffix = '') => (rs.length ? `${median(rs.map(f)).toFixed(0)} ms (${Math.min(...rs.map(f)).toFixed(0)}–${Math.max(...rs.map(f)).toFixed(0)})${suffix}` : '—');
const [minimal] = cols.slice(3);
const ratio = (rs, f) => (rs.length && minimal.length ? `${(median(rs.map(f)) / median(minimal.map(f))).toFixed(2)}×` : '—');
const kB = (rs) => (rs.length ? `${(median(rs.map((r) => r.bytes)) / 1000).toFixed(1)} kB` : '—');
const n = Math.max(...cols.map((c) => c.length));
const first = (r) => r.first, live = (r) => r.live;
console.log(`| throttled phone (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, CPU 4× slower; 390 px; fresh context; median of ${n}${cols.some((c) => c.length && c.length < n) ? ', fewer where runs timed out' : ''}) | before (${beforeRev}) | now, zh | now, en | minimal Yew app |`);
console.log('|---|---:|---:|---:|---:|');
console.log(`| first question visible and answerable | ${cols.map((c, i) => timing(c, first, i === 3 && c.length ? ' (first paint)' : '')).join(' | ')} |`);
console.log(`| widget running (wasm mounted, results live) | ${cols.map((c) => timing(c, live)).join(' | ')} |`);
console.log(`| ratio to the minimal app: first question (goal ≤ 1.0) | ${cols.map((c) => ratio(c, first)).join(' | ')} |`);
console.log(`| ratio to the minimal app: widget running (goal ≤ 1.5) | ${cols.map((c) => ratio(c, live)).join(' | ')} |`);
console.log(`| critical-path bytes (brotli, transferred before the widget runs) | ${cols.map(kB).join(' | ')} |`);
console.log(`| full precache (brotli) | — | ${(precacheBytes / 1000).toFixed(1)} kB | | — |`);
console.log('');
console.log('Critical-path files (requests finished before the widget runs, in any run):');
for (const [label, rs] of [['now, zh', cols[1]], ['now, en', cols[2]]]) {
  console.log(`- ${label}: ${rs.length ? [...new Set(rs.flatMap((r) => r.files))].map((f) => `\`${f}\``).join(', ') : '—'}`);
}
if (process.argv.includes('--live-selector')) notes.push(`"widget running" for the current build is \`${liveSelector}\` (--live-selector), not \`.pm-app[data-pm="live"]\`.`);
for (const note of notes) console.log(`\nNote: ${note}`);
