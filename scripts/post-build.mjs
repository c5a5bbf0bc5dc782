// Trunk post_build hook: writes the files whose contents depend on the hashed build outputs.
//  - policy-matcher.js: the custom element, pointing at the hashed glue, wasm and CSS next to it;
//  - sw.js: the service worker, whose precache list is every file of this build.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

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

const element = readFileSync(new URL('policy-matcher.template.js', www), 'utf8')
  .replace("'__GLUE__'", JSON.stringify(`./${glue}`))
  .replace("'__WASM__'", JSON.stringify(`./${wasm}`))
  .replace("'__CSS__'", JSON.stringify(`./${css}`));
writeFileSync(join(dir, 'policy-matcher.js'), element);

const precache = ['./', ...readdirSync(dir)
  .filter((f) => statSync(join(dir, f)).isFile() && !f.startsWith('.') && f !== 'sw.js' && !f.endsWith('.template.js'))
  .sort()];
const hash = createHash('sha256');
for (const f of precache.slice(1)) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const sw = readFileSync(new URL('sw.template.js', www), 'utf8')
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__PRECACHE__', JSON.stringify(precache));
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`post-build: policy-matcher.js → ${glue}; sw.js precaches ${precache.length} files (version ${version})`);
