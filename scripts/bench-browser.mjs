// Browser measurements in headless Chromium (Debian's), printed as Markdown:
//  - full-catalog evaluation in wasm (traces included): bundled and 10k synthetic;
//  - answer → results committed to the DOM, and → the next frame, p95, bundled and 1k synthetic catalogs;
//  - cold start to an interactive questionnaire vs a minimal Yew app built the same way.
// Needs dist/ (trunk build), target/minimal-dist/, target/web-bench/ (the engine with feature `bench`)
// and target/synthetic-{1000,10000}.json (scripts/bench.sh).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/browser.mjs';
import { start } from '../tests/e2e/server.mjs';

const repo = fileURLToPath(new URL('../', import.meta.url));
const syn1k = readFileSync(`${repo}target/synthetic-1000.json`, 'utf8');
const syn10k = readFileSync(`${repo}target/synthetic-10000.json`, 'utf8');
// The headless engine's timing entry points are built only with the `bench` feature
// (scripts/bench.sh: target/web-bench/), never shipped in dist/.
const glue = 'bench/policy_matcher.js';
const wasm = 'bench/policy_matcher_bg.wasm';
const server = await start({ catalogs: { 'syn1k.json': syn1k, 'syn10k.json': syn10k }, mounts: { '/minimal/': 'target/minimal-dist', '/bench/': 'target/web-bench' } });
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);
const profile = { entity_type: 'enterprise', enterprise_size: 'small', industries: ['artificial_intelligence'], location: 'haidian', qualifications: ['tech_sme'], employees: 45 };

// 1. Evaluation inside wasm in Chromium.
const page = await (await browser.newContext()).newPage();
await page.goto(`${server.url}/test/blank.html`);
const evalTimes = await page.evaluate(async ({ glue, wasm, profile }) => {
  const m = await import(`/${glue}`);
  await m.default({ module_or_path: `/${wasm}` });
  const out = {};
  for (const [name, text] of [['bundled', undefined], ['synthetic 10k', await (await fetch('/test/catalogs/syn10k.json')).text()]]) {
    const e = new m.Engine(text);
    const runs = name === 'bundled' ? 2000 : 20;
    const samples = [];
    for (let k = 0; k < 7; k++) {
      const t = performance.now();
      e.repeat(profile, runs);
      samples.push((performance.now() - t) / runs);
    }
    out[name] = { measures: e.ids.length, samples };
  }
  return out;
}, { glue, wasm, profile });

// 2. Answer → repaint.
async function repaint(catalogUrl) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(`${server.url}/test/blank.html`);
  return p.evaluate(async (catalogUrl) => {
    const el = document.createElement('policy-matcher');
    el.setAttribute('lang', 'en');
    el.setAttribute('remember', 'false');
    if (catalogUrl) el.setAttribute('catalog-url', catalogUrl);
    document.body.append(el);
    await el.ready;
    await new Promise((r) => setTimeout(r, 300));
    const root = el.shadowRoot;
    const results = root.querySelector('[part~="results"]') || root;
    // Two figures per answer: `commit`, click → the last change of the results in the DOM (what the
    // widget's own code costs: evaluation, diffing, DOM writes), and `frame`, click → the first
    // animation frame after it (adds the wait for the next frame, up to 16.7 ms at 60 Hz).
    const commits = [];
    const frames = [];
    const values = ['enterprise', 'university', 'bank', 'incubator'];
    for (let i = 0; i < 40; i++) {
      const input = root.querySelector(`#q-entity_type input[value=${values[i % values.length]}]`);
      let last = 0;
      const obs = new MutationObserver(() => { last = performance.now(); });
      obs.observe(results, { subtree: true, childList: true, characterData: true, attributes: true });
      const done = new Promise((resolve) => {
        const first = new MutationObserver(() => { first.disconnect(); requestAnimationFrame(() => resolve(performance.now())); });
        first.observe(results, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const t0 = performance.now();
      input.click();
      const frame = await done;
      // Changes made in later tasks (if the render is split) still count towards the commit.
      await new Promise((r) => setTimeout(r, 30));
      obs.disconnect();
      commits.push(last - t0);
      frames.push(frame - t0);
    }
    const times = frames;
    return { times, commits, measures: el.results.results.length };
  }, catalogUrl).finally(() => ctx.close());
}
const repaints = { bundled: await repaint(null), 'synthetic 1k': await repaint('/test/catalogs/syn1k.json') };

// 3. Cold start: navigation → first interactive control, with an empty cache each time.
async function cold(path, selector) {
  {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const p = await ctx.newPage();
    await p.addInitScript((selector) => {
      const check = () => {
        const el = document.querySelector(selector);
        if (el && !window.__ready) window.__ready = performance.now();
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true });
    }, selector);
    await p.goto(server.url + path);
    await p.waitForFunction(() => window.__ready, null, { timeout: 20000 });
    const t = await p.evaluate(() => window.__ready);
    await ctx.close();
    return t;
  }
}
// Interleaved (widget, minimal, widget, …), so that a slow spell of this shared machine falls on both.
// The widget counts once the wasm has mounted it (`data-pm="live"`), as before the prerendered first
// screen existed: the figure stays comparable (bench-phone.mjs times the prerendered screen).
const coldApp = [], coldMin = [], coldFirst = [];
for (let i = 0; i < 15; i++) {
  coldApp.push(await cold('/', '.pm-app[data-pm="live"] #q-entity_type input'));
  coldMin.push(await cold('/minimal/', '#ready'));
  coldFirst.push(await cold('/', '#q-entity_type input'));
}

console.log('| measurement | catalog | measures | result |');
console.log('|---|---|---:|---:|');
for (const [name, r] of Object.entries(evalTimes)) {
  console.log(`| full evaluation with traces, wasm in Chromium (median of 7 batches) | ${name} | ${r.measures} | ${ms(median(r.samples))} |`);
}
for (const [name, r] of Object.entries(repaints)) {
  console.log(`| answer → results committed to the DOM, p95 of ${r.commits.length} (median) | ${name} | ${r.measures} | ${ms(pct(r.commits, 0.95))} (${ms(median(r.commits))}) |`);
  console.log(`| answer → first frame after the commit, p95 of ${r.times.length} (median) | ${name} | ${r.measures} | ${ms(pct(r.times, 0.95))} (${ms(median(r.times))}) |`);
}
console.log(`| cold start to the prerendered first question, median of ${coldFirst.length} | bundled | ${evalTimes.bundled.measures} | ${ms(median(coldFirst))} |`);
console.log(`| cold start to an interactive questionnaire (the wasm mounted), median of ${coldApp.length} | bundled | ${evalTimes.bundled.measures} | ${ms(median(coldApp))} |`);
console.log(`| cold start of a minimal Yew app built the same way, median of ${coldMin.length} | — | — | ${ms(median(coldMin))} |`);
console.log(`| cold-start ratio (widget / minimal) | | | **${(median(coldApp) / median(coldMin)).toFixed(2)}×** |`);
await browser.close();
await server.close();
