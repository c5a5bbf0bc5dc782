// The founder's journey in Chromium (issue 10): guided mode to "done" for four applicants, what
// would open more, print, share links pasted into an open tab, 320 px, the person's language on
// error paths, and axe-core in guided mode. Runs against dist/ like widget.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, watch } from './browser.mjs';
import { start } from './server.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = (args, input) => execFileSync('cargo', ['run', '--quiet', '--', ...args], { cwd: repo, encoding: 'utf8', input, maxBuffer: 64 << 20 });
const exported = JSON.parse(cli(['export', '--format', 'json']));
// Every id of the vocabulary: the only ASCII a Chinese message may quote.
const ids = new Set(exported.questions.field.flatMap((f) => [f.id, ...(f.option || []).map((o) => o.id)]));

let browser, server;
before(async () => { browser = await launch(); server = await start(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(path, viewport, locale = 'en-US') {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(server.url + path);
  if (!path.startsWith('/test/')) await page.locator('.pm-app[data-pm=live]').waitFor(); // test pages add the element themselves
  return { page, context, problems };
}

/** Asserts the page does not scroll sideways. */
async function noSideScroll(page, where) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${where}: scrollWidth ${sw} > innerWidth ${iw}`);
}

/** Answers guided questions from `truth` (field id → option ids), "not sure" for the rest, until done. */
async function walk(page, truth, { check320 = false } = {}) {
  const shown = [];
  for (let step = 0; step < 20; step++) {
    if (await page.locator('.pm-done').count()) return shown;
    const q = page.locator('.pm-guide .pm-q');
    await q.waitFor();
    const id = (await q.getAttribute('id')).slice(2);
    shown.push(id);
    const progress = await page.locator('.pm-guide .pm-step').textContent();
    assert.match(progress, /(Question \d+ of about \d+|第 \d+ 题，约 \d+ 题)/);
    if (check320) await noSideScroll(page, `question ${id}`);
    const want = truth[id];
    if (want === undefined) {
      await page.locator('.pm-guide .pm-secondary', { hasText: /Not sure|不确定/ }).click();
    } else {
      for (const v of [].concat(want)) await q.locator(`input[value="${v}"]`).check();
      await page.locator('.pm-guide .pm-primary').click();
    }
    await page.waitForTimeout(60);
  }
  assert.fail(`guided mode never reached done: ${shown.join(', ')}`);
}

const applicants = [
  ['company', { entity_type: 'enterprise', enterprise_size: 'small', industries: ['artificial_intelligence'], location: 'haidian', qualifications: ['national_high_tech'], listing_status: 'unlisted', activities: ['none'] }],
  ['bank', { entity_type: 'bank', location: 'haidian', activities: ['bank_vc_cooperation'] }],
  ['university', { entity_type: 'university', location: 'haidian', activities: ['proof_of_concept'] }],
  ['individual', { entity_type: 'individual', location: 'haidian', person_status: ['overseas_high_end_talent'] }],
];

for (const [who, truth] of applicants) {
  test(`guided mode on a phone reaches "done" for a ${who}`, { timeout: 60000 }, async () => {
    const { page, context, problems } = await open('/', { width: 390, height: 844 });
    await page.evaluate(() => localStorage.clear());
    assert.equal(await page.locator('.pm-guide .pm-q').count(), 1, 'one question at a time is the default on a phone');
    assert.equal(await page.locator('.pm-guide .pm-q').getAttribute('id'), 'q-entity_type', 'the applicant type first');
    const shown = await walk(page, truth, { check320: false });
    console.log(`# ${who}: ${shown.length} questions to done (${shown.join(', ')})`);
    assert.ok(shown.length <= 8, `${who}: ${shown.length} questions`);
    const done = await page.locator('.pm-done').textContent();
    assert.match(done, /Done: no other answer can change a result/);
    // "See the results" moves the keyboard focus to the results.
    await page.locator('.pm-done .pm-primary').click();
    assert.equal(await page.evaluate(() => document.activeElement.className), 'pm-results-title');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('at 320 px nothing scrolls sideways, at any guided step or with every group open', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/', { width: 320, height: 700 }, 'zh-CN');
  await noSideScroll(page, 'start');
  await walk(page, applicants[0][1], { check320: true });
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.waitForTimeout(200);
  await noSideScroll(page, 'every group open');
  assert.deepEqual(problems, []);
  await context.close();
});

test('what would open more: the widget names the same first change as the CLI', { timeout: 60000 }, async () => {
  const plain = { entity_type: 'enterprise', enterprise_size: 'small', industries: ['artificial_intelligence'], location: 'haidian', qualifications: ['none'], listing_status: 'unlisted', activities: ['none'] };
  const fromCli = JSON.parse(cli(['match', '--profile', '-'], JSON.stringify(plain)));
  assert.ok(fromCli.unlocks.length > 0);
  const link = 'pm=1&v=' + fromCli.catalog.version + '&l=en&' + Object.entries(plain).map(([k, v]) => `${k}=${[].concat(v).join(',')}`).join('&');
  const { page, context, problems } = await open('/#' + link, { width: 1280, height: 900 });
  await page.locator('.pm-unlocks button').click();
  const first = await page.locator('.pm-unlocks li strong').first().textContent();
  assert.equal(first, fromCli.unlocks[0].change.en);
  assert.deepEqual(problems, []);
  await context.close();
});

test('print gives the date, the answers, the catalog version and the caveats, without controls, within A4', { timeout: 60000 }, async () => {
  const link = 'pm=1&v=x&l=zh&entity_type=enterprise&enterprise_size=small&industries=artificial_intelligence&location=haidian';
  const { page, context } = await open('/#' + link, { width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  const header = await page.locator('.pm-print-only').textContent();
  assert.match(header, /评估日期：\d{4}-\d{2}-\d{2}/);
  assert.match(header, /目录版本：c1-[0-9a-f]{12}/);
  assert.match(header, /申请主体类型：企业/);
  for (const hidden of ['.pm-questions', '.pm-filters', '.pm-actions', '.pm-skip']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
  }
  assert.ok(await page.locator('.pm-card .pm-caveat').first().isVisible(), 'the caveat is on the printed card');
  await noSideScroll(page, 'A4 width');
  await context.close();
});

test('a share link pasted into a tab that already shows the widget is applied', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/', { width: 1280, height: 900 });
  await page.evaluate(() => { location.hash = 'pm=1&v=x&l=en&entity_type=bank&location=haidian'; });
  await page.waitForTimeout(300);
  assert.ok(await page.locator('#q-entity_type input[value=bank]').isChecked());
  assert.equal(await page.evaluate(() => location.hash), '', 'the fragment is cleared once read');
  // A share link whose separators a mail client percent-encoded still works.
  await page.evaluate(() => { location.hash = 'pm%3D1&v=x&l=en&entity_type=enterprise&industries=quantum%2Cfintech'; });
  await page.waitForTimeout(300);
  assert.ok(await page.locator('#q-industries input[value=fintech]').isChecked());
  assert.deepEqual(problems.filter((p) => !/catalog version/.test(p)), []);
  await context.close();
});

/** ASCII words in a Chinese text, besides the vocabulary's ids and the catalog version. */
// What the person typed is quoted back as typed (“lots”), so quoted text is not counted.
const english = (text) => (text.replace(/“[^”]*”/g, '').match(/[A-Za-z][A-Za-z_-]{2,}/g) || []).filter((w) => !ids.has(w) && !/^c1-/.test(w) && w !== 'YYYY-MM-DD');

test('error paths speak the person\'s language: a bad link and damaged saved answers', { timeout: 60000 }, async () => {
  for (const [lang, foreign] of [['zh', english], ['en', (t) => t.replace(/"[^"]*"/g, '').match(/[\u4e00-\u9fff]+/g) || []]]) {
    // The link is refused whole, its `l=` too: the page speaks the browser's language.
    const { page, context } = await open(`/?x#pm=1&v=x&l=${lang}&entity_type=startup&industries=ai&employees=lots`, { width: 1280, height: 900 }, lang === 'zh' ? 'zh-CN' : 'en-US');
    const notice = await page.locator('.pm-notice.pm-error p').textContent();
    assert.deepEqual(foreign(notice), [], `${lang}: ${notice}`);
    await page.evaluate(() => localStorage.setItem('policy-matcher/answers/v1', 'pm=1&v=x&entity_type=%%%&\u0000garbage'));
    await page.reload();
    await page.locator('.pm-app[data-pm=live]').waitFor();
    for (const text of await page.locator('.pm-notice p').allTextContents()) {
      assert.deepEqual(foreign(text), [], `${lang}: ${text}`);
    }
    await context.close();
  }
});

test('clear all answers offers undo', { timeout: 60000 }, async () => {
  const { page, context } = await open('/?l=en#pm=1&v=x&l=en&entity_type=bank', { width: 1280, height: 900 });
  await page.locator('.pm-danger').click();
  assert.equal(await page.locator('#q-entity_type input[value=bank]').isChecked(), false);
  await page.locator('.pm-undo button').click();
  assert.ok(await page.locator('#q-entity_type input[value=bank]').isChecked(), 'undo brings the answers back');
  await context.close();
});

for (const lang of ['zh', 'en']) {
  test(`accessibility in guided mode: axe-core finds no WCAG 2.2 AA violation (${lang})`, { timeout: 60000 }, async () => {
    const { page, context } = await open(`/?x#pm=1&v=x&l=${lang}&entity_type=enterprise`, { width: 390, height: 844 });
    await page.locator('.pm-guide').waitFor();
    await page.addScriptTag({ path: fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)) });
    const run = () => page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    const report = (r) => r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(report(await run()), [], 'a guided question');
    await walk(page, applicants[0][1]);
    assert.deepEqual(report(await run()), [], 'the done page');
    await context.close();
  });
}

test('keyboard: a focused control never hides under the sticky progress bar (phone, every question)', { timeout: 60000 }, async () => {
  const { page, context } = await open('/test/blank.html', { width: 390, height: 700 });
  await page.evaluate(async () => {
    const el = document.createElement('policy-matcher');
    el.id = 'w';
    el.setAttribute('lang', 'zh');
    el.setAttribute('mode', 'all');
    el.setAttribute('remember', 'false');
    document.body.append(el);
    await el.ready;
    el.setProfile({ entity_type: 'enterprise' });
  });
  await page.waitForTimeout(300);
  // Tab to the end of the questionnaire, then Shift+Tab back up: the direction the review found
  // hiding 15 of 119 stops.
  for (let i = 0; i < 60; i++) await page.keyboard.press('Tab');
  const hidden = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Shift+Tab');
    await page.waitForTimeout(30);
    const r = await page.evaluate(() => {
      const root = document.getElementById('w').shadowRoot;
      const a = root.activeElement;
      const bar = root.querySelector('.pm-progress');
      if (!a || !bar) return null;
      if (a.closest('.pm-progress')) return null; // the bar's own link
      const box = a.getBoundingClientRect();
      const b = bar.getBoundingClientRect();
      return { overlap: box.top < b.bottom - 1 && box.bottom > b.top + 1, what: a.outerHTML.slice(0, 80) };
    });
    if (r && r.overlap) hidden.push(r.what);
  }
  assert.deepEqual(hidden, [], `${hidden.length} of 60 stops hidden under the sticky bar: ${hidden.join(' | ')}`);
  await context.close();
});
