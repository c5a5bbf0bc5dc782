// The typed API (scripts/types.mjs): custom-elements.json and policy-matcher.d.ts, generated into a
// temporary directory, then (a) type-checked with a host script (tests/fixtures/types/host.ts must
// compile, each of tests/fixtures/types/wrong/ must fail where it says), (b) checked against what
// they describe — the element (www/policy-matcher.template.js), the Rust sources and
// data/questions.toml — and (c) checked for the manifest's schema (2.1.0). No browser, no build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { CLASS, INTERFACES, MODULE, PROFILE_PROBLEMS, TAG, UNIONS } from '../../scripts/types.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p) => readFileSync(join(root, p), 'utf8');
const fixtures = join(root, 'tests/fixtures/types');
const TSC = [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--lib', 'dom,es2022', '--target', 'es2022'];
const sorted = (xs) => [...new Set(xs)].sort();

let dir, manifest, dts, element;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-types-'));
  execFileSync(process.execPath, [join(root, 'scripts/types.mjs'), dir], { stdio: 'pipe' });
  manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  dts = readFileSync(join(dir, 'policy-matcher.d.ts'), 'utf8');
  element = manifest.modules?.[0]?.declarations?.[0];
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs tsc on files in the output directory (beside policy-matcher.d.ts): exit status and output. */
function tsc(files) {
  const r = spawnSync(process.execPath, [...TSC, ...files], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

// ---- what the sources say --------------------------------------------------------------------

const template = read('www/policy-matcher.template.js');
const classBody = (() => {
  const start = template.indexOf(`class ${CLASS} extends HTMLElement {`);
  assert.ok(start >= 0, 'the template defines the class');
  return template.slice(start, template.indexOf('\n}\n', start));
})();
/** Not API: what every custom element has (the browser calls them). */
const PROTOCOL = new Set(['constructor', 'connectedCallback', 'disconnectedCallback', 'adoptedCallback', 'attributeChangedCallback', 'connectedMoveCallback', 'observedAttributes']);

function templateAttributes() {
  const observed = classBody.match(/static observedAttributes = \[([^\]]*)\]/);
  assert.ok(observed, 'observedAttributes');
  const names = [...observed[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  for (const m of template.matchAll(/\b(?:attr|getAttribute|hasAttribute)\(\s*'([^']+)'/g)) names.push(m[1]);
  return sorted(names);
}

/** The class's public members (not #private, not symbol-keyed, not the protocol): name → kind. */
function templateMembers() {
  const members = new Map();
  for (const line of classBody.split('\n')) {
    const m = line.match(/^ {2}(static\s+)?(?:(get|set|async)\s+)?([A-Za-z_$][\w$]*)\s*(\(|=|;)/);
    if (!m || PROTOCOL.has(m[3])) continue;
    const kind = m[2] === 'get' || m[2] === 'set' || m[4] !== '(' ? 'field' : 'method';
    const prev = members.get(m[3]);
    members.set(m[3], { kind, getter: m[2] === 'get' || prev?.getter, setter: m[2] === 'set' || prev?.setter, field: m[4] !== '(' });
  }
  return members;
}

function rustFiles(d = join(root, 'src')) {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? rustFiles(join(d, f)) : f.endsWith('.rs') ? [join(d, f)] : []));
}

function dispatchedEvents() {
  const js = [...template.matchAll(/new CustomEvent\('([^']+)'/g)].map((m) => m[1]);
  assert.equal((template.match(/dispatchEvent\(/g) || []).length, js.length, 'every event the element dispatches is a CustomEvent with a literal name');
  const rust = [];
  for (const f of rustFiles()) {
    const text = readFileSync(f, 'utf8');
    const named = [...text.matchAll(/\bbrowser::emit\(\s*&?[\w.]+\s*,\s*"([^"]+)"/g)].map((m) => m[1]);
    assert.equal((text.match(/\bbrowser::emit\(/g) || []).length, named.length, `${f}: every browser::emit names its event literally`);
    rust.push(...named);
  }
  assert.ok(rust.length > 0, 'found the Rust side\'s events');
  return { js: sorted(js), rust: sorted(rust), all: sorted([...js, ...rust]) };
}

/** A Rust struct's serialized fields: name → {optional (skipped when None), nullable (None written as null)}. */
function rustStruct(file, name) {
  const text = read(file);
  const start = text.indexOf(`pub struct ${name} {`);
  assert.ok(start >= 0, `${file}: struct ${name}`);
  const body = text.slice(text.indexOf('{', start) + 1, text.indexOf('\n}', start));
  const fields = new Map();
  let attrs = '';
  for (const line of body.split('\n').map((l) => l.trim())) {
    if (line.startsWith('#[')) { attrs += line; continue; }
    const m = line.match(/^pub (\w+): (.+),$/);
    if (!m) continue;
    const rename = attrs.match(/rename = "([^"]+)"/);
    if (!/serde\(skip\)/.test(attrs)) {
      const optional = /skip_serializing_if/.test(attrs);
      fields.set(rename ? rename[1] : m[1], { optional, nullable: !optional && m[2].startsWith('Option<') });
    }
    attrs = '';
  }
  return fields;
}

/** The ids an `impl NAME { … fn id(self) … }` maps its variants to. */
function rustIds(file, name) {
  const text = read(file);
  const impl = text.indexOf(`impl ${name} {`);
  const fn = text.indexOf('pub fn id(self)', impl);
  assert.ok(impl >= 0 && fn > impl, `${file}: ${name}::id`);
  return [...text.slice(fn, text.indexOf('\n    }\n', fn)).matchAll(/=> "([^"]+)"/g)].map((m) => m[1]);
}

const RUST_UNIONS = {
  Verdict: () => rustIds('src/engine/evaluate.rs', 'Verdict'),
  Group: () => rustIds('src/engine/evaluate.rs', 'Group'),
  StatusState: () => rustIds('src/engine/evaluate.rs', 'Status'),
  Relation: () => rustIds('src/catalog/model.rs', 'Relation'),
  SupportType: () => {
    const text = read('src/catalog/model.rs');
    const start = text.indexOf('pub const SUPPORT_TYPES');
    return [...text.slice(start, text.indexOf('];', start)).matchAll(/\("(\w+)",/g)].map((m) => m[1]);
  },
  Outcome: () => {
    const m = read('src/engine/outcome.rs').match(/#\[serde\(rename_all = "lowercase"\)\]\s*(?:#\[[^\]]*\]\s*)*pub enum Truth \{([^}]*)\}/);
    assert.ok(m, 'src/engine/outcome.rs: enum Truth, serialized lowercase');
    return m[1].split(',').map((v) => v.replace(/=.*/, '').trim().toLowerCase()).filter(Boolean);
  },
  ReasonKind: () => [...read('src/report/mod.rs').matchAll(/NodeKind::\w+\([^)]*\) => \("(\w+)"/g)].map((m) => m[1]),
};

/** src/profile.rs ProblemKind: each variant's `code` (snake_case) and fields. */
function rustProblemKinds() {
  const text = read('src/profile.rs');
  const start = text.indexOf('pub enum ProblemKind {');
  assert.ok(start >= 0 && /#\[serde\(tag = "code", rename_all = "snake_case"\)\]\s*pub enum ProblemKind/.test(text), 'ProblemKind, tagged `code`, snake_case');
  const body = text.slice(text.indexOf('{', start) + 1, text.indexOf('\n}', start)).replace(/\/\/.*$/gm, '');
  const ts = { String: 'string', "&'static str": 'string', f64: 'number' };
  return [...body.matchAll(/(\w+)\s*(?:\{([^}]*)\})?\s*,/g)].map((m) => [
    m[1].replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
    [...(m[2] || '').matchAll(/(\w+):\s*([^,]+?)\s*(?:,|$)/g)].map((f) => [f[1], ts[f[2]] ?? f[2]]),
  ]);
}

// ---- what the generated files say ------------------------------------------------------------

/** The properties of an interface of the .d.ts: name → {optional, type}. */
function dtsInterface(name) {
  const m = dts.match(new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`));
  assert.ok(m, `policy-matcher.d.ts: interface ${name}`);
  const props = new Map();
  for (const line of m[1].split('\n')) {
    const p = line.match(/^ {2}(?:readonly )?(\w+)(\?)?: (.+);$/);
    if (p) props.set(p[1], { optional: Boolean(p[2]), type: p[3] });
  }
  return props;
}
const dtsExports = () => [...dts.matchAll(/^export (?:declare )?(?:interface|type|class) (\w+)/gm)].map((m) => m[1]);

// ---- (a) a host type-checks against the declarations; wrong hosts do not ----------------------

test('a host script type-checks against policy-matcher.d.ts (tsc --strict), and so does every type the manifest names', () => {
  copyFileSync(join(fixtures, 'host.ts'), join(dir, 'host.ts'));
  // Every `type.text` of the manifest is a type of the declarations.
  const texts = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === 'type' && typeof x?.text === 'string' ? texts.push(x.text) : walk(x));
  };
  walk(manifest);
  assert.ok(texts.length >= 10, 'the manifest types its attributes, members and events');
  writeFileSync(join(dir, 'manifest-types.ts'), `import type { ${dtsExports().join(', ')} } from './policy-matcher.js';\n`
    + `${texts.map((t, i) => `export type T${i} = ${t};`).join('\n')}\n`);
  const r = tsc(['host.ts', 'manifest-types.ts']);
  assert.equal(r.status, 0, r.out);
});

test('wrong hosts fail type-checking, each with its expected error on the line marked wrong', () => {
  const files = readdirSync(join(fixtures, 'wrong')).filter((f) => f.endsWith('.ts')).sort();
  assert.ok(files.length >= 5);
  for (const f of files) copyFileSync(join(fixtures, 'wrong', f), join(dir, f));
  const r = tsc(files);
  assert.notEqual(r.status, 0, 'tsc accepted the wrong hosts');
  for (const f of files) {
    const text = readFileSync(join(fixtures, 'wrong', f), 'utf8');
    const [, code, fragment] = text.match(/^\/\/ expect (TS\d+) "([^"]+)"/) || [];
    assert.ok(code, `${f}: first line says "// expect TSnnnn "fragment": why"`);
    const line = text.split('\n').findIndex((l) => l.endsWith('// wrong')) + 1;
    const errors = r.out.split('\n').filter((l) => l.startsWith(`${f}(`));
    assert.equal(errors.length, 1, `${f}: exactly one error, got:\n${errors.join('\n') || r.out}`);
    assert.ok(errors[0].startsWith(`${f}(${line},`) && errors[0].includes(`error ${code}:`) && errors[0].includes(fragment),
      `${f}: expected ${code} mentioning "${fragment}" on line ${line}, got: ${errors[0]}`);
  }
});

test('Profile has exactly the fields of data/questions.toml, each with exactly its options (checked by tsc)', () => {
  const fields = parseToml(read('data/questions.toml')).field;
  const union = (ids) => ids.map((id) => JSON.stringify(id)).join(' | ');
  const lines = [
    "import type { Profile, ProfileInput } from './policy-matcher.js';",
    'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;',
    'declare function check<T extends true>(): void;',
    `check<Equal<keyof Profile, ${union(fields.map((f) => f.id))}>>();`,
    `check<Equal<keyof ProfileInput, ${union(fields.map((f) => f.id))}>>();`,
    'check<Equal<Partial<Profile>, Profile>>();',
  ];
  for (const f of fields) {
    const want = { one_of: () => union(f.option.map((o) => o.id)), any_of: () => `Array<${union(f.option.map((o) => o.id))}>` }[f.kind]?.() ?? 'number';
    assert.ok(['one_of', 'any_of', 'integer', 'number', 'year'].includes(f.kind), `${f.id}: kind ${f.kind}`);
    lines.push(`check<Equal<NonNullable<Profile[${JSON.stringify(f.id)}]>, ${want}>>();`);
  }
  writeFileSync(join(dir, 'profile-check.ts'), `${lines.join('\n')}\n`);
  const r = tsc(['profile-check.ts']);
  assert.equal(r.status, 0, r.out);
});

// ---- (b) drift: the manifest and the declarations describe exactly what the code has -----------

test('the manifest lists exactly the attributes the element reads', () => {
  assert.deepEqual(sorted(element.attributes.map((a) => a.name)), templateAttributes());
});

test('the manifest and the declarations list exactly the events the element and the Rust side fire', () => {
  const { js, rust, all } = dispatchedEvents();
  assert.ok(js.length > 0 && rust.length > 0);
  assert.deepEqual(sorted(element.events.map((e) => e.name)), all);
  const map = dts.match(/export interface PolicyMatcherEventMap \{\n([\s\S]*?)\n\}/);
  assert.ok(map, 'PolicyMatcherEventMap');
  assert.deepEqual(sorted([...map[1].matchAll(/'([^']+)': CustomEvent</g)].map((m) => m[1])), all);
});

test('the manifest and the declarations list exactly the public members of the class', () => {
  const members = templateMembers();
  assert.deepEqual(sorted(element.members.map((m) => m.name)), sorted(members.keys()));
  for (const m of element.members) {
    const t = members.get(m.name);
    assert.equal(m.kind, t.kind, `${m.name}: kind`);
    if (t.getter && !t.setter) assert.equal(m.readonly, true, `${m.name}: a getter without a setter is readonly`);
  }
  const cls = dts.match(new RegExp(`export declare class ${CLASS} extends HTMLElement \\{\\n([\\s\\S]*?)\\n\\}`));
  assert.ok(cls, 'the declared class');
  const declared = [...cls[1].matchAll(/^ {2}(?:readonly )?(\w+)[(:]/gm)].map((m) => m[1]);
  assert.deepEqual(sorted(declared), sorted(members.keys()));
});

test('the CSS custom properties and parts are the ones the stylesheet and the markup have', () => {
  const css = read('www/style.css');
  const vars = new Map([...css.matchAll(/var\((--pm-[\w-]+),\s*([^;]*?)\)\s*;/g)].map((m) => [m[1], m[2].trim()]));
  assert.deepEqual(sorted(element.cssProperties.map((p) => p.name)), sorted(vars.keys()));
  for (const p of element.cssProperties) assert.equal(p.default, vars.get(p.name), `${p.name}: default`);
  const parts = [];
  for (const f of [...rustFiles(), ...readdirSync(join(root, 'www')).filter((f) => /\.(js|html)$/.test(f)).map((f) => join(root, 'www', f))]) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bpart="([^"]+)"/g)) parts.push(...m[1].split(/\s+/));
  }
  assert.ok(parts.length > 0);
  assert.deepEqual(sorted(element.cssParts.map((p) => p.name)), sorted(parts));
});

test('the result and problem types have exactly the fields the Rust side serializes', () => {
  for (const i of INTERFACES.filter((x) => x.rust)) {
    const [file, struct] = i.rust.split(' ');
    const rust = rustStruct(file, struct);
    const ts = dtsInterface(i.name);
    assert.deepEqual(sorted(ts.keys()), sorted(rust.keys()), `${i.name} (${i.rust}): fields`);
    for (const [name, r] of rust) {
      const t = ts.get(name);
      assert.equal(t.optional, r.optional, `${i.name}.${name}: optional exactly when skipped if None`);
      assert.equal(/\| null\b/.test(t.type), r.nullable, `${i.name}.${name}: "| null" exactly when None is written as null`);
    }
  }
  for (const u of UNIONS) {
    assert.ok(RUST_UNIONS[u.name], `${u.name}: the test knows where the Rust side writes it`);
    assert.deepEqual(sorted(u.values), sorted(RUST_UNIONS[u.name]()), `${u.name} (${u.source})`);
    const line = dts.match(new RegExp(`^export type ${u.name} = (.+);$`, 'm'));
    assert.ok(line, `policy-matcher.d.ts: type ${u.name}`);
    assert.deepEqual(sorted([...line[1].matchAll(/'([^']+)'/g)].map((m) => m[1])), sorted(u.values));
  }
  const kinds = rustProblemKinds();
  assert.deepEqual(PROFILE_PROBLEMS.map(([code, fields]) => [code, fields]), kinds, 'ProfileProblem codes and fields (src/profile.rs ProblemKind)');
  const problem = rustStruct('src/profile.rs', 'ProfileProblem');
  assert.deepEqual(sorted(problem.keys()), ['field', 'kind'], 'ProfileProblem: field, the flattened kind (and `message`, added by src/embed.rs)');
  for (const [code, fields] of kinds) {
    assert.ok(dts.includes(`| { code: '${code}'${fields.map(([n, t]) => `; ${n}: ${t}`).join('')} }`), `policy-matcher.d.ts: ProfileProblem ${code}`);
  }
});

// ---- (c) the manifest's shape (schema 2.1.0) ------------------------------------------------

const KEYS = {
  package: ['schemaVersion', 'readme', 'modules', 'deprecated'],
  module: ['kind', 'path', 'summary', 'description', 'declarations', 'exports', 'deprecated'],
  element: ['kind', 'name', 'summary', 'description', 'superclass', 'mixins', 'members', 'source', 'deprecated', 'tagName', 'attributes', 'events', 'slots', 'cssParts', 'cssProperties', 'cssStates', 'demos', 'customElement'],
  attribute: ['name', 'summary', 'description', 'inheritedFrom', 'type', 'default', 'fieldName', 'deprecated'],
  event: ['name', 'summary', 'description', 'type', 'inheritedFrom', 'deprecated'],
  field: ['kind', 'name', 'summary', 'description', 'type', 'default', 'deprecated', 'readonly', 'static', 'privacy', 'inheritedFrom', 'source', 'attribute', 'reflects'],
  method: ['kind', 'name', 'summary', 'description', 'deprecated', 'parameters', 'return', 'static', 'privacy', 'inheritedFrom', 'source'],
  parameter: ['name', 'summary', 'description', 'type', 'default', 'deprecated', 'readonly', 'optional', 'rest'],
  return: ['type', 'summary', 'description'],
  cssPart: ['name', 'summary', 'description', 'deprecated'],
  cssProperty: ['name', 'syntax', 'default', 'summary', 'description', 'deprecated'],
  type: ['text', 'references', 'source'],
  export: ['kind', 'name', 'declaration', 'deprecated'],
  reference: ['name', 'package', 'module'],
};
function shape(what, v, where) {
  assert.ok(v && typeof v === 'object' && !Array.isArray(v), `${where}: an object`);
  for (const k of Object.keys(v)) assert.ok(KEYS[what].includes(k), `${where}: ${k} is not in the schema's ${what}`);
  if ('type' in v && what !== 'export') {
    shape('type', v.type, `${where}.type`);
    assert.equal(typeof v.type.text, 'string', `${where}.type.text`);
  }
  if ('description' in v) assert.ok(typeof v.description === 'string' && v.description.length > 10, `${where}: a description`);
}

test('custom-elements.json has the shape of a Custom Elements Manifest 2.1.0 for <policy-matcher>', () => {
  shape('package', manifest, 'package');
  assert.equal(manifest.schemaVersion, '2.1.0');
  assert.ok(Array.isArray(manifest.modules) && manifest.modules.length === 1);
  const [mod] = manifest.modules;
  shape('module', mod, 'module');
  assert.equal(mod.kind, 'javascript-module');
  assert.equal(mod.path, MODULE);
  assert.ok(Array.isArray(mod.declarations) && mod.declarations.length === 1);
  const el = mod.declarations[0];
  shape('element', el, 'declaration');
  assert.equal(el.kind, 'class');
  assert.equal(el.customElement, true);
  assert.equal(el.tagName, TAG);
  assert.equal(el.name, CLASS);
  assert.deepEqual(el.superclass, { name: 'HTMLElement', package: 'global:' });
  for (const a of el.attributes) {
    shape('attribute', a, `attribute ${a.name}`);
    assert.ok(a.type && a.description, `attribute ${a.name}: type and description`);
    if ('default' in a) assert.equal(typeof a.default, 'string', `attribute ${a.name}: a default is the attribute's value`);
  }
  for (const e of el.events) {
    shape('event', e, `event ${e.name}`);
    assert.match(e.type.text, /^CustomEvent<\w+>$/, `event ${e.name}: its detail type`);
  }
  for (const m of el.members) {
    assert.ok(m.kind === 'field' || m.kind === 'method', `member ${m.name}: kind`);
    shape(m.kind, m, `member ${m.name}`);
    assert.ok(m.description, `member ${m.name}: description`);
    if (m.kind === 'method') {
      for (const p of m.parameters) shape('parameter', p, `${m.name}(${p.name})`);
      shape('return', m.return, `${m.name} return`);
    }
  }
  for (const p of el.cssProperties) {
    shape('cssProperty', p, p.name);
    assert.match(p.name, /^--pm-/);
    assert.ok(p.description);
  }
  for (const p of el.cssParts) {
    shape('cssPart', p, `part ${p.name}`);
    assert.ok(p.description);
  }
  assert.ok(Array.isArray(mod.exports));
  for (const x of mod.exports) {
    shape('export', x, `export ${x.name}`);
    shape('reference', x.declaration, `export ${x.name}.declaration`);
  }
  const ref = { name: CLASS, module: MODULE };
  assert.deepEqual(mod.exports.find((x) => x.kind === 'custom-element-definition'), { kind: 'custom-element-definition', name: TAG, declaration: ref });
  assert.deepEqual(mod.exports.find((x) => x.kind === 'js'), { kind: 'js', name: CLASS, declaration: ref });
  assert.match(template, new RegExp(`customElements\\.define\\('${TAG}', ${CLASS}\\)`), 'the element defines that tag with that class');
  assert.match(template, new RegExp(`export \\{ ${CLASS} \\}`), 'and exports the class');
});
