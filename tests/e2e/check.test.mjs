// The catalog check page (dist/check.html): a park team picks a catalog folder or an exported JSON
// file and sees every problem with file, line, column, code and fix, the numbers and coverage, a
// live preview of the widget on that catalog, and the diff against the bundled catalog — in zh and
// en, offline once loaded, nothing uploaded; a hostile drop gives messages, never a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watch } from './browser.mjs';
import { start } from './server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let browser, server, tmp;
before(async () => {
  browser = await launch();
  server = await start();
  tmp = mkdtempSync(join(tmpdir(), 'pm-check-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A copy of data/ in a temp folder, changed by `edit(dir)`. */
function catalogCopy(name, edit = () => {}) {
  const dir = join(tmp, name);
  cpSync(join(root, 'data'), dir, { recursive: true });
  edit(dir);
  return dir;
}

async function open(lang = 'zh', { width = 1280, height = 900, base = server.url } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = watch(page);
  const uploads = [];
  page.on('request', (r) => { if (r.method() !== 'GET') uploads.push(`${r.method()} ${r.url()}`); });
  await page.goto(`${base}/check.html?lang=${lang}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30000 });
  return { page, context, problems, uploads };
}

const pickFolder = (page, dir) => page.setInputFiles('#pick-folder', dir);
const headline = (page) => page.locator('#headline').textContent();

test('the bundled catalog folder checks clean: numbers, coverage, no moves, and a live preview (en)', { timeout: 90000 }, async () => {
  const { page, context, problems, uploads } = await open('en');
  await pickFolder(page, catalogCopy('good'));
  await page.locator('#headline.ok').waitFor({ timeout: 30000 });
  assert.match(await headline(page), /No problems: the catalog is valid, with \d+ measures/);
  assert.match(await page.locator('#read').textContent(), /catalog folder "good", \d+ files/);
  for (const id of ['summary', 'by-document', 'by-status', 'by-support', 'by-field', 'coverage', 'applicants']) {
    assert.equal(await page.locator(`#s-${id} table`).count(), 1, `section ${id}`);
  }
  // The bundled catalog against itself: no change, so the diff is its heading and "none".
  assert.equal(await page.locator('#s-diff table').count(), 0);
  assert.match(await page.locator('#s-diff').textContent(), /Against the bundled catalog\s*none/);
  assert.equal(await page.locator('#s-coverage tbody tr').count(), 5, 'coverage of the five sources');
  const moves = await page.locator('#s-applicants tbody tr td:nth-child(2)').allTextContents();
  assert.ok(moves.length >= 10 && moves.every((m) => m === 'none'), 'the bundled catalog against itself moves nobody');
  // The preview: the widget runs on the checked catalog.
  const version = await page.locator('#s-summary tbody tr:first-child td:nth-child(2)').textContent();
  await page.waitForFunction(() => document.querySelector('#preview-box policy-matcher')?.results, null, { timeout: 30000 });
  const shown = await page.evaluate(() => document.querySelector('#preview-box policy-matcher').results.catalog.version);
  assert.equal(shown, version, 'the preview evaluates with the checked catalog');
  assert.deepEqual(uploads, [], 'nothing is sent anywhere');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken folder: every problem with file:line:column, code and fix, in zh and after a switch in en', { timeout: 90000 }, async () => {
  const dir = catalogCopy('broken', (d) => {
    const doc = readdirSync(d).find((f) => f.startsWith('1-'));
    const text = readFileSync(join(d, doc), 'utf8');
    writeFileSync(join(d, doc), text.replace('[[measure]]', '[[measure]]\nbogus_key = 1'));
    writeFileSync(join(d, 'questions.toml'), readFileSync(join(d, 'questions.toml'), 'utf8') + '\n[[field]]\nid = "x"\nkind = "wrong"\n');
  });
  const { page, context, problems } = await open('zh');
  await pickFolder(page, dir);
  await page.locator('#headline.bad').waitFor({ timeout: 30000 });
  assert.match(await headline(page), /发现 \d+ 处问题/);
  const items = await page.locator('#problems li').allTextContents();
  assert.ok(items.length >= 2, items.join('\n'));
  assert.ok(items.some((t) => /1-[^:]+\.toml:\d+:\d+/.test(t) && /E004 unknown-key/.test(t)), items.join('\n'));
  assert.ok(items.some((t) => /questions\.toml:\d+:\d+/.test(t)), items.join('\n'));
  assert.ok(items.every((t) => /改法/.test(t)), 'every problem says how to fix it');
  assert.equal(await page.locator('#preview').isHidden(), true, 'no preview of a catalog the widget would refuse');
  await page.locator('#lang').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await headline(page), /\d+ problems?; the widget will not take this catalog/);
  assert.ok((await page.locator('#problems li').allTextContents()).every((t) => /How to fix/.test(t)), 'the same drop, in English, without picking it again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile drops: deep nesting, binary, too large, too many files — messages, never a blank page', { timeout: 90000 }, async () => {
  const { page, context, problems } = await open('en');
  const cases = [
    { name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from('['.repeat(200000)), expect: /E006 nesting-too-deep|nest deeper/ },
    { name: 'binary.json', mimeType: 'application/json', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x90]), expect: /not UTF-8 text/ },
    { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(32 * 1024 * 1024 + 1, 0x20), expect: /over the limit of 33554432 bytes/ },
  ];
  for (const c of cases) {
    await page.setInputFiles('#pick-file', { name: c.name, mimeType: c.mimeType, buffer: c.buffer });
    await page.waitForFunction(() => document.getElementById('status').textContent !== 'Checking…', null, { timeout: 30000 });
    const text = `${await page.locator('#status').textContent()} ${await page.locator('#report').textContent()}`;
    assert.match(text, c.expect, c.name);
    assert.ok(await page.locator('#report').isHidden() || /problem/.test(await headline(page)), `${c.name}: a problem, never "valid"`);
    assert.equal(await page.locator('#preview').isHidden(), true, `${c.name}: no preview`);
    assert.ok(await page.locator('#drop').isVisible(), 'the page is still there, ready for the next file');
  }
  const many = Array.from({ length: 501 }, (_, i) => ({ name: `d${i}.toml`, mimeType: 'text/plain', buffer: Buffer.from('x = 1\n') }));
  await page.setInputFiles('#pick-file', many);
  await page.waitForFunction(() => /At most 500 files/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline once loaded: the page, its module and the preview come from the service worker', { timeout: 90000 }, async () => {
  const own = await start();
  const { page, context, problems } = await open('zh', { base: own.url });
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30000 });
  await own.close();
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30000 });
  await pickFolder(page, catalogCopy('offline'));
  await page.locator('#headline.ok').waitFor({ timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('#preview-box policy-matcher')?.results, null, { timeout: 30000 });
  assert.deepEqual(problems.filter((p) => !/ERR_CONNECTION_REFUSED|sw\.js/.test(p)), []);
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`accessibility: axe-core finds no WCAG 2.2 AA violation on the check page (${lang}, a broken catalog shown)`, { timeout: 90000 }, async () => {
    const { page, context } = await open(lang);
    await pickFolder(page, catalogCopy(`axe-${lang}`, (d) => {
      const doc = readdirSync(d).find((f) => f.startsWith('2-'));
      writeFileSync(join(d, doc), readFileSync(join(d, doc), 'utf8').replace('[[measure]]', '[[measure]]\nwrong = true'));
    }));
    await page.locator('#headline.bad').waitFor({ timeout: 30000 });
    await page.addScriptTag({ path: fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)) });
    const result = await page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
    await context.close();
  });
}
