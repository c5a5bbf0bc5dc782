// The release package for hosts (run by scripts/package.sh): from a built dist/, stages the files a
// host page needs in a temporary folder with package.json, README.md (package/README.md, with this
// build's integrity value filled in), CHANGELOG.md and integrity.json (the package's files' lines of
// dist/integrity.json), then `npm pack`s it into dist-package/policy-matcher-widget-<version>.tgz.
//
// What goes in: the element (policy-matcher.js), both modules (glue and wasm: the default one and
// policy-matcher-full-*, for catalog-url), the stylesheet, the catalog, details and first-screen files
// of both languages, the share link's QR module, the catalog check page (check.html, check.js, its
// module and the sample applicants), the typed API (custom-elements.json, policy-matcher.d.ts). Not the standalone
// page (index.html, embed.html, demo.html, its manifest and icons) nor its service worker: a service
// worker belongs to the pages it controls, so a host keeps the widget offline with its own (the
// package README says how).
//
// Every file is checked against dist/integrity.json before it is packed: a dist/ changed after the
// build is refused. Writes only dist-package/ and the temporary folder.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(root, 'dist-package');
const requireTypes = process.argv.includes('--require-types');
const fail = (msg) => { console.error(`package: ${msg}`); process.exit(1); };

// name, version, description, license: the crate's.
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const pkgSection = cargo.slice(cargo.indexOf('[package]'), cargo.indexOf('\n[', cargo.indexOf('[package]') + 1));
const field = (k) => {
  const m = pkgSection.match(new RegExp(`^${k}\\s*=\\s*"([^"]*)"`, 'm'));
  if (!m) fail(`Cargo.toml has no package.${k}`);
  return m[1];
};
const version = field('version');

if (!existsSync(join(dist, 'policy-matcher.js'))) fail('dist/ has no policy-matcher.js: build first (bash scripts/package.sh without --no-build)');
if (!existsSync(join(dist, 'integrity.json'))) fail('dist/ has no integrity.json: it was built before integrity hashes; build again');
const integrity = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8'));
const all = readdirSync(dist);
const pick = (re) => all.filter((f) => re.test(f)).sort();
const element = ['policy-matcher.js'];
const modules = pick(/^policy-matcher-(full-)?[0-9a-f]+(_bg\.wasm|\.js)$/);
const css = pick(/^style-[0-9a-f]+\.css$/);
const parts = pick(/^(catalog|details)-(zh|en)-[0-9a-f]+\.bin$|^prerender-(zh|en)-[0-9a-f]+\.html$/);
const types = ['custom-elements.json', 'policy-matcher.d.ts'].filter((f) => existsSync(join(dist, f)));
// The share link's QR module (loaded by the element when asked for) and the catalog check page
// with its module and sample applicants (check.html: a park team checks its own catalog here).
const qr = pick(/^qr-[0-9a-f]+(_bg\.wasm|\.js)$/);
const checkPage = pick(/^check(\.html|\.js|-[0-9a-f]+(_bg\.wasm|\.js)|-applicants-[0-9a-f]+\.json)$/);
if (qr.length !== 2) fail(`dist/ should hold the QR module (glue and wasm), found ${JSON.stringify(qr)}`);
if (checkPage.length !== 5) fail(`dist/ should hold the check page (check.html, check.js, its module and sample applicants), found ${JSON.stringify(checkPage)}`);
if (requireTypes && types.length < 2) fail('--require-types: dist/ lacks custom-elements.json or policy-matcher.d.ts (scripts/types.mjs)');
// Both modules, glue and wasm each; one stylesheet; both languages' three parts.
const count = (re) => modules.filter((f) => re.test(f)).length;
if (count(/^policy-matcher-[0-9a-f]+\.js$/) !== 1 || count(/^policy-matcher-[0-9a-f]+_bg\.wasm$/) !== 1
  || count(/^policy-matcher-full-.*\.js$/) !== 1 || count(/^policy-matcher-full-.*_bg\.wasm$/) !== 1) fail(`dist/ should hold two modules (glue and wasm each), found ${JSON.stringify(modules)}`);
if (css.length !== 1 || parts.length !== 6) fail(`dist/ should hold one stylesheet and six catalog/details/prerender files, found ${JSON.stringify([...css, ...parts])}`);
const shipped = [...element, ...modules, ...css, ...parts, ...qr, ...checkPage, ...types];
// The element loads only files beside it: any other name it mentions would be missing from the package.
const js = readFileSync(join(dist, 'policy-matcher.js'), 'utf8');
for (const m of js.matchAll(/"\.\/([^"]+)"/g)) if (!shipped.includes(m[1])) fail(`policy-matcher.js refers to ${m[1]}, which the package would not hold`);

const sri = (f) => `sha384-${createHash('sha384').update(readFileSync(join(dist, f))).digest('base64')}`;
for (const f of shipped) {
  if (!integrity[f]) fail(`dist/integrity.json has no line for ${f}`);
  if (integrity[f] !== sri(f)) fail(`dist/${f} does not match dist/integrity.json: dist/ changed after the build`);
}

// The catalog version the widget reports (results.catalog.version): the bundled catalog's, from data/.
let catalogVersion;
try {
  catalogVersion = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--', 'check', '--format', 'json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })).version;
} catch (e) { fail(`could not read the catalog's version (cargo run -- check): ${e.message}`); }

const stage = mkdtempSync(join(tmpdir(), 'pm-package-'));
try {
  for (const f of shipped) copyFileSync(join(dist, f), join(stage, f));
  const own = Object.fromEntries(shipped.map((f) => [f, integrity[f]]));
  writeFileSync(join(stage, 'integrity.json'), `${JSON.stringify(own, null, 2)}\n`);
  // The README shows this build's value in its embed snippet.
  const readme = readFileSync(join(root, 'package/README.md'), 'utf8').replaceAll('sha384-…', integrity['policy-matcher.js']);
  writeFileSync(join(stage, 'README.md'), readme);
  copyFileSync(join(root, 'CHANGELOG.md'), join(stage, 'CHANGELOG.md'));
  const files = [...shipped, 'integrity.json', 'CHANGELOG.md'];
  const pkg = {
    name: 'policy-matcher-widget',
    version,
    description: `${field('description')} — this package: the widget as the <policy-matcher> custom element (no answer leaves the browser)`,
    license: field('license'),
    type: 'module',
    exports: {
      '.': { types: './policy-matcher.d.ts', default: './policy-matcher.js' },
      './custom-elements.json': './custom-elements.json',
      './policy-matcher.d.ts': './policy-matcher.d.ts',
      './integrity.json': './integrity.json',
      './package.json': './package.json',
    },
    module: './policy-matcher.js',
    types: './policy-matcher.d.ts',
    customElements: 'custom-elements.json',
    files,
    sideEffects: ['./policy-matcher.js'],
    keywords: ['web-component', 'custom-element', 'wasm', 'eligibility', 'policy', 'zhongguancun', 'haidian'],
    policyMatcher: { catalogVersion, element: 'policy-matcher', integrity: integrity['policy-matcher.js'] },
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  mkdirSync(out, { recursive: true });
  const tgz = join(out, `policy-matcher-widget-${version}.tgz`);
  rmSync(tgz, { force: true });
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
    cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  }));
  if (!existsSync(tgz)) fail(`npm pack wrote ${packed.filename}, not ${tgz}`);
  for (const f of packed.files) console.log(`  ${String(f.size).padStart(9)}  ${f.path}`);
  console.log(`package: ${tgz.slice(root.length)} — ${packed.size} bytes, ${packed.files.length} files (unpacked ${packed.unpackedSize}); catalog ${catalogVersion}; policy-matcher.js ${integrity['policy-matcher.js']}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
