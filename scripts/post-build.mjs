// Trunk post_build hook: writes the files whose contents depend on the hashed build outputs.
//  - policy-matcher.js: the custom element, pointing at the hashed glue, wasm and CSS next to it;
//  - policy-matcher-full-<hash>.js and _bg.wasm: the same widget built with the feature
//    `runtime-catalog` (the JSON catalog reader and the validator), which the element loads instead
//    of the default module only for an element with a `catalog-url`. Built by scripts/wasm-build.sh
//    with the same toolchain and settings as Trunk's;
//  - the prerendered first screens and the catalog in one file per language (src/bin/prerender.rs,
//    built natively with the feature `prerender`): catalog-<lang>-<hash>.bin (the widget downloads
//    the page's language first, the other on a switch) and prerender-<lang>-<hash>.html; the loader
//    (www/early.js, www/page.js) is inlined into index.html's head, where it starts both downloads;
//  - qr-<hash>.js and _bg.wasm: the share link's QR code (src/qr.rs), loaded when asked for;
//  - check.html, check.js, check-<hash>.js/_bg.wasm, check-applicants-<hash>.json: the catalog
//    check page for park teams and its module (feature `check`), built by scripts/wasm-build.sh;
//  - sw.js: the service worker, whose precache list is every file of this build but the full
//    module and the check page (cached when first fetched instead: most visitors never need them);
//  - custom-elements.json and policy-matcher.d.ts, the element's typed API (scripts/types.mjs);
//  - integrity.json, last: the SHA-384 (SRI) hash of every file shipped. policy-matcher.js carries
//    the hashes of the files it loads (computed above on their final bytes), never its own.
import { readdirSync, readFileSync, writeFileSync, statSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile() && !f.startsWith('.'));
const one = (re, what) => {
  const hits = files.filter((f) => re.test(f));
  if (hits.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${JSON.stringify(hits)}`);
  return hits[0];
};
if (!files.some((f) => /^style-[0-9a-f]+\.css$/.test(f))) {
  console.log('post-build: not the widget build (no stylesheet); nothing to write');
  process.exit(0);
}
const glue = one(/^policy-matcher-[0-9a-f]+\.js$/, 'wasm-bindgen glue');
const wasm = one(/^policy-matcher-[0-9a-f]+_bg\.wasm$/, 'wasm module');
const css = one(/^style-[0-9a-f]+\.css$/, 'stylesheet');
const www = new URL('../www/', import.meta.url);
const root = new URL('..', import.meta.url).pathname;

// The module with the runtime catalog reader. The default module's cargo output is kept first as
// target/widget-lite.wasm (scripts/wasm-top.sh reads it): the feature build overwrites the path.
const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
const cargoOut = join(target, 'wasm32-unknown-unknown/wasm/policy_matcher.wasm');
copyFileSync(cargoOut, join(target, 'widget-lite.wasm'));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

// The prerender step: first screens and per-language catalog files.
run('cargo', ['run', '--release', '--quiet', '--features', 'prerender', '--bin', 'prerender', '--', join(target, 'prerender')]);
for (const f of readdirSync(dir)) if (/^(catalog|details|prerender)-(zh|en)-/.test(f)) rmSync(join(dir, f));
const hashed = {};
for (const [base, ext] of [['catalog-zh', 'bin'], ['catalog-en', 'bin'], ['details-zh', 'bin'], ['details-en', 'bin'], ['prerender-zh', 'html'], ['prerender-en', 'html']]) {
  const bytes = readFileSync(join(target, 'prerender', `${base}.${ext}`));
  hashed[base] = `${base}-${short(bytes)}.${ext}`;
  writeFileSync(join(dir, hashed[base]), bytes);
}
// Shipped without whole-line comments and indentation (they are in www/, for the reader): fewer
// bytes before the first screen. `keepHead` keeps the opening comment (the element's usage notes).
const lean = (js, keepHead = false) => {
  const lines = js.split('\n');
  const head = keepHead ? lines.findIndex((l) => !l.startsWith('//')) : 0;
  return [...lines.slice(0, head), ...lines.slice(head).map((l) => l.trim()).filter((l) => l && !l.startsWith('//'))].join('\n');
};
const early = lean(readFileSync(new URL('early.js', www), 'utf8'));
// The hashed names of those files, in place of '__CATALOG_ZH__' and the like.
// The QR module (src/qr.rs, the `qr` example target): the share link's QR code, loaded only when a
// share link is made or the page printed. Small, so precached: it works offline.
const qrTmp = join(target, 'widget-qr');
rmSync(qrTmp, { recursive: true, force: true });
run('bash', [join(root, 'scripts/wasm-build.sh'), '--out', qrTmp, '--name', 'qr', '--example', 'qr']);
for (const f of readdirSync(dir)) if (/^qr-[0-9a-f]+(_bg\.wasm|\.js)$/.test(f)) rmSync(join(dir, f));
const qrWasmBytes = readFileSync(join(qrTmp, 'qr_bg.wasm'));
const qrGlueBytes = readFileSync(join(qrTmp, 'qr.js'));
hashed['qr-wasm'] = `qr-${short(qrWasmBytes)}_bg.wasm`;
hashed['qr-glue'] = `qr-${short(qrGlueBytes)}.js`;
writeFileSync(join(dir, hashed['qr-wasm']), qrWasmBytes);
writeFileSync(join(dir, hashed['qr-glue']), qrGlueBytes);
const names = (text) => text.replace(/'__(CATALOG|DETAILS|SCREENS)_(ZH|EN)__'/g, (_, kind, lang) =>
  JSON.stringify(`./${hashed[`${kind === 'SCREENS' ? 'prerender' : kind.toLowerCase()}-${lang.toLowerCase()}`]}`))
  .replace(/'__QR_(GLUE|WASM)__'/g, (_, kind) => JSON.stringify(`./${hashed[`qr-${kind.toLowerCase()}`]}`));
const pageLoader = names(lean(readFileSync(new URL('page.js', www), 'utf8')));
const marker = '<!-- prerendered: scripts/post-build.mjs puts the loader here -->';
const indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
if (!indexHtml.includes(marker)) throw new Error('post-build: index.html has no prerender marker');
if (/<\/script/i.test(early + pageLoader)) throw new Error('post-build: a loader script contains </script>');
writeFileSync(join(dir, 'index.html'), indexHtml.replace(marker, () => `<script>\n${early}\n${pageLoader}</script>`));
// The catalog-url module: scripts/wasm-build.sh, the same recipe as Trunk's (the `wasm` profile,
// wasm-bindgen --target web, wasm-opt -Oz --converge from binaryen 132).
const tmp = join(target, 'widget-full');
rmSync(tmp, { recursive: true, force: true });
run('bash', [join(root, 'scripts/wasm-build.sh'), '--out', tmp, '--name', 'full', '--features', 'runtime-catalog']);
const fullWasmBytes = readFileSync(join(tmp, 'full_bg.wasm'));
const fullGlueBytes = readFileSync(join(tmp, 'full.js'));
const fullWasm = `policy-matcher-full-${short(fullWasmBytes)}_bg.wasm`;
const fullGlue = `policy-matcher-full-${short(fullGlueBytes)}.js`;
for (const f of readdirSync(dir)) if (f.startsWith('policy-matcher-full-')) rmSync(join(dir, f));
writeFileSync(join(dir, fullWasm), fullWasmBytes);
writeFileSync(join(dir, fullGlue), fullGlueBytes);

// The catalog check page (www/check.html, www/check.js) and its module (feature `check`: the TOML
// folder reader, stats and diff), with the sample applicants (tests/profiles) the page compares
// the bundled and the checked catalog for. Not precached: kept when first used (ON_DEMAND).
const checkTmp = join(target, 'widget-check');
rmSync(checkTmp, { recursive: true, force: true });
run('bash', [join(root, 'scripts/wasm-build.sh'), '--out', checkTmp, '--name', 'check', '--features', 'check']);
for (const f of readdirSync(dir)) if (f.startsWith('check')) rmSync(join(dir, f));
const checkWasmBytes = readFileSync(join(checkTmp, 'check_bg.wasm'));
const checkGlueBytes = readFileSync(join(checkTmp, 'check.js'));
const checkWasm = `check-${short(checkWasmBytes)}_bg.wasm`;
const checkGlue = `check-${short(checkGlueBytes)}.js`;
writeFileSync(join(dir, checkWasm), checkWasmBytes);
writeFileSync(join(dir, checkGlue), checkGlueBytes);
const profiles = join(root, 'tests/profiles');
const applicantsBytes = Buffer.from(JSON.stringify(readdirSync(profiles).filter((f) => f.endsWith('.json')).sort()
  .map((name) => ({ name, answers: JSON.parse(readFileSync(join(profiles, name), 'utf8')) }))));
const applicantsFile = `check-applicants-${short(applicantsBytes)}.json`;
writeFileSync(join(dir, applicantsFile), applicantsBytes);
const checkFiles = ['check.html', 'check.js', checkGlue, checkWasm, applicantsFile];
copyFileSync(new URL('check.html', www), join(dir, 'check.html'));
writeFileSync(join(dir, 'check.js'), lean(readFileSync(new URL('check.js', www), 'utf8'))
  .replace("'__CHECK_GLUE__'", JSON.stringify(`./${checkGlue}`))
  .replace("'__CHECK_WASM__'", JSON.stringify(`./${checkWasm}`))
  .replace("'__APPLICANTS__'", JSON.stringify(`./${applicantsFile}`))
  .replace("'__OWN__'", JSON.stringify([...checkFiles, fullGlue, fullWasm].map((f) => `./${f}`))));

const sri = (f) => `sha384-${createHash('sha384').update(readFileSync(join(dir, f))).digest('base64')}`;
const loaded = [glue, wasm, fullGlue, fullWasm, css, ...Object.values(hashed)];
const element = readFileSync(new URL('policy-matcher.template.js', www), 'utf8')
  .replace("'__SRI__'", JSON.stringify(Object.fromEntries(loaded.map((f) => [`./${f}`, sri(f)]))))
  .replace("'__GLUE__'", JSON.stringify(`./${glue}`))
  .replace("'__WASM__'", JSON.stringify(`./${wasm}`))
  .replace("'__FULL_GLUE__'", JSON.stringify(`./${fullGlue}`))
  .replace("'__FULL_WASM__'", JSON.stringify(`./${fullWasm}`))
  .replace("'__CSS__'", JSON.stringify(`./${css}`))
  .replace('/* __EARLY__ */', () => early);
writeFileSync(join(dir, 'policy-matcher.js'), names(lean(element, true)));

const precache = ['./', ...readdirSync(dir)
  .filter((f) => statSync(join(dir, f)).isFile() && !f.startsWith('.') && f !== 'sw.js' && !f.endsWith('.template.js') && !f.startsWith('policy-matcher-full-') && !checkFiles.includes(f))
  .sort()];
const hash = createHash('sha256');
const onDemand = [fullGlue, fullWasm, ...checkFiles];
for (const f of [...precache.slice(1), ...onDemand]) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const sw = readFileSync(new URL('sw.template.js', www), 'utf8')
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__PRECACHE__', JSON.stringify(precache))
  .replace('__ON_DEMAND__', JSON.stringify(onDemand));
writeFileSync(join(dir, 'sw.js'), sw);
run(process.execPath, [join(root, 'scripts/types.mjs'), dir]); // custom-elements.json, policy-matcher.d.ts: for hosts' tools, not precached
// integrity.json: every file shipped (integrity.json itself excepted), for hosts' `integrity`
// attributes, CSP and release checks. Keep this block last: any file written after it goes unhashed.
const shipped = (d, at = '') => readdirSync(d).sort().flatMap((f) => (f.startsWith('.') ? []
  : statSync(join(d, f)).isDirectory() ? shipped(join(d, f), `${at}${f}/`) : [`${at}${f}`]));
writeFileSync(join(dir, 'integrity.json'), `${JSON.stringify(Object.fromEntries(shipped(dir)
  .filter((f) => f !== 'integrity.json').map((f) => [f, sri(f)])), null, 2)}\n`);
console.log(`post-build: policy-matcher.js → ${glue} (catalog-url: ${fullGlue}); sw.js precaches ${precache.length} files (version ${version})`);
