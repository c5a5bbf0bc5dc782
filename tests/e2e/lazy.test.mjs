// Lazy start: a <policy-matcher> below the fold downloads neither the wasm nor its glue until it is
// scrolled near the viewport; `loading="eager"` and browsers without IntersectionObserver load at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watch } from './browser.mjs';
import { start } from './server.mjs';

let browser, server;
before(async () => {
  browser = await launch();
  server = await start();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page in a fresh context, recording every request for the widget's wasm, glue and CSS. */
async function open(path, { init } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const problems = watch(page);
  const heavy = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.slice(1);
    if (/_bg\.wasm$/.test(name) || /^policy-matcher-[0-9a-f]+\.js$/.test(name) || /^style-[0-9a-f]+\.css$/.test(name)) heavy.push(name);
  });
  await page.goto(server.url + path, { waitUntil: 'load' });
  await page.evaluate(() => customElements.whenDefined('policy-matcher'));
  return { page, context, problems, heavy };
}

const settle = (page) => page.waitForTimeout(1200);
const ready = (page) => page.evaluate(async () => { await document.getElementById('w').ready; return true; });
const mounted = (page) => page.evaluate(() => Boolean(document.getElementById('w').results));

test('below the fold: no wasm until scrolled near; then it mounts and ready resolves', { timeout: 60000 }, async () => {
  const { page, context, problems, heavy } = await open('/test/lazy.html');
  await settle(page);
  assert.deepEqual(heavy, [], 'nothing heavy is fetched while the element is far below the fold');
  // It shows its title and a loading line meanwhile.
  const text = await page.locator('#w .pm-loading').textContent();
  assert.match(text, /Which support measures fit you\?/);
  assert.match(text, /Loading/);
  assert.equal(await mounted(page), false);
  let resolved = false;
  page.evaluate(() => document.getElementById('w').ready).then(() => { resolved = true; }, () => {});
  await page.waitForTimeout(200);
  assert.equal(resolved, false, '`ready` waits for the element to start');
  // Scrolling to within about a viewport of it starts the download.
  await page.evaluate(() => window.scrollTo(0, document.getElementById('w').offsetTop - 900 * 1.8));
  await page.waitForFunction(() => document.getElementById('w').results, null, { timeout: 30000 });
  assert.ok(heavy.some((f) => f.endsWith('_bg.wasm')), 'the wasm is fetched once near');
  assert.ok(await ready(page));
  await page.locator('#w #q-entity_type input[value=enterprise]').waitFor();
  // Events and attributes behave as for an eager element.
  await page.evaluate(() => {
    window.events = [];
    document.getElementById('w').addEventListener('policy-matcher-change', (e) => window.events.push(e.detail));
  });
  await page.locator('#w #q-entity_type input[value=enterprise]').check();
  await page.waitForFunction(() => window.events.length > 0);
  assert.equal(await page.evaluate(() => window.events.at(-1).profile.entity_type), 'enterprise');
  await page.evaluate(() => document.getElementById('w').setAttribute('lang', 'zh'));
  await page.waitForFunction(() => /企业/.test(document.getElementById('w').shadowRoot.textContent));
  assert.equal(heavy.filter((f) => f.endsWith('_bg.wasm')).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('setProfile before the element is near is applied once it mounts', { timeout: 60000 }, async () => {
  const { page, context, problems, heavy } = await open('/test/lazy.html');
  await page.evaluate(() => document.getElementById('w').setProfile({ entity_type: 'bank', location: 'haidian' }));
  await settle(page);
  assert.deepEqual(heavy, [], 'setProfile does not start the download');
  await page.evaluate(() => {
    window.events = [];
    document.getElementById('w').addEventListener('policy-matcher-change', (e) => window.events.push(e.detail));
  });
  await page.locator('#w').scrollIntoViewIfNeeded();
  assert.ok(await ready(page));
  await page.waitForTimeout(100);
  assert.deepEqual(await page.evaluate(() => document.getElementById('w').profile), { entity_type: 'bank', location: 'haidian' });
  assert.ok(await page.locator('#w #q-entity_type input[value=bank]').isChecked());
  assert.equal(await page.evaluate(() => window.events.at(-1)?.profile.entity_type), 'bank');
  assert.deepEqual(problems, []);
  await context.close();
});

test('loading="eager" below the fold loads at once', { timeout: 60000 }, async () => {
  const { page, context, problems, heavy } = await open('/test/lazy-eager.html');
  assert.ok(await ready(page));
  assert.ok(heavy.some((f) => f.endsWith('_bg.wasm')));
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'without scrolling');
  assert.ok(await mounted(page));
  assert.deepEqual(problems, []);
  await context.close();
});

test('setting loading="eager" on a waiting element starts it', { timeout: 60000 }, async () => {
  const { page, context, problems, heavy } = await open('/test/lazy.html');
  await settle(page);
  assert.deepEqual(heavy, []);
  await page.evaluate(() => document.getElementById('w').setAttribute('loading', 'eager'));
  assert.ok(await ready(page));
  assert.ok(heavy.some((f) => f.endsWith('_bg.wasm')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('once one element has fetched the wasm, an element far below starts too', { timeout: 60000 }, async () => {
  const { page, context, problems, heavy } = await open('/test/lazy.html');
  await settle(page);
  assert.deepEqual(heavy, []);
  await page.evaluate(async () => {
    const top = document.createElement('policy-matcher');
    top.setAttribute('lang', 'en');
    top.setAttribute('remember', 'false');
    document.body.prepend(top);
    await top.ready;
  });
  assert.ok(await ready(page), 'the far element mounts without scrolling');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(heavy.filter((f) => f.endsWith('_bg.wasm')).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without IntersectionObserver the element loads at once', { timeout: 60000 }, async () => {
  const { page, context, problems, heavy } = await open('/test/lazy.html', { init: () => { delete window.IntersectionObserver; } });
  assert.ok(await ready(page));
  assert.ok(heavy.some((f) => f.endsWith('_bg.wasm')));
  assert.deepEqual(problems, []);
  await context.close();
});
