// The release package (scripts/package.sh): packed from the built dist/, unpacked into an empty
// folder outside the repository, served by a plain static server under a sub-path, and run from host
// pages that never saw the repository — only the package's files, with the integrity value from the
// package's own integrity.json on the script tag — same-origin under /vendor/…/ and cross-origin from
// a "CDN" on another port. Also: the tarball's file list and package.json's fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watch } from './browser.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const version = readFileSync(join(repo, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const tgz = join(repo, 'dist-package', `policy-matcher-widget-${version}.tgz`);
const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

/** A plain static server: `mounts` maps a path prefix to a folder, `pages` a path to an HTML text. */
async function serve({ mounts = {}, pages = {}, headers = {} }) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.ts': 'text/plain' };
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (path in pages) { res.writeHead(200, { 'content-type': types['.html'] }).end(pages[path]); return; }
    const mount = Object.keys(mounts).find((m) => path.startsWith(m));
    const rel = mount && normalize(path.slice(mount.length));
    if (!mount || rel.startsWith('..')) { res.writeHead(404).end('not found'); return; }
    try {
      const body = await readFile(join(mounts[mount], rel));
      res.writeHead(200, { 'content-type': types[extname(rel)] || 'application/octet-stream', ...headers }).end(body);
    } catch { res.writeHead(404).end('not found'); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

let dir, unpacked, listing, pkg, integrity, browser;
before(async () => {
  const status = git('status', '--porcelain', '--untracked-files=no');
  execFileSync('bash', [join(repo, 'scripts/package.sh'), '--no-build', '--require-types'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  assert.equal(git('status', '--porcelain', '--untracked-files=no'), status, 'packing rewrites no tracked file');
  listing = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n').sort();
  dir = mkdtempSync(join(tmpdir(), 'pm-host-'));
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  unpacked = join(dir, 'package');
  pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
  integrity = JSON.parse(readFileSync(join(unpacked, 'integrity.json'), 'utf8'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the element, both modules, CSS, the catalog parts, the QR module, the check page, the typed API, integrity.json and the docs', () => {
  const names = listing.map((f) => f.replace(/^package\//, ''));
  assert.ok(listing.every((f) => f.startsWith('package/')), 'npm pack layout');
  const patterns = [
    /^policy-matcher\.js$/, /^policy-matcher-[0-9a-f]+\.js$/, /^policy-matcher-[0-9a-f]+_bg\.wasm$/,
    /^policy-matcher-full-[0-9a-f]+\.js$/, /^policy-matcher-full-[0-9a-f]+_bg\.wasm$/, /^style-[0-9a-f]+\.css$/,
    /^catalog-zh-[0-9a-f]+\.bin$/, /^catalog-en-[0-9a-f]+\.bin$/, /^details-zh-[0-9a-f]+\.bin$/, /^details-en-[0-9a-f]+\.bin$/,
    /^prerender-zh-[0-9a-f]+\.html$/, /^prerender-en-[0-9a-f]+\.html$/,
    /^qr-[0-9a-f]+\.js$/, /^qr-[0-9a-f]+_bg\.wasm$/,
    /^check\.html$/, /^check\.js$/, /^check-[0-9a-f]+\.js$/, /^check-[0-9a-f]+_bg\.wasm$/, /^check-applicants-[0-9a-f]+\.json$/,
    /^custom-elements\.json$/, /^policy-matcher\.d\.ts$/, /^integrity\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^package\.json$/,
  ];
  for (const re of patterns) assert.equal(names.filter((n) => re.test(n)).length, 1, `${re} in ${names}`);
  assert.equal(names.length, patterns.length, `nothing else: ${names}`);
  // Not the standalone page, its service worker or anything of the repository.
  for (const n of ['index.html', 'embed.html', 'sw.js', 'Cargo.toml']) assert.ok(!names.includes(n), n);
  // integrity.json: every other file of the package but the docs, each with its hash.
  const files = readdirSync(unpacked).filter((f) => !['integrity.json', 'package.json', 'README.md', 'CHANGELOG.md'].includes(f)).sort();
  assert.deepEqual(Object.keys(integrity).sort(), files);
  for (const f of files) assert.equal(integrity[f], `sha384-${createHash('sha384').update(readFileSync(join(unpacked, f))).digest('base64')}`, f);
  // The README shows this version's value in its embed snippet; the changelog has this version.
  const readme = readFileSync(join(unpacked, 'README.md'), 'utf8');
  assert.ok(readme.includes(`integrity="${integrity['policy-matcher.js']}" crossorigin="anonymous"`));
  assert.ok(!readme.includes('sha384-…'));
  assert.match(readFileSync(join(unpacked, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm'));
});

test('package.json: name, the crate\'s version, license, exports, files, customElements, types, the catalog version', () => {
  const cargo = readFileSync(join(repo, 'Cargo.toml'), 'utf8');
  assert.equal(pkg.name, 'policy-matcher-widget');
  assert.equal(pkg.version, version);
  assert.equal(pkg.license, cargo.match(/^license = "([^"]+)"/m)[1]);
  assert.ok(pkg.description.length > 20);
  assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', './custom-elements.json', './integrity.json', './package.json', './policy-matcher.d.ts']);
  assert.equal(pkg.exports['.'].default, './policy-matcher.js');
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.equal(pkg.types, './policy-matcher.d.ts');
  const names = listing.map((f) => f.replace(/^package\//, ''));
  for (const f of pkg.files) assert.ok(names.includes(f), `files lists ${f}`);
  for (const target of Object.values(pkg.exports).map((e) => (typeof e === 'string' ? e : e.default))) assert.ok(names.includes(target.slice(2)), target);
  assert.match(pkg.policyMatcher.catalogVersion, /^\S{8,}$/);
  assert.equal(pkg.policyMatcher.integrity, integrity['policy-matcher.js']);
  const manifest = JSON.parse(readFileSync(join(unpacked, 'custom-elements.json'), 'utf8'));
  assert.equal(manifest.modules[0].declarations[0].tagName, 'policy-matcher');
});

/** The host page a park's web team would write: the two lines, nothing else of the repository. */
const hostPage = (src, lang) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Park services</title>
<script type="module" src="${src}" integrity="${integrity['policy-matcher.js']}" crossorigin="anonymous"></script>
</head><body><h2>Park services</h2>
<policy-matcher id="w" lang="${lang}" remember="false"></policy-matcher>
</body></html>`;

const TITLE = { zh: '政策匹配自测', en: 'Which support measures fit you?' };

async function answerAndCheck(host, lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failed.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  try {
    await page.goto(host);
    await page.locator('#w .pm-app[data-pm=live] .pm-q').first().waitFor({ timeout: 30000 });
    assert.equal(await page.locator('#w h1').textContent(), TITLE[lang]);
    await page.locator('#w #q-entity_type input[value=enterprise]').check();
    await page.locator('#w #q-enterprise_size input[value=small]').check();
    await page.locator('#w #q-location input[value=haidian]').check();
    await page.locator('#w #q-industries input[value=artificial_intelligence]').check();
    await page.locator('#w #q-qualifications input[value=tech_sme]').check();
    await page.locator('#w #q-activities input[value=key_tech_innovation]').check();
    await page.waitForTimeout(300);
    const results = await page.evaluate(() => document.getElementById('w').results);
    assert.ok(results.counts.eligible > 0, JSON.stringify(results.counts));
    assert.equal(Number(await page.locator('#w .pm-eligible .pm-count').first().textContent()), results.counts.eligible);
    await page.locator('#w .pm-card-eligible').first().waitFor(); // an eligible measure's card shows
    assert.equal(results.catalog.version, pkg.policyMatcher.catalogVersion, 'package.json names the catalog the widget runs');
    assert.deepEqual(failed, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

for (const lang of ['zh', 'en']) {
  test(`unpacked under a sub-path of the park's own server, the element runs from a two-line host page (${lang})`, { timeout: 90000 }, async () => {
    const base = '/vendor/policy-matcher-widget/';
    const server = await serve({ mounts: { [base]: unpacked }, pages: { '/services/index.html': hostPage(`${base}policy-matcher.js`, lang) } });
    try {
      await answerAndCheck(`${server.url}/services/index.html`, lang);
      // Everything it fetched came from the package's folder.
      assert.deepEqual(server.requests.filter((p) => p !== '/services/index.html' && p !== '/favicon.ico' && !p.startsWith(base)), []);
      assert.ok(server.requests.some((p) => p.endsWith('_bg.wasm')));
    } finally { await server.close(); }
  });
}

test('from a CDN path on another origin (crossorigin="anonymous", CORS), pinned to the version', { timeout: 90000 }, async () => {
  const base = `/policy-matcher-widget@${version}/`;
  const cdn = await serve({ mounts: { [base]: unpacked }, headers: { 'access-control-allow-origin': '*' } });
  const site = await serve({ pages: { '/': hostPage(`${cdn.url}${base}policy-matcher.js`, 'en') } });
  try {
    await answerAndCheck(`${site.url}/`, 'en');
    assert.ok(cdn.requests.some((p) => p.endsWith('_bg.wasm')));
  } finally { await cdn.close(); await site.close(); }
});
