// Integrity (SRI): dist/integrity.json lists every shipped file with its SHA-384 hash; the element
// carries the hashes of the files it loads and loads each with the browser's check. A tampered wasm,
// glue, stylesheet or catalog file is refused: nothing of the widget runs, a zh/en message takes its
// place and `policy-matcher-error` fires with code 'integrity'.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watch } from './browser.mjs';
import { start } from './server.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const walk = (d, at = '') => readdirSync(d).flatMap((f) => (f.startsWith('.') ? []
  : statSync(join(d, f)).isDirectory() ? walk(join(d, f), `${at}${f}/`) : [`${at}${f}`]));
const integrity = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8'));
const one = (re) => { const hits = walk(dist).filter((f) => re.test(f)); assert.equal(hits.length, 1, `${re}: ${hits}`); return hits[0]; };
const WASM = one(/^policy-matcher-[0-9a-f]+_bg\.wasm$/);
const GLUE = one(/^policy-matcher-[0-9a-f]+\.js$/);
const CSS = one(/^style-[0-9a-f]+\.css$/);
const CATALOG_ZH = one(/^catalog-zh-[0-9a-f]+\.bin$/);
/** The file's bytes with a few flipped in the middle: the same length, another hash. */
const tampered = (f) => {
  const bytes = Buffer.from(readFileSync(join(dist, f)));
  for (let i = 0; i < 4; i++) bytes[(bytes.length >> 1) + i] ^= 0x5a;
  return bytes;
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('integrity.json lists every shipped file with its SHA-384, and the element carries the same hashes', () => {
  const files = walk(dist).filter((f) => f !== 'integrity.json').sort();
  assert.deepEqual(Object.keys(integrity).sort(), files, 'every file of dist/ but integrity.json, and nothing else');
  for (const f of files) assert.equal(integrity[f], sri(readFileSync(join(dist, f))), f);
  const element = readFileSync(join(dist, 'policy-matcher.js'), 'utf8');
  const baked = JSON.parse(element.match(/^const SRI = (\{.*\});$/m)[1]);
  // Every file the element names (glue, wasm, both of the full module, CSS, six catalog parts, the QR
  // module), with dist's hash.
  const named = [...new Set([...element.matchAll(/"\.\/([^"]+)"/g)].map((m) => m[1]))].sort();
  assert.deepEqual(Object.keys(baked).map((k) => k.slice(2)).sort(), named);
  assert.equal(named.length, 13);
  for (const [k, v] of Object.entries(baked)) assert.equal(v, integrity[k.slice(2)], k);
  assert.ok(!element.includes(integrity['policy-matcher.js']), 'the element cannot carry its own hash');
});

/** A blank host page with one element (eager, so it starts at once), recording its error events. */
async function open(server, lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname.slice(1)));
  await page.goto(`${server.url}/test/blank.html`);
  await page.evaluate((lang) => {
    window.errors = [];
    const el = document.createElement('policy-matcher');
    el.id = 'w';
    el.setAttribute('lang', lang);
    el.setAttribute('loading', 'eager');
    el.setAttribute('remember', 'false');
    el.addEventListener('policy-matcher-error', (e) => window.errors.push(e.detail));
    document.body.append(el);
  }, lang);
  return { page, context, problems, requests };
}

test('with the files as built, the element loads them with their hashes and runs', { timeout: 60000 }, async () => {
  const server = await start();
  const { page, context, problems, requests } = await open(server, 'zh');
  try {
    await page.locator('#w .pm-app[data-pm=live] .pm-q').first().waitFor();
    // Each file is fetched once: import() runs the module the checked preload fetched, never a second, unchecked copy.
    for (const f of [GLUE, WASM, CSS, CATALOG_ZH]) assert.equal(requests.filter((r) => r === f).length, 1, `${f}: ${requests}`);
    await page.locator('#w #q-entity_type input[value=enterprise]').check();
    await page.waitForTimeout(200);
    assert.ok((await page.evaluate(() => document.getElementById('w').results.counts.eligible)) >= 0);
    // The glue went through a checked modulepreload; the stylesheet link carries its hash.
    const links = await page.evaluate(() => ({
      preload: [...document.head.querySelectorAll('link[rel=modulepreload]')].map((l) => [new URL(l.href).pathname.slice(1), l.integrity]),
      css: (() => { const l = document.getElementById('w').shadowRoot.querySelector('link[rel=stylesheet]'); return [new URL(l.href).pathname.slice(1), l.integrity]; })(),
    }));
    assert.deepEqual(links.preload, [[GLUE, integrity[GLUE]]]);
    assert.deepEqual(links.css, [CSS, integrity[CSS]]);
    assert.deepEqual(await page.evaluate(() => window.errors), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

const WORDS = { zh: /安全校验未通过：组件文件 (\S+) 与发布时记录的校验值（SHA-384）不符/, en: /Security check failed: the widget's file (\S+) does not match the SHA-384 hash/ };

for (const [file, lang] of [[WASM, 'zh'], [WASM, 'en'], [GLUE, 'zh'], [CSS, 'en'], [CATALOG_ZH, 'zh']]) {
  test(`a tampered ${file.replace(/-[0-9a-f]+/, '-*')} is refused, not run (${lang})`, { timeout: 60000 }, async () => {
    const server = await start({ overrides: { [`/${file}`]: tampered(file) } });
    const { page, context, problems } = await open(server, lang);
    try {
      const alert = page.locator('#w [role=alert]');
      await alert.filter({ hasText: WORDS[lang] }).waitFor({ timeout: 20000 });
      assert.equal((await alert.textContent()).match(WORDS[lang])[1], file, 'the message names the file');
      assert.equal(await alert.isVisible(), true);
      await page.waitForTimeout(1500); // whatever else was under way has settled
      // Nothing of the widget runs: no live widget, no first screen, no results; the message stays.
      assert.equal(await page.locator('#w .pm-app').count(), 0);
      assert.equal(await page.evaluate(() => document.getElementById('w').results), null);
      assert.match(await alert.textContent(), WORDS[lang]);
      const errors = await page.evaluate(() => window.errors);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].code, 'integrity');
      assert.equal(errors[0].file, file);
      assert.match(errors[0].message, WORDS.en);
      assert.match(errors[0].message_zh, WORDS.zh);
      // The browser's own report of the failed check is the only console error.
      assert.deepEqual(problems.filter((p) => !/integrity/.test(p)), []);
    } finally {
      await context.close();
      await server.close();
    }
  });
}
