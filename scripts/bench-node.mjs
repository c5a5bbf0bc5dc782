// Our engine (wasm, wasm-bindgen's Node target) against json-logic-js on the same rules and the
// same profiles, in one Node process. First checks that both give the same verdicts on fully
// answered profiles (where two- and three-valued logic agree), then times them.
//   node scripts/bench-node.mjs            (after scripts/bench.sh has built target/node and the CLI)
// Prints a Markdown table.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../', import.meta.url));
const { Engine } = require(`${repo}target/node/policy_matcher.js`);
const jsonLogic = require('json-logic-js');
const cli = (...args) => execFileSync(`${repo}target/release/policy-matcher`, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });

// A deterministic generator of fully answered profiles over the catalog's questions.
function* profiles(questions, seed, count) {
  let s = BigInt(seed);
  const next = () => { s ^= s >> 12n; s ^= (s << 25n) & 0xffffffffffffffffn; s ^= s >> 27n; return Number((s * 0x2545f4914f6cdd1dn) & 0xffffffn); };
  for (let i = 0; i < count; i++) {
    const p = {};
    for (const f of questions.field) {
      const opts = (f.option || []).filter((o) => !o.exclusive).map((o) => o.id);
      if (f.kind === 'one_of') p[f.id] = opts[next() % opts.length];
      else if (f.kind === 'any_of') p[f.id] = opts.filter(() => next() % 4 === 0);
      else if (f.kind === 'year') p[f.id] = 1990 + (next() % 36);
      else if (f.kind === 'integer') p[f.id] = next() % 2000;
      else p[f.id] = (next() % 200000) / 10;
    }
    yield p;
  }
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

function bench(name, catalogText, rules, questions) {
  const engine = new Engine(catalogText);
  const ids = engine.ids;
  const ps = [...profiles(questions, 12345, 200)];
  // 1. Agreement on fully answered profiles.
  let checked = 0;
  for (const p of ps.slice(0, 100)) {
    const ours = engine.criteria(p);
    ids.forEach((id, i) => {
      const theirs = jsonLogic.apply(rules[id], p) ? 1 : 0;
      // A loose criterion the answers miss is unknown for us (to confirm) and false for JsonLogic.
      const mine = ours[i] === 1 ? 1 : 0;
      if (mine !== theirs) throw new Error(`${name}: ${id} disagrees on ${JSON.stringify(p)}: ours ${ours[i]}, json-logic ${theirs}`);
      checked++;
    });
  }
  // 2. Timing: one profile → every measure decided. Ours includes the trace of every criterion.
  const time = (f) => {
    const samples = [];
    const until = performance.now() + 1500;
    let i = 0;
    while (performance.now() < until || samples.length < 10) {
      const p = ps[i++ % ps.length];
      const t = performance.now();
      f(p);
      samples.push(performance.now() - t);
    }
    return { median: median(samples), runs: samples.length };
  };
  const ruleList = ids.map((id) => rules[id]);
  const ours = time((p) => engine.criteria(p));
  // The engine alone, full evaluation with traces, without crossing the JS boundary per run.
  const t0 = performance.now();
  engine.repeat(ps[0], 200);
  const inside = (performance.now() - t0) / 200;
  const theirs = time((p) => { for (const r of ruleList) jsonLogic.apply(r, p); });
  return { name, measures: ids.length, checked, ours, theirs, inside };
}

const bundled = cli('export', '--format', 'json');
const questions = JSON.parse(bundled).questions;
const rows = [bench('bundled', bundled, JSON.parse(cli('export', '--format', 'jsonlogic')), questions)];
for (const n of [1000, 10000]) {
  const text = cli('synth', '--measures', String(n));
  const file = `${repo}target/synthetic-${n}.json`;
  (await import('node:fs')).writeFileSync(file, text);
  rows.push(bench(`synthetic ${n / 1000}k`, text, JSON.parse(cli('export', '--format', 'jsonlogic', '--catalog', file)), questions));
}
const ms = (x) => (x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(2)} ms`);
console.log('| catalog | measures | verdicts compared | policy-matcher, profile object in → verdicts out | json-logic-js, every rule | ratio | policy-matcher full evaluation with traces, inside wasm |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.measures} | ${r.checked} agree | ${ms(r.ours.median)} | ${ms(r.theirs.median)} | **${(r.theirs.median / r.ours.median).toFixed(1)}×** | ${ms(r.inside)} |`);
}
