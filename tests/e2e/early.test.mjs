// The first screen before the wasm (issue 18): the prerendered screen is answerable while the wasm
// downloads, what the person did there is played back on the mounted widget, the swap does not move
// anything, only the page's language is on the critical path, and a language switch fetches the
// other one (online, or from the service worker's cache offline). Runs against dist/ like
// widget.test.mjs; the wasm is held back with a route so that "before the mount" is deterministic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch, watch } from './browser.mjs';
import { start } from './server.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const ZH_TITLE = '政策匹配自测';
const EN_TITLE = 'Which support measures fit you?';
const axePath = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let browser, server;
before(async () => {
  browser = await launch();
  // Brotli, as a CDN would serve the files (it matters for the throttled phone test).
  server = await start({
    brotli: true,
    overrides: {
      '/test/early-host.html': `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Early host</title>
  <script type="module" src="/policy-matcher.js"></script>
</head>
<body>
  <p>A host page with one widget, guided, eager, remembering nothing.</p>
  <policy-matcher id="w" lang="en" mode="guided" loading="eager" remember="false"></policy-matcher>
</body>
</html>`,
    },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh context and page. Service workers are blocked unless `sw` is true: routing and
 * throttling are unreliable with one, and its precache would fetch every file after load.
 */
async function open({ viewport = DESKTOP, locale = 'zh-CN', sw = false, init } = {}) {
  const context = await browser.newContext({ viewport, locale, serviceWorkers: sw ? 'allow' : 'block' });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const problems = watch(page);
  return { context, page, problems };
}

/** Holds every wasm download until the returned function is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    try { await route.continue(); } catch { /* the page went away meanwhile */ }
  });
  return release;
}

/** A mid-range phone on a slow 4G link. */
async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** Records every request's file name, in order. */
function record(page) {
  const names = [];
  page.on('request', (r) => names.push(new URL(r.url()).pathname.split('/').pop()));
  return names;
}

/** Waits until the mounted widget is shown and nothing prerendered is left (in the page or a shadow root). */
async function waitLive(page, host = null, timeout = 30000) {
  await page.waitForFunction((host) => {
    const root = host ? document.querySelector(host)?.shadowRoot : document;
    if (!root) return false;
    const live = root.querySelector('.pm-app[data-pm=live]');
    return Boolean(live && live.checkVisibility() && !root.querySelector('[data-pm=prerendered]'));
  }, host, { timeout });
}

/** Waits until the page's DOM has not changed for `ms` (Yew renders in slices of ~16 ms, and its effects follow). */
const quiet = (page, ms = 300) => page.evaluate((ms) => new Promise((resolve) => {
  let timer = setTimeout(done, ms);
  const stopAt = setTimeout(done, 10000);
  const mo = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, ms); });
  mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  function done() { mo.disconnect(); clearTimeout(timer); clearTimeout(stopAt); resolve(); }
}), ms);

const waitPrerendered = (page, scope = '') => page.locator(`${scope} .pm-app[data-pm=prerendered]`.trim()).waitFor({ state: 'visible', timeout: 30000 });

test('answers given before the mount are kept: guided, phone, zh, throttled, wasm held', { timeout: 120000 }, async () => {
  const { context, page, problems } = await open({ viewport: PHONE, locale: 'zh-CN' });
  const release = await holdWasm(page);
  await throttle(context, page);
  await page.goto(server.url + '/', { waitUntil: 'commit' });
  await waitPrerendered(page);
  assert.equal(await page.locator('.pm-app[data-pm=live]').count(), 0, 'the wasm is held: nothing is mounted yet');
  assert.equal(await page.locator('.pm-guide .pm-q').getAttribute('id'), 'q-entity_type', 'guided, the applicant type first');

  await page.locator('#q-entity_type input[value=enterprise]').check();
  const next = page.locator('.pm-guide .pm-nav .pm-primary');
  assert.match(await next.textContent(), /继续/);
  await next.click();
  // The prerendered second screen for an enterprise.
  await page.waitForFunction(() => {
    const q = document.querySelector('[data-pm=prerendered] .pm-guide .pm-q');
    return q && q.id !== 'q-entity_type';
  });
  assert.equal(await page.locator('.pm-app[data-pm=live]').count(), 0, 'still before the mount');
  const secondId = await page.locator('[data-pm=prerendered] .pm-guide .pm-q').getAttribute('id');
  const option = page.locator('[data-pm=prerendered] .pm-guide .pm-q').locator('input[type=checkbox], input[type=radio]').first();
  const chosen = { name: (await option.getAttribute('name')).replace(/^pm\d+-/, ''), value: await option.getAttribute('value'), type: await option.getAttribute('type') };
  await option.click(); // focuses it, as a tap would
  assert.ok(await option.isChecked());
  const focusedBefore = await page.evaluate(() => ({ value: document.activeElement.value, name: document.activeElement.name }));
  assert.equal(focusedBefore.value, chosen.value, 'precondition: the clicked option has the focus');

  release();
  await waitLive(page, null, 60000);
  await quiet(page); // whatever the widget does after the swap (its effects) is done

  const live = page.locator('.pm-app[data-pm=live]');
  const progress = await live.locator('.pm-progress p').textContent();
  assert.equal(await live.locator('.pm-guide .pm-q').getAttribute('id'), secondId, `the same guided question as on the prerendered screen (progress: ${progress})`);
  assert.ok(await live.locator(`#${secondId} input[value="${chosen.value}"]`).isChecked(), `${secondId}: ${chosen.value} is checked`);
  assert.match(progress, /已回答 2\//, 'two questions answered');
  const focused = await page.evaluate(() => {
    const a = document.activeElement;
    return { inLive: Boolean(a && a.closest('.pm-app[data-pm=live]')), tag: a && a.tagName, name: a && a.name, value: a && a.value, type: a && a.type };
  });
  assert.deepEqual(focused, { inLive: true, tag: 'INPUT', name: focused.name, value: chosen.value, type: chosen.type }, JSON.stringify(focused));
  assert.equal((focused.name || '').replace(/^pm\d+-/, ''), chosen.name, 'the same question\'s control');

  const back = page.locator('.pm-guide .pm-nav .pm-secondary', { hasText: '上一题' });
  await back.click();
  await page.locator('.pm-app[data-pm=live] .pm-guide #q-entity_type').waitFor();
  assert.ok(await page.locator('.pm-app[data-pm=live] #q-entity_type input[value=enterprise]').isChecked(), 'back: the applicant type, enterprise chosen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the custom element keeps an answer given before the mount (en, guided, eager, remember=false)', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open({ viewport: PHONE, locale: 'en-US' });
  const release = await holdWasm(page);
  const names = record(page);
  await page.goto(server.url + '/test/early-host.html', { waitUntil: 'domcontentloaded' });
  await waitPrerendered(page, '#w');
  assert.equal(await page.evaluate(() => document.getElementById('w').profile), null, 'not mounted yet');
  assert.equal(await page.locator('#w .pm-guide .pm-q').getAttribute('id'), 'q-entity_type');
  assert.equal(await page.locator('#w h1').textContent(), EN_TITLE);
  await page.locator('#w #q-entity_type input[value=enterprise]').check();
  const go = page.locator('#w .pm-guide .pm-nav .pm-primary', { hasText: 'Continue' });
  assert.ok(await go.isEnabled(), `"Continue" is enabled once the applicant type is chosen (${problems.join('; ')})`);
  await go.click();
  await page.waitForFunction(() => {
    const q = document.getElementById('w').shadowRoot.querySelector('[data-pm=prerendered] .pm-guide .pm-q');
    return q && q.id !== 'q-entity_type';
  });
  const secondId = await page.locator('#w [data-pm=prerendered] .pm-guide .pm-q').getAttribute('id');
  assert.ok(names.some((n) => /^prerender-en-/.test(n)) && !names.some((n) => /^prerender-zh-|^catalog-zh-/.test(n)), `only English files: ${names}`);

  release();
  const { ready, profile } = await page.evaluate(async () => {
    const el = document.getElementById('w');
    const ready = await Promise.race([el.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 20000))]);
    return { ready, profile: el.profile };
  });
  assert.ok(ready, `el.ready resolves once the wasm is in (${problems.join('; ')})`);
  assert.deepEqual(profile, { entity_type: 'enterprise' });
  await waitLive(page, '#w');
  assert.equal(await page.locator('#w .pm-app[data-pm=live] .pm-guide .pm-q').getAttribute('id'), secondId, 'the live widget is on the same guided question');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`the prerendered and the mounted screens match: no layout shift (zh, ${viewport.width} px)`, { timeout: 60000 }, async () => {
    const { context, page, problems } = await open({
      viewport,
      locale: 'zh-CN',
      init: () => {
        window.__cls = 0;
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            window.__cls += e.value;
            window.__shifts.push({ t: Math.round(e.startTime), v: e.value, nodes: (e.sources || []).map((s) => s.node && (s.node.id || s.node.className || s.node.nodeName)) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      },
    });
    const release = await holdWasm(page);
    await page.goto(server.url + '/', { waitUntil: 'commit' });
    await waitPrerendered(page);
    await sleep(500);
    const legend = page.locator('#q-entity_type legend');
    const box = async () => { const b = await legend.boundingBox(); return b && { top: b.y, left: b.x }; };
    const before = await box();
    assert.ok(before, 'the first question is on the prerendered screen');
    assert.equal(await page.locator('.pm-app[data-pm=live]').count(), 0);
    release();
    await waitLive(page);
    await sleep(1000);
    const afterBox = await box();
    const { cls, shifts } = await page.evaluate(() => ({ cls: window.__cls, shifts: window.__shifts }));
    assert.ok(cls <= 0.1, `CLS ${cls.toFixed(4)} > 0.1: ${JSON.stringify(shifts)}`);
    assert.ok(Math.abs(afterBox.top - before.top) <= 2 && Math.abs(afterBox.left - before.left) <= 2,
      `the first question's legend moved: ${JSON.stringify(before)} → ${JSON.stringify(afterBox)}`);
    console.log(`# ${viewport.width} px: CLS ${cls.toFixed(4)} (${shifts.length} shifts), legend ${JSON.stringify(before)} → ${JSON.stringify(afterBox)}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('only the page\'s language is downloaded first; switching fetches the other with a loading line', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open({ viewport: DESKTOP, locale: 'zh-CN' });
  const names = record(page);
  await page.route(/catalog-en-[0-9a-f]+\.bin$/, async (route) => {
    await sleep(500);
    try { await route.continue(); } catch { /* the page went away meanwhile */ }
  });
  await page.goto(server.url + '/');
  await waitLive(page);
  // Once it runs the widget fetches the notes and clauses of the shown language: past that point
  // it has had every chance to fetch something English.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /details-zh-/.test(e.name)));
  await sleep(300);
  assert.ok(names.some((n) => /^catalog-zh-/.test(n)), `${names}`);
  assert.deepEqual(names.filter((n) => /-en-/.test(n)), [], 'nothing English before the switch');
  assert.equal(await page.locator('.pm-app[data-pm=live] h1').textContent(), ZH_TITLE);

  await page.locator('.pm-lang button[lang=en]').click();
  const line = page.locator('.pm-loading-lang', { hasText: 'Loading English' });
  await line.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await line.getAttribute('lang'), 'en');
  await page.locator('.pm-app[data-pm=live] h1', { hasText: EN_TITLE }).waitFor();
  assert.ok(names.some((n) => /^catalog-en-/.test(n)), `${names}`);
  assert.equal(await page.getByText(ZH_TITLE, { exact: true }).count(), 0, 'the Chinese title is gone');
  assert.equal(await page.locator('.pm-loading-lang').count(), 0, 'the loading line is gone');
  assert.equal(await page.locator('.pm-app[data-pm=live]').getAttribute('lang'), 'en');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link picks its language\'s file first (zh browser, l=en link)', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open({ viewport: DESKTOP, locale: 'zh-CN' });
  const release = await holdWasm(page);
  const names = record(page);
  await page.goto(server.url + '/#pm=1&v=x&l=en&entity_type=enterprise', { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /catalog-en-/.test(e.name)));
  await sleep(300);
  // No prerendered screen for a link: the loading line until the widget runs.
  assert.equal(await page.locator('[data-pm=prerendered]').count(), 0, 'no empty first screen over a share link');
  release();
  await waitLive(page);
  const catalogs = names.filter((n) => /^catalog-/.test(n));
  assert.match(catalogs[0] || '', /^catalog-en-/, `first catalog: ${catalogs}`);
  assert.deepEqual(catalogs.filter((n) => /^catalog-zh-/.test(n)), [], 'no Chinese catalog');
  assert.deepEqual(names.filter((n) => /^prerender-/.test(n)), [], 'no first screens fetched for a link');
  assert.equal(await page.locator('.pm-app[data-pm=live]').getAttribute('lang'), 'en');
  assert.equal(await page.locator('.pm-app[data-pm=live] h1').textContent(), EN_TITLE);
  assert.ok(await page.locator('#q-entity_type input[value=enterprise]').isChecked(), 'the link\'s answer');
  // `v=x` is not this catalog's version: the widget says so (as in journey.test.mjs).
  assert.deepEqual(problems.filter((p) => !/catalog version/.test(p)), []);
  await context.close();
});

test('offline: an installed page switches language with the server stopped', { timeout: 60000 }, async () => {
  const own = await start();
  const { context, page, problems } = await open({ viewport: DESKTOP, locale: 'zh-CN', sw: true });
  await page.goto(own.url + '/');
  await waitLive(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await page.waitForFunction(async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const urls = (await cache.keys()).map((r) => r.url);
      if (urls.some((u) => /catalog-en-/.test(u)) && urls.some((u) => /details-en-/.test(u))) return true;
    }
    return false;
  }, null, { timeout: 15000, polling: 200 });
  await own.close();
  await page.reload();
  await waitLive(page);
  assert.equal(await page.locator('.pm-app[data-pm=live] h1').textContent(), ZH_TITLE);
  await page.locator('.pm-lang button[lang=en]').click();
  await page.locator('.pm-app[data-pm=live] h1', { hasText: EN_TITLE }).waitFor({ timeout: 10000 });
  assert.equal(await page.locator('.pm-app[data-pm=live]').getAttribute('lang'), 'en');
  assert.match(await page.locator('.pm-progress p').textContent(), /answered/);
  assert.equal(await page.locator('.pm-notice.pm-error').count(), 0, 'no "could not load" notice');
  assert.deepEqual(problems.filter((p) => !/ERR_CONNECTION_REFUSED|sw\.js/.test(p)), []);
  await context.close();
});

test('details arrive after the start: a card\'s reasons quote the clause', { timeout: 60000 }, async () => {
  const { context, page, problems } = await open({ viewport: DESKTOP, locale: 'zh-CN' });
  const events = [];
  page.on('request', (r) => events.push(`request ${new URL(r.url()).pathname.split('/').pop()}`));
  page.on('requestfinished', (r) => events.push(`finished ${new URL(r.url()).pathname.split('/').pop()}`));
  await page.goto(server.url + '/');
  await waitLive(page);
  const expand = page.locator('.pm-app[data-pm=live] .pm-card .pm-expand').first();
  await expand.click();
  assert.equal(await expand.getAttribute('aria-expanded'), 'true');
  const clause = page.locator('.pm-app[data-pm=live] .pm-card .pm-why blockquote.pm-clause').first();
  await clause.waitFor({ state: 'visible', timeout: 15000 });
  assert.ok((await clause.textContent()).trim().length > 0, 'the clause has text');
  const wasmDone = events.findIndex((e) => /^finished .*_bg\.wasm$/.test(e));
  const details = events.findIndex((e) => /^request details-zh-/.test(e));
  assert.ok(wasmDone >= 0 && details >= 0, events.join('\n'));
  assert.ok(details > wasmDone, `details-zh was requested after the wasm: ${events.join(', ')}`);
  assert.deepEqual(events.filter((e) => /^request details-en-/.test(e)), [], 'not the other language\'s');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`accessibility of the prerendered screen: axe-core finds no WCAG 2.2 AA violation (${lang}, phone, wasm held)`, { timeout: 60000 }, async () => {
    const { context, page, problems } = await open({ viewport: PHONE, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const release = await holdWasm(page);
    await page.goto(server.url + '/', { waitUntil: 'domcontentloaded' });
    await waitPrerendered(page);
    assert.equal(await page.locator('.pm-app[data-pm=prerendered]').getAttribute('lang'), lang === 'zh' ? 'zh-CN' : 'en');
    await page.addScriptTag({ path: axePath });
    const run = () => page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    const report = (r) => r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    const first = await run();
    assert.ok(first.passes.length > 10, 'axe ran its rules');
    assert.deepEqual(report(first), [], 'the first guided question');
    // The second prerendered screen too.
    await page.locator('#q-entity_type input[value=enterprise]').check();
    await page.locator('.pm-guide .pm-nav .pm-primary').click();
    await page.waitForFunction(() => document.querySelector('[data-pm=prerendered] .pm-guide .pm-q')?.id !== 'q-entity_type');
    assert.equal(await page.locator('.pm-app[data-pm=live]').count(), 0, 'still before the mount');
    assert.deepEqual(report(await run()), [], 'the second guided question');
    release();
    assert.deepEqual(problems, []);
    await context.close();
  });
}
