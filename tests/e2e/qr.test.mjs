// The share link's QR code: on the share dialog and on the printed summary, drawn by the QR module
// (src/qr.rs), which is fetched only when a share link is made or the page printed. Each code is
// read back from a screenshot with jsQR (a kept decoder from npm) and must equal the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
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

/** The text of the QR code in a screenshot (PNG bytes), or null. */
function read(png) {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return code ? code.data : null;
}

async function open(path, { width = 1280, lang = 'en' } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  const problems = watch(page);
  const qrRequests = [];
  page.on('request', (r) => { if (/\/qr-[0-9a-f]+(_bg\.wasm|\.js)$/.test(new URL(r.url()).pathname)) qrRequests.push(r.url()); });
  await page.goto(server.url + path);
  return { page, context, problems, qrRequests };
}

for (const [lang, width] of [['en', 1280], ['zh', 390]]) {
  test(`the share dialog's QR code reads back as the share link (${lang}, ${width} px); its module comes only when asked for`, { timeout: 60000 }, async () => {
    const { page, context, problems, qrRequests } = await open('/', { width, lang });
    const app = page.locator('.pm-app[data-pm=live]');
    await app.locator('#q-entity_type input[value=enterprise]').check();
    await page.waitForTimeout(300);
    assert.deepEqual(qrRequests, [], 'no QR module on the way to the first question');
    await app.locator('.pm-actions button').first().click();
    const link = await app.locator('.pm-share input').inputValue();
    assert.match(link, /#pm=1/);
    const qr = app.locator('.pm-share-qr svg');
    await qr.waitFor({ timeout: 15000 });
    assert.ok(qrRequests.length >= 1, 'the QR module is fetched for the share link');
    assert.equal(read(await app.locator('.pm-share-qr .pm-qr-code').screenshot()), link);
    assert.match(await app.locator('.pm-share-qr').textContent(), lang === 'zh' ? /扫码/ : /Scan/);
    // A new answer, a new link: the code follows it.
    await app.locator('.pm-actions button').first().click();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the printed summary carries the QR code of the share link, and it reads back', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/', { width: 1280, lang: 'zh' });
  const app = page.locator('.pm-app[data-pm=live]');
  await app.locator('#q-entity_type input[value=enterprise]').check();
  await app.locator('#q-enterprise_size input[value=small]').check();
  await app.locator('.pm-actions button').nth(1).click(); // print
  await page.waitForFunction(() => window.printed === 1, null, { timeout: 15000 });
  await page.emulateMedia({ media: 'print' });
  const qr = app.locator('.pm-print-only .pm-qr-code svg');
  await qr.waitFor({ timeout: 15000 });
  const link = await app.locator('.pm-print-only .pm-qr-link').textContent();
  assert.match(link, /#pm=1.*enterprise_size=small/);
  assert.equal(read(await app.locator('.pm-print-only .pm-qr-code').screenshot()), link);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the custom element draws the QR code too, from its own folder', { timeout: 60000 }, async () => {
  const { page, context, problems } = await open('/test/blank.html');
  await page.evaluate(async () => {
    const el = document.createElement('policy-matcher');
    el.id = 'w';
    el.setAttribute('lang', 'en');
    el.setAttribute('remember', 'false');
    document.body.append(el);
    await el.ready;
  });
  await page.locator('#w #q-entity_type input[value=university]').check();
  await page.locator('#w .pm-actions button').first().click();
  const link = await page.locator('#w .pm-share input').inputValue();
  await page.locator('#w .pm-share-qr svg').waitFor({ timeout: 15000 });
  assert.equal(read(await page.locator('#w .pm-share-qr .pm-qr-code').screenshot()), link);
  assert.deepEqual(problems, []);
  await context.close();
});
