// Screenshots of the widget in Debian's Chromium: node scripts/screenshot.mjs URL OUTDIR
// Takes phone (390 px, guided mode: the next question) and desktop (1280 px, the results with the
// first eligible card explained) shots in zh and en, with a sample profile answered; and the
// prerendered first screen on a 390 px phone in zh and en, as a visitor sees it before the wasm has
// arrived (the wasm is held back); and the catalog check page (check.html) at 390 and 1280 px in zh
// and en, on a copy of data/ with two mistakes (the problems) and on data/ itself (the report and
// the live preview), picked from a temporary folder; and the printed summary with the share link's
// QR code, in zh and en.
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url = 'http://127.0.0.1:8099/', out = 'docs'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const sample = 'pm=1&v=x&entity_type=enterprise&enterprise_size=small&industries=artificial_intelligence&location=haidian&qualifications=tech_sme,national_high_tech,first_time_high_tech&listing_status=unlisted&activities=key_tech_innovation';
for (const [w, h, name] of (process.env.SIZES ? JSON.parse(process.env.SIZES) : [[390, 1400, 'phone'], [1280, 1000, 'desktop']])) {
  for (const lang of ['zh', 'en']) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${url}#${sample}&l=${lang}`);
    await page.waitForSelector('.pm-card', { timeout: 15000 });
    // the sample link names no real catalog version: dismiss the notice saying so
    const dismiss = await page.$('.pm-notice button');
    if (dismiss) await dismiss.click();
    // desktop: expand the first eligible card to show the explanation; phone: the guided question
    const btn = name === 'desktop' ? await page.$('.pm-card-eligible .pm-expand') : null;
    if (btn) await btn.click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/${name}-${lang}.png` });
    if (errors.length) console.error(name, lang, errors);
    await page.close();
  }
}
for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(/_bg\.wasm$/, () => { /* held: the screen before the wasm */ });
  await page.goto(url);
  await page.waitForSelector('.pm-app[data-pm=prerendered] #q-entity_type', { timeout: 15000 });
  await page.screenshot({ path: `${out}/prerendered-phone-${lang}.png` });
  await context.close();
}
// The printed summary with the share link's QR code (print media; window.print stubbed).
for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-US']]) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, locale, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => { window.print = () => { window.printed = true; }; });
  await page.goto(url);
  const app = page.locator('.pm-app[data-pm=live]');
  await app.locator('#q-entity_type input[value=enterprise]').check();
  await app.locator('#q-enterprise_size input[value=small]').check();
  await app.locator('.pm-actions button').nth(1).click();
  await page.waitForFunction(() => window.printed === true, null, { timeout: 15000 });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/print-${lang}.png` });
  await context.close();
}
const tmp = mkdtempSync(join(tmpdir(), 'pm-shots-'));
const good = join(tmp, 'data');
const broken = join(tmp, 'broken', 'data');
cpSync('data', good, { recursive: true });
cpSync('data', broken, { recursive: true });
const edit = (file, from, to) => writeFileSync(join(broken, file), readFileSync(join(broken, file), 'utf8').replace(from, to));
edit(readdirSync(broken).find((f) => f.startsWith('2-')), 'support = ["', 'support = ["grnt", "');
edit(readdirSync(broken).find((f) => f.startsWith('1-')), 'in = ["enterprise"]', 'in = ["enterprize"]');
for (const w of [390, 1280]) {
  for (const lang of ['zh', 'en']) {
    for (const [kind, dir] of [['broken', broken], ['report', good]]) {
      const page = await browser.newPage({ viewport: { width: w, height: w === 390 ? 1400 : 1000 } });
      await page.goto(`${url}check.html?lang=${lang}`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30000 });
      await page.setInputFiles('#pick-folder', dir);
      await page.locator('#headline').waitFor();
      if (kind === 'report') {
        await page.waitForFunction(() => document.querySelector('#preview-box policy-matcher')?.results, null, { timeout: 30000 });
        await page.locator('#s-coverage').scrollIntoViewIfNeeded();
      }
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/check-${kind}-${lang}-${w}.png` });
      await page.close();
    }
  }
}
rmSync(tmp, { recursive: true, force: true });
await browser.close();
console.log('screenshots written to', out);
