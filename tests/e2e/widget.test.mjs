// End-to-end tests of the embeddable widget in Debian's Chromium (node --test tests/e2e/).
// They run against dist/ (a release `trunk build`), served on 127.0.0.1 by ./server.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, watch } from './browser.mjs';
import { start } from './server.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = (...args) => execFileSync('cargo', ['run', '--quiet', '--', ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });

// Catalogs served to `catalog-url`: a good one (only the 2024 document), and broken ones.
const exported = JSON.parse(cli('export', '--format', 'json'));
const bundledCount = exported.documents.reduce((n, d) => n + d.measure.length, 0);
const good = { ...exported, documents: exported.documents.filter((d) => d.document.id === 'zgc2024') };
const goodCount = good.documents[0].measure.length;
const invalid = structuredClone(good);
invalid.documents[0].measure[0].criteria[0] = { field: 'entity_type', in: ['startup'], clause: '企业', reason: { zh: '企业', en: 'Company' } };
// Every text of a catalog carrying markup that would run if it were ever treated as HTML.
const PAYLOAD = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"><b onmouseover="window.__xss = 3">';
const poison = (v, key) => {
  if (Array.isArray(v)) return v.map((x) => poison(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, k)]));
  return typeof v === 'string' && ['zh', 'en', 'clause'].includes(key) ? v + PAYLOAD : v;
};
const hostile = poison(good);
const badLink = structuredClone(good);
badLink.documents[0].measure[0].url = 'javascript:window.__xss=4';
const catalogs = { 'good.json': JSON.stringify(good), 'invalid.json': JSON.stringify(invalid), 'not-json.json': '{"format": "policy-matcher-catalog/1", oops', 'hostile.json': JSON.stringify(hostile), 'bad-link.json': JSON.stringify(badLink),
  // Over the widget's 32 MiB limit: streamed without a length (cut off while downloading), and
  // declaring 600 MB up front (refused before its body is read).
  'huge-stream.json': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let sent = 0;
    const more = () => { while (sent < 40 && !res.destroyed) { sent += 1; if (!res.write(chunk)) { res.once('drain', more); return; } } res.end(); };
    req.on('close', () => res.destroy());
    more();
  },
  'huge-declared.json': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(600 * 1000 * 1000) });
    res.write('{"format": ');
    req.on('close', () => res.destroy());
  },
};

let browser, server;
before(async () => {
  browser = await launch();
  server = await start({
    catalogs,
    headers: { '/test/csp.html': { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:" } },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page with a fresh context (no storage, no service worker shared between tests). */
async function open(path, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(server.url + path);
  return { page, context, problems };
}

async function addWidget(page, attrs = {}) {
  return page.evaluate(async (attrs) => {
    const el = document.createElement('policy-matcher');
    el.id = `w${document.querySelectorAll('policy-matcher').length}`;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    window.events = window.events || [];
    el.addEventListener('policy-matcher-change', (e) => window.events.push({ type: 'change', id: el.id, detail: e.detail }));
    el.addEventListener('policy-matcher-error', (e) => window.events.push({ type: 'error', id: el.id, detail: e.detail }));
    document.body.append(el);
    await el.ready;
    await new Promise((r) => setTimeout(r, 100));
    return el.id;
  }, attrs);
}

const counts = (page, id) => page.evaluate((id) => document.getElementById(id).results.counts, id);
const uiCount = async (page, scope, verdict) => Number(await page.locator(`${scope} .pm-${verdict} .pm-count`).first().textContent());

test('a hostile host page cannot break the widget; answers update results and fire change events', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/hostile.html');
  await page.evaluate(() => {
    window.events = [];
    document.getElementById('w').addEventListener('policy-matcher-change', (e) => window.events.push(e.detail));
  });
  await page.locator('#w .pm-app[data-pm=live] .pm-q').first().waitFor();
  // The host's `* { all: unset }`, huge fonts and `display: none` on our class names stay outside.
  const style = await page.locator('#w .pm-app').evaluate((el) => {
    const s = getComputedStyle(el);
    const opt = getComputedStyle(el.querySelector('.pm-opt'));
    const input = getComputedStyle(el.querySelector('.pm-opt input'));
    return { display: s.display, fontSize: s.fontSize, color: s.color, optDisplay: opt.display, optBorder: opt.borderTopWidth, inputSize: input.fontSize };
  });
  assert.equal(style.display, 'block');
  assert.equal(style.fontSize, '16px');
  assert.equal(style.color, 'rgb(26, 29, 33)');
  assert.notEqual(style.optDisplay, 'none');
  assert.equal(style.optBorder, '1px');
  assert.notEqual(style.inputSize, '60px');

  await page.locator('#w #q-entity_type input[value=enterprise]').check();
  await page.locator('#w #q-enterprise_size input[value=small]').check();
  await page.locator('#w #q-location input[value=haidian]').check();
  await page.locator('#w #q-industries input[value=artificial_intelligence]').check();
  // Tech-based and working on key-technology innovation: zgc2024-01's stated conditions (audit 2026-12 #2).
  await page.locator('#w #q-qualifications input[value=tech_sme]').check();
  await page.locator('#w #q-activities input[value=key_tech_innovation]').check();
  await page.waitForTimeout(100);
  const last = await page.evaluate(() => window.events.at(-1));
  assert.deepEqual(last.profile, {
    entity_type: 'enterprise', enterprise_size: 'small', industries: ['artificial_intelligence'], location: 'haidian',
    qualifications: ['tech_sme'], activities: ['key_tech_innovation'],
  });
  // The event carries the CLI's result shape, and it agrees with the CLI and with what is shown.
  const fromCli = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--', 'match', '--profile', '-', '--as-of', last.results.as_of], {
    cwd: repo, encoding: 'utf8', input: JSON.stringify(last.profile),
  }));
  assert.deepEqual(last.results.results.map((r) => [r.id, r.verdict]), fromCli.results.map((r) => [r.id, r.verdict]));
  assert.equal(last.results.catalog.version, fromCli.catalog.version);
  assert.equal(await uiCount(page, '#w', 'eligible'), last.results.counts.eligible);
  assert.ok(last.results.counts.eligible > 0);
  assert.deepEqual(await page.evaluate(() => document.getElementById('w').results.counts), last.results.counts);
  assert.deepEqual(problems, []);
  await context.close();
});

test('setProfile prefills; a bad profile is refused whole with a readable error', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  const id = await addWidget(page, { lang: 'en', remember: 'false' });
  await page.evaluate((id) => document.getElementById(id).setProfile({ entity_type: 'bank', location: 'haidian', activities: ['bank_vc_cooperation'] }), id);
  await page.waitForTimeout(100);
  assert.ok(await page.locator(`#${id} #q-entity_type input[value=bank]`).isChecked());
  assert.deepEqual(await page.evaluate((id) => document.getElementById(id).profile, id), { entity_type: 'bank', location: 'haidian', activities: ['bank_vc_cooperation'] });
  const bankEligible = (await counts(page, id)).eligible;
  assert.ok(bankEligible > 0, 'a bank doing loan + equity products is eligible for the credit measure');

  const thrown = await page.evaluate((id) => {
    try { document.getElementById(id).setProfile({ entity_type: 'startup', employees: 'many' }); return null; } catch (e) { return String(e.message || e); }
  }, id);
  assert.match(thrown, /entity_type/);
  assert.match(thrown, /allowed: enterprise, university/);
  assert.match(thrown, /employees/);
  const error = await page.evaluate(() => window.events.filter((e) => e.type === 'error').at(-1).detail.message);
  assert.match(error, /setProfile was refused/);
  // Nothing was half-applied, and the person sees why; the host gets the problems as data.
  assert.deepEqual(await page.evaluate((id) => document.getElementById(id).profile, id), { entity_type: 'bank', location: 'haidian', activities: ['bank_vc_cooperation'] });
  const structured = await page.evaluate(() => window.events.filter((e) => e.type === 'error').at(-1).detail.problems);
  assert.deepEqual(structured.map((p) => [p.field, p.code]).sort(), [['employees', 'wrong_type'], ['entity_type', 'unknown_option']]);
  assert.ok(structured.every((p) => p.message.zh && p.message.en && !/allowed|unknown/.test(p.message.zh)), JSON.stringify(structured));
  assert.match(await page.locator(`#${id} .pm-notice.pm-error`).textContent(), /setProfile was refused/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two instances side by side are independent; removing one frees it', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/two.html');
  await page.locator('#a .pm-app[data-pm=live] .pm-q').first().waitFor();
  await page.locator('#b .pm-app[data-pm=live] .pm-q').first().waitFor();
  await page.locator('#a #q-entity_type input[value=university]').check();
  await page.waitForTimeout(100);
  assert.ok(await page.locator('#a #q-entity_type input[value=university]').isChecked());
  assert.ok(!(await page.locator('#b #q-entity_type input[value=university]').isChecked()));
  assert.equal(await page.locator('#a h1').textContent(), 'Which support measures fit you?');
  assert.equal(await page.locator('#b h1').textContent(), '政策匹配自测');
  await page.evaluate(() => document.getElementById('a').remove());
  await page.locator('#b #q-entity_type input[value=bank]').check();
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.getElementById('b').profile.entity_type), 'bank');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a prefill before ready is never lost, and the host reads back what it wrote (two instances)', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/two.html');
  const result = await page.evaluate(async () => {
    await customElements.whenDefined('policy-matcher');
    const [a, b] = ['a', 'b'].map((id) => document.getElementById(id));
    const changes = [];
    a.addEventListener('policy-matcher-change', (e) => changes.push(e.detail.profile.entity_type));
    a.setProfile({ entity_type: 'bank', activities: ['bank_vc_cooperation'] }); // before ready
    await a.ready;
    await b.ready;
    const afterReady = a.profile;
    b.setProfile({ entity_type: 'university' }); // after ready: read back at once
    const readBack = b.profile;
    const results = b.results;
    // The change event follows the results' repaint (a task after the mount): wait for it, up to 5 s.
    for (let t = 0; t < 50 && !changes.includes('bank'); t++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 100));
    return { afterReady, readBack, resultsFor: results && results.results.length, changes, laterA: a.profile, laterB: b.profile };
  });
  assert.deepEqual(result.afterReady, { entity_type: 'bank', activities: ['bank_vc_cooperation'] });
  assert.deepEqual(result.readBack, { entity_type: 'university' });
  assert.ok(result.resultsFor > 0);
  assert.ok(result.changes.includes('bank'), `a change event carried the prefill: ${JSON.stringify(result.changes)}`);
  assert.deepEqual(result.laterA, { entity_type: 'bank', activities: ['bank_vc_cooperation'] });
  assert.deepEqual(result.laterB, { entity_type: 'university' });
  assert.ok(await page.locator('#a #q-entity_type input[value=bank]').isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a good runtime catalog is used; a broken one is reported and the bundled catalog kept', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  const goodId = await addWidget(page, { lang: 'en', remember: 'false', 'catalog-url': '/test/catalogs/good.json' });
  await page.waitForTimeout(200);
  const r = await page.evaluate((id) => document.getElementById(id).results, goodId);
  assert.equal(r.results.length, goodCount);
  assert.ok(r.results.every((x) => x.id.startsWith('zgc2024-')));

  for (const [name, words] of [['invalid.json', /cannot be used: .*unknown option "startup" for field "entity_type"/], ['not-json.json', /cannot be used: it is not valid JSON \(/], ['missing.json', /could not be loaded \(HTTP 404\)/], ['huge-stream.json', /is over the limit of 33554432 bytes \(32 MiB\); its download was stopped/], ['huge-declared.json', /has 600000000 bytes, over the limit of 33554432 bytes \(32 MiB\); it was not read/]]) {
    const id = await addWidget(page, { lang: 'en', remember: 'false', 'catalog-url': `/test/catalogs/${name}` });
    await page.waitForTimeout(200);
    const notice = await page.locator(`#${id} .pm-notice.pm-error`).textContent();
    assert.match(notice, words, name);
    assert.match(notice, /bundled catalog is used instead/);
    assert.equal((await page.evaluate((id) => document.getElementById(id).results, id)).results.length, bundledCount, name);
    const event = await page.evaluate((id) => window.events.filter((e) => e.type === 'error' && e.id === id).at(-1), id);
    assert.match(event.detail.message, words);
    assert.ok(await page.locator(`#${id} .pm-q`).count() > 0, 'the widget still works');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('only an element with a catalog-url fetches the module with the catalog reader; one set later keeps the answers', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop()); });
  const plain = await addWidget(page, { lang: 'en', remember: 'false' });
  await page.locator(`#${plain} #q-entity_type input[value=bank]`).check();
  await page.waitForTimeout(200);
  assert.equal(wasm.length, 1, `one module: ${wasm}`);
  assert.doesNotMatch(wasm[0], /-full-/, 'the default module, without the reader');
  // Setting a catalog-url on the running element: it moves to the module with the reader.
  await page.evaluate((id) => document.getElementById(id).setAttribute('catalog-url', '/test/catalogs/good.json'), plain);
  await page.waitForFunction((id) => {
    const r = document.getElementById(id).results?.results;
    return r && r.length > 0 && r.every((x) => x.id.startsWith('zgc2024-'));
  }, plain);
  assert.equal(wasm.length, 2, `${wasm}`);
  assert.match(wasm[1], /^policy-matcher-full-[0-9a-f]+_bg\.wasm$/);
  const after = await page.evaluate((id) => document.getElementById(id).profile, plain);
  assert.deepEqual(after, { entity_type: 'bank' }, 'the answer given before the switch is kept');
  assert.ok(await page.locator(`#${plain} #q-entity_type input[value=bank]`).isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a catalog-url set while the default module is still downloading is not lost', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  await page.evaluate(() => {
    const el = document.createElement('policy-matcher');
    el.id = 'late';
    el.setAttribute('lang', 'en');
    el.setAttribute('remember', 'false');
    document.body.append(el);
    setTimeout(() => el.setAttribute('catalog-url', '/test/catalogs/good.json'), 0);
  });
  await page.waitForFunction(() => {
    const r = document.getElementById('late').results?.results;
    return r && r.length > 0 && r.every((x) => x.id.startsWith('zgc2024-'));
  });
  assert.equal(await page.locator('#late .pm-notice.pm-error').count(), 0, 'no "cannot read catalogs" notice');
  assert.deepEqual(problems, []);
  await context.close();
});

test('lazy start per module: a catalog-url element far below fetches its module only when scrolled near', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url().split('/').pop()); });
  await page.evaluate(() => {
    const top = document.createElement('policy-matcher');
    top.id = 'top';
    top.setAttribute('remember', 'false');
    const spacer = document.createElement('div');
    spacer.style.height = '6000px';
    const below = document.createElement('policy-matcher');
    below.id = 'below';
    below.setAttribute('remember', 'false');
    below.setAttribute('catalog-url', '/test/catalogs/good.json');
    document.body.append(top, spacer, below);
  });
  await page.evaluate(() => document.getElementById('top').ready);
  await page.waitForTimeout(800);
  assert.deepEqual(wasm.map((w) => /-full-/.test(w)), [false], `only the default module so far: ${wasm}`);
  await page.evaluate(() => document.getElementById('below').scrollIntoView());
  await page.evaluate(() => document.getElementById('below').ready);
  assert.deepEqual(wasm.map((w) => /-full-/.test(w)), [false, true], `${wasm}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('if the module that reads catalogs cannot be fetched, the widget keeps working and says so', { timeout: 60000 }, async () => {
  const { page, context } = await open('/test/blank.html');
  await page.route(/policy-matcher-full-/, (route) => route.abort());
  const id = await addWidget(page, { lang: 'en', remember: 'false' });
  await page.locator(`#${id} #q-entity_type input[value=bank]`).check();
  await page.evaluate((id) => document.getElementById(id).setAttribute('catalog-url', '/test/catalogs/good.json'), id);
  const notice = page.locator(`#${id} .pm-notice.pm-error`);
  await notice.waitFor();
  assert.match(await notice.textContent(), /could not be loaded .*module that reads catalogs.*bundled catalog is used instead/);
  assert.deepEqual(await page.evaluate((id) => document.getElementById(id).profile, id), { entity_type: 'bank' });
  assert.equal((await page.evaluate((id) => document.getElementById(id).results, id)).results.length, bundledCount);
  await context.close();
});

test('works under a strict host CSP (script-src \'self\' \'wasm-unsafe-eval\'; style-src \'self\')', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/csp.html');
  await page.locator('#w .pm-app[data-pm=live] .pm-q').first().waitFor();
  await page.locator('#w #q-entity_type input[value=enterprise]').check();
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.getElementById('w').profile.entity_type), 'enterprise');
  assert.equal(await page.locator('#w .pm-app').evaluate((el) => getComputedStyle(el).fontSize), '16px', 'styles applied');
  assert.deepEqual(problems, [], 'no CSP violation');
  await context.close();
});

test('nonsense attributes get a clear message and the defaults', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  const id = await addWidget(page, { lang: 'xx', 'as-of': 'soon', remember: 'maybe' });
  await page.waitForTimeout(100);
  const messages = await page.evaluate((id) => window.events.filter((e) => e.type === 'error' && e.id === id).map((e) => e.detail.message), id);
  assert.ok(messages.some((m) => /lang="xx".*allowed: zh, en/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /as-of="soon" is not a date/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /remember="maybe"/.test(m)), messages.join('\n'));
  assert.ok(await page.locator(`#${id} .pm-q`).count() > 0);
  await page.evaluate((id) => document.getElementById(id).setAttribute('lang', 'en'), id);
  await page.waitForTimeout(100);
  assert.equal(await page.locator(`#${id} h1`).textContent(), 'Which support measures fit you?');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: arrow keys answer a radio question and focus stays on it', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  const id = await addWidget(page, { lang: 'en', remember: 'false' });
  await page.locator(`#${id} #q-entity_type input[value=enterprise]`).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate((id) => document.getElementById(id).profile.entity_type, id), 'university');
  const focused = await page.evaluate((id) => document.getElementById(id).shadowRoot.activeElement?.value, id);
  assert.equal(focused, 'university', 'focus stays on the answered radio');
  // The focus ring is visible.
  const outline = await page.evaluate((id) => getComputedStyle(document.getElementById(id).shadowRoot.activeElement).outlineStyle, id);
  assert.notEqual(outline, 'none');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the iframe embed reports its height and the parent resizes it', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/iframe.html');
  await page.waitForFunction(() => window.heights.length > 0 && parseInt(document.getElementById('pm').style.height, 10) > 600, null, { timeout: 15000 });
  const frame = page.frameLocator('#pm');
  const before = await page.evaluate(() => window.heights.at(-1));
  // The frame asks one question at a time (its height follows its content, so a sticky bar could
  // not stick): answering and continuing shows the next question, and the new height is reported.
  await frame.locator('#q-entity_type input[value=enterprise]').check();
  await frame.locator('.pm-guide .pm-primary').click();
  await page.waitForTimeout(300);
  assert.equal(await frame.locator('.pm-q').count(), 1, 'one question at a time in the frame');
  const heights = await page.evaluate(() => window.heights);
  const shown = await page.evaluate(() => parseInt(document.getElementById('pm').style.height, 10));
  assert.equal(shown, heights.at(-1));
  assert.notEqual(heights.at(-1), before, 'the next question changed the height and it was reported');
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline: after one visit the page loads and evaluates with the server stopped', { timeout: 60000 }, async () => {
  const own = await start();
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  const bytes = { first: 0, repeat: 0 };
  let phase = 'first';
  page.on('response', async (r) => {
    if (r.fromServiceWorker()) return;
    const p = phase;
    try { bytes[p] += (await r.request().sizes()).responseBodySize; } catch { /* navigated away */ }
  });
  await page.goto(own.url + '/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  await page.locator('.pm-app[data-pm=live] #q-entity_type').waitFor();
  phase = 'repeat';
  await page.reload();
  await page.locator('.pm-app[data-pm=live] #q-entity_type').waitFor();
  await own.close();
  await page.reload();
  await page.locator('.pm-app[data-pm=live] #q-entity_type input[value=enterprise]').check();
  await page.locator('.pm-app[data-pm=live] #q-enterprise_size input[value=micro]').check();
  await page.waitForTimeout(100);
  assert.ok(await uiCount(page, '', 'worth_a_look') > 0, 'evaluates offline');
  console.log(`# transfer (uncompressed bodies): first visit ${bytes.first} bytes, repeat visit ${bytes.repeat} bytes`);
  assert.ok(bytes.repeat < 4096, `a repeat visit fetches little more than sw.js (${bytes.repeat} bytes)`);
  assert.deepEqual(problems.filter((p) => !/ERR_CONNECTION_REFUSED|sw\.js/.test(p)), []);
  await context.close();
});

test('a new version is announced, and old and new files never mix', { timeout: 60000 }, async () => {
  const overrides = {};
  const own = await start({ overrides });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(own.url + '/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const oldCaches = await page.evaluate(() => caches.keys());
  assert.equal(oldCaches.length, 1);
  // Publish a "new build": a service worker with another version.
  const sw = await (await fetch(own.url + '/sw.js')).text();
  overrides['/sw.js'] = sw.replace(/const VERSION = "[0-9a-f]+"/, 'const VERSION = "ffffffffffffffff"');
  assert.notEqual(overrides['/sw.js'], sw);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.locator('#pm-update').waitFor({ timeout: 15000 });
  assert.match(await page.locator('#pm-update').textContent(), /有新版本可用|Update available/);
  // Until the person reloads, the page keeps running on the old cache alone.
  assert.deepEqual((await page.evaluate(() => caches.keys())).filter((k) => k === oldCaches[0]), oldCaches);
  await Promise.all([page.waitForEvent('load'), page.locator('#pm-update button').click()]);
  await page.locator('.pm-app[data-pm=live] #q-entity_type').waitFor();
  await page.waitForFunction(() => caches.keys().then((k) => k.length === 1 && k[0].endsWith('ffffffffffffffff')), null, { timeout: 15000 });
  await context.close();
  await own.close();
});

test('catalog text is shown as text, never run as HTML; non-http links are refused', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  const id = await addWidget(page, { lang: 'en', remember: 'false', 'catalog-url': '/test/catalogs/hostile.json' });
  await page.waitForTimeout(200);
  assert.equal((await page.evaluate((id) => document.getElementById(id).results, id)).results.length, goodCount, 'the hostile catalog was loaded');
  await page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    root.querySelectorAll('details').forEach((d) => { d.open = true; });
    root.querySelectorAll('.pm-expand').forEach((b) => b.click());
  }, id);
  await page.waitForTimeout(300);
  await page.locator(`#${id} .pm-card h3`).first().hover();
  await page.waitForTimeout(200);
  const seen = await page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    return { xss: window.__xss, imgs: root.querySelectorAll('img, script, b').length, text: root.textContent.includes('<img src=x onerror=') };
  }, id);
  assert.equal(seen.xss, undefined, 'nothing ran');
  assert.equal(seen.imgs, 0, 'no element was created from catalog text');
  assert.ok(seen.text, 'the markup is shown literally');
  const linkId = await addWidget(page, { lang: 'en', remember: 'false', 'catalog-url': '/test/catalogs/bad-link.json' });
  await page.waitForTimeout(200);
  assert.match(await page.locator(`#${linkId} .pm-notice.pm-error`).textContent(), /"javascript:window.__xss=4" is not an http\(s\) link/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a panic shows a readable error with "start over", and tells the host', { timeout: 60000 }, async () => {
  const { page, context } = await open('/test/blank.html');
  const id = await addWidget(page, { lang: 'en', remember: 'true' });
  await page.locator(`#${id} #q-entity_type input[value=bank]`).check();
  await page.locator(`#${id} .pm-remember input`).check();
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => localStorage.length) > 0);
  const thrown = await page.evaluate((id) => { try { document.getElementById(id).simulatePanic(); return null; } catch (e) { return String(e); } }, id);
  assert.ok(thrown, 'the panic surfaced as an exception to the caller');
  const crash = page.locator(`#${id} .pm-crash`);
  assert.match(await crash.textContent(), /Something went wrong/);
  assert.match(await crash.textContent(), /simulated failure/);
  const event = await page.evaluate((id) => window.events.filter((e) => e.type === 'error' && e.id === id).at(-1).detail, id);
  assert.equal(event.fatal, true);
  assert.match(event.message, /crashed/);
  await Promise.all([page.waitForEvent('load'), crash.locator('button').click()]);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'start over cleared the saved answers');
  await context.close();
});

test('the shipped JavaScript uses no eval or Function constructor', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
  const scripts = readdirSync(dist).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length >= 4);
  for (const f of scripts) {
    const text = readFileSync(dist + f, 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]/, f);
  }
});

test('privacy: no request carries profile data', { timeout: 60000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), body: r.postData() || '' }));
  await page.goto(server.url + '/test/blank.html');
  const id = await addWidget(page, { lang: 'en', remember: 'true', 'catalog-url': '/test/catalogs/good.json' });
  await page.locator(`#${id} #q-entity_type input[value=medical_institution]`).check();
  await page.locator(`#${id} #q-industries input[value=quantum]`).check();
  await page.locator(`#${id} .pm-remember input`).check();
  await page.locator(`#${id} .pm-actions button`).first().click(); // make a share link
  await page.waitForTimeout(300);
  assert.ok(requests.length > 0);
  for (const r of requests) {
    assert.ok(r.url.startsWith(server.url), `only the page's own origin is contacted: ${r.url}`);
    for (const word of ['medical_institution', 'quantum', 'entity_type', 'industries']) {
      assert.ok(!r.url.includes(word) && !r.body.includes(word), `${word} left the browser in ${r.url}`);
    }
  }
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`accessibility: axe-core finds no WCAG 2.2 AA violation (${lang}, results expanded)`, { timeout: 60000 }, async () => {
    const { page, context } = await open('/test/blank.html', { width: 1280, height: 900 });
    const id = await addWidget(page, { lang, remember: 'true' });
    await page.evaluate((id) => document.getElementById(id).setProfile({ entity_type: 'enterprise', enterprise_size: 'small', location: 'haidian' }), id);
    await page.waitForTimeout(100);
    await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      root.querySelectorAll('details').forEach((d) => { d.open = true; });
    }, id);
    await page.waitForTimeout(200);
    await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      root.querySelectorAll('.pm-more').forEach((b) => b.click());
    }, id);
    await page.waitForTimeout(200);
    await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      root.querySelectorAll('.pm-expand').forEach((b) => b.click());
    }, id);
    await page.waitForTimeout(300);
    assert.ok(await page.locator(`#${id} .pm-why`).count() > 10, 'results are expanded');
    await page.addScriptTag({ path: fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)) });
    const result = await page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    const report = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(report, []);
    assert.ok(result.passes.length > 10, 'axe ran its rules');
    await context.close();
  });
}
