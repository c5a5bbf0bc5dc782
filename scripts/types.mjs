// The typed API of <policy-matcher>: writes custom-elements.json (a Custom Elements Manifest,
// schema 2.1.0) and policy-matcher.d.ts (TypeScript declarations) into a directory:
//
//   node scripts/types.mjs OUTDIR        (scripts/post-build.mjs: into dist/, beside policy-matcher.js)
//
// Generated from data/questions.toml (the Profile type: one property per field, its option ids),
// www/style.css (the defaults of the themable CSS custom properties) and the tables below, which
// are the one place that says what the element's attributes, members, events, CSS properties and
// parts do, and what its result and problem objects hold (src/report/mod.rs, src/profile.rs,
// src/catalog/error.rs). tests/e2e/types.test.mjs checks the tables against the element
// (www/policy-matcher.template.js) and the Rust sources, and type-checks a host against the output.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseToml } from 'smol-toml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TAG = 'policy-matcher';
export const CLASS = 'PolicyMatcherElement';
export const MODULE = 'policy-matcher.js';

const CLASS_DOC = 'The policy-matcher widget: which public support measures of Zhongguancun and Haidian apply to '
  + 'an applicant, evaluated on the device, each verdict explained criterion by criterion with the source '
  + 'text, in Chinese and English. Import `policy-matcher.js` as a module; it defines `<policy-matcher>`. '
  + 'The widget renders in an open shadow root, themed by the `--pm-…` custom properties set on the element and '
  + 'styled through `::part()`. Until it starts it shows its title and a loading line.';

/** The attributes: every one the element reads (www/policy-matcher.template.js). `default` only where it is a literal value. */
export const ATTRIBUTES = [
  {
    name: 'lang', type: "'zh' | 'en'",
    description: 'The widget\'s language. Any tag whose primary subtag is `zh` or `en` is accepted (`zh-CN`, `en-GB`). '
      + 'Default: the page\'s `<html lang>`, else the browser\'s language, else `zh`. A share link in the page\'s URL, '
      + 'or answers saved on the device (`remember`), bring their own language, which wins. Another value is reported '
      + '(`policy-matcher-error`) and the default used; changing it later switches the running widget (an unknown value '
      + 'keeps the current language).',
  },
  {
    name: 'as-of', type: 'string',
    description: 'The evaluation date, `YYYY-MM-DD`: whether each measure is in force is judged on this day. '
      + 'Default: today in Beijing time (UTC+8); a share link in the page\'s URL brings its own date. A value that is not '
      + 'a real date is reported (`policy-matcher-error`) and the default used (later: the current date kept). Removing '
      + 'it returns to today.',
  },
  {
    name: 'catalog-url', type: 'string',
    description: 'URL of a catalog in JSON (`policy-matcher export --format json`), resolved against the document\'s base URL, '
      + 'fetched with same-origin credentials and read up to 32 MiB, then validated like the bundled one. Such an element runs on '
      + 'a second module that carries the catalog reader (fetched only for it) and shows no prerendered first screen. '
      + 'A catalog that does not load, is too large or does not validate is reported (`policy-matcher-error`, with `problems`) '
      + 'and the current catalog kept. Default: the bundled catalog. Removing the attribute keeps the catalog in use.',
  },
  {
    name: 'remember', type: "'true' | 'false'", default: 'true',
    description: 'Whether the person may keep answers on the device: `true` shows a "remember my answers on this device" checkbox '
      + 'and restores answers saved earlier; `false` hides it, and the widget neither restores nor saves answers. Also accepted, in any case: '
      + '`yes`, `on`, `1` and the empty value (true); `no`, `off`, `0` (false). Another value is reported (`policy-matcher-error`) '
      + 'and treated as `false`. Changing it mounts the widget afresh.',
  },
  {
    name: 'mode', type: "'guided' | 'all'",
    description: '`guided`: one question at a time, the one that decides the most first, with "not sure", "back" and a "done" page; '
      + '`all`: every question on one page. Default: `guided` on a viewport at most 879 px wide, else `all`; removing the '
      + 'attribute from a running widget switches it to `all`. Another value is reported (`policy-matcher-error`) and the '
      + 'default used (later: the current mode kept).',
  },
  {
    name: 'loading', type: "'lazy' | 'eager'", default: 'lazy',
    description: '`lazy`: the wasm, its glue and the stylesheet are fetched only when the element comes within about one viewport '
      + 'height of the screen; `eager`: at once. Any value but `eager` means `lazy`. It starts at once anyway in a browser without '
      + 'IntersectionObserver, or when another element of the page has already loaded the module it runs on. Setting `eager` '
      + 'later starts a waiting element.',
  },
];

/** The public members of the class (its `#private` ones and the custom-element callbacks aside). */
export const MEMBERS = [
  {
    kind: 'field', name: 'ready', type: `Promise<${CLASS}>`, readonly: true,
    description: 'Resolves with the element once the widget has mounted (a lazy element: after it came near the viewport), '
      + 'after a `catalog-url` catalog has been loaded or refused and a profile given to `setProfile` before the start has been '
      + 'applied. It never rejects: when the widget cannot start it stays pending, and `policy-matcher-error` is fired.',
  },
  {
    kind: 'field', name: 'profile', type: 'Profile | null', readonly: true,
    description: 'The current answers in the profile contract\'s shape: answered fields only, field id → option id, list of '
      + 'option ids, or number ("none of these" reads back as an empty list). `null` until the widget has mounted and evaluated. '
      + 'Right after a `setProfile` that was applied, the answers it set.',
  },
  {
    kind: 'field', name: 'results', type: 'Results | null', readonly: true,
    description: 'The current results, in the shape of `policy-matcher match --format json`: the evaluation date, the counts '
      + 'per group, every measure with its verdict and the reason for each criterion, the next question to ask, and which '
      + 'single change would open more. `null` until the widget has mounted and evaluated. Built when first read after '
      + 'each evaluation.',
  },
  {
    kind: 'method', name: 'setProfile',
    parameters: [{ name: 'profile', type: 'ProfileInput', description: 'Answers by field id; an absent or `null` field is unanswered.' }],
    return: 'void',
    throws: 'An `Error` with the English message when the widget has mounted and the profile is refused.',
    description: 'Replaces the answers (a host\'s prefill). A profile with an unknown field or option id, a value of the wrong '
      + 'type, a number that is not whole where it must be or out of range, or "none of these" together with other options '
      + 'is refused whole: nothing is applied, `policy-matcher-error` is fired with `problems`, and the call throws. '
      + 'Called before the widget has mounted, the profile is kept (the last one wins) and applied when it mounts; '
      + 'a refusal is then reported by the event only.',
  },
  {
    kind: 'method', name: 'simulatePanic', parameters: [], return: 'void',
    throws: 'The panic, as an exception, when the widget has mounted.',
    description: 'Makes the widget panic on purpose, for a host\'s QA: every widget of the page on the same wasm module '
      + 'shows the crash screen with a "start over" button (which clears the saved answers and reloads), and '
      + '`policy-matcher-error` is fired with `fatal: true`. Does nothing before the widget has mounted.',
  },
];

/** The events, fired on the element; all bubble and are composed (they cross shadow boundaries). */
export const EVENTS = [
  {
    name: 'policy-matcher-change', detail: 'ChangeDetail',
    description: 'Fired after each evaluation, once its results are on screen (after several quick answers: for the latest only). '
      + '`detail.profile` and `detail.results` are what the `profile` and `results` properties return; built when first read. '
      + 'Bubbles and is composed.',
  },
  {
    name: 'policy-matcher-error', detail: 'ErrorDetail',
    description: 'Fired for each refused input and failure, which the widget also shows: a bad attribute value, a profile refused by '
      + '`setProfile`, a `catalog-url` catalog that does not load, is too large or does not validate, a widget that cannot start, '
      + 'a crash, a file of the widget that fails its integrity (SHA-384) check — then it is not run, and `code` is `"integrity"`. '
      + '`detail.message` (English) always; `message_zh` for a refused input or a failure; `problems` for a refused input; '
      + '`fatal: true` for a crash. '
      + 'Bubbles and is composed.',
  },
];

/** The CSS custom properties a host may set on the element; their defaults are read from www/style.css. */
export const CSS_PROPERTIES = {
  '--pm-accent': { syntax: '<color>', description: 'The accent colour: links, focus rings, highlights, chosen options, primary buttons.' },
  '--pm-font': { description: 'The font family of the widget.' },
  '--pm-radius': { syntax: '<length>', description: 'The corner radius of boxes, buttons and cards.' },
  '--pm-bg': { syntax: '<color>', description: 'The background of the widget and of its sticky progress bar.' },
  '--pm-fg': { syntax: '<color>', description: 'The text colour.' },
};

/** The shadow parts (`part="…"` in src/ui), for `policy-matcher::part(name)`. */
export const CSS_PARTS = [
  ['app', 'The whole widget, inside the shadow root.'],
  ['header', 'The title, the privacy line and the toolbar.'],
  ['toolbar', 'The language switch and the evaluation date.'],
  ['progress', 'The sticky line with the progress and a "see results" link.'],
  ['questions', 'The questions.'],
  ['results', 'The results: filters and the groups of cards.'],
  ['group', 'One group of results (eligible, to confirm, worth a look, not eligible, not in force).'],
  ['card', 'One measure\'s card.'],
  ['footer', 'Share link, print, export, clear all answers and the "remember" checkbox.'],
];

// The result and problem objects. Each string union mirrors ids the Rust side writes (`source`);
// each interface mirrors a Rust struct (`rust`): a property `name?` is absent when the Rust field is
// skipped when empty, a `| null` type is an Option written as null.
export const UNIONS = [
  { name: 'Verdict', values: ['eligible', 'possible', 'ineligible', 'inactive'], source: 'src/engine/evaluate.rs Verdict::id',
    doc: 'A measure\'s verdict: every criterion met; some criterion depends on unanswered fields (or is to be confirmed); '
      + 'some criterion failed on an answered field; not in force on the evaluation date.' },
  { name: 'Group', values: ['eligible', 'possible', 'worth_a_look', 'ineligible', 'inactive'], source: 'src/engine/evaluate.rs Group::id',
    doc: 'Where a result is shown: its verdict, with `possible` split into what questions or checks decide (`possible`) and '
      + 'what the text leaves entirely open (`worth_a_look`).' },
  { name: 'Outcome', values: ['met', 'unmet', 'unknown'], source: 'src/engine/outcome.rs Truth',
    doc: 'A criterion\'s outcome in three-valued logic: `unknown` when it depends on an unanswered field.' },
  { name: 'StatusState', values: ['in_force', 'not_stated', 'not_yet_in_force', 'expired', 'repealed'], source: 'src/engine/evaluate.rs Status::id',
    doc: 'Whether a measure is in force on the evaluation date (`not_stated`: the text states no validity; treated as active).' },
  { name: 'Relation', values: ['same_scheme', 'prerequisite', 'successor', 'leads_to', 'predecessor'], source: 'src/catalog/model.rs Relation::id',
    doc: 'How a measure relates to another.' },
  { name: 'SupportType', values: ['grant', 'equity_investment', 'guarantee', 'loan_interest_subsidy', 'risk_compensation', 'award',
    'subsidy', 'tax_incentive', 'service', 'talent_support', 'recognition', 'financing', 'policy_pilot', 'unspecified'],
  source: 'src/catalog/model.rs SUPPORT_TYPES', doc: 'A form of support.' },
  { name: 'ReasonKind', values: ['test', 'all', 'any', 'not'], source: 'src/report/mod.rs reasons',
    doc: 'A criterion node: a test of one field, or all / any / not of the nodes below it.' },
];

export const INTERFACES = [
  { name: 'BilingualText', rust: 'src/catalog/model.rs Text', doc: 'Words in Chinese and English.', fields: [
    ['zh', 'string'], ['en', 'string'],
  ] },
  { name: 'Results', rust: 'src/report/mod.rs Report', doc: 'What `results` returns: the shape of `policy-matcher match --format json`.', fields: [
    ['as_of', 'string', 'The evaluation date, `YYYY-MM-DD`.'],
    ['catalog', 'CatalogInfo'],
    ['counts', 'Counts'],
    ['results', 'MeasureResult[]', 'Every measure, ranked eligible, possible (those worth a look last), ineligible, inactive; catalog order within each.'],
    ['next_question', 'FieldId | null', 'The field that would decide the most open measures, or null.'],
    ['unlocks', 'Unlock[]', 'Each single change a person can make (an option added to a certification or activity answer, a listing tier or place chosen) that moves measures out of "not eligible", best first.'],
  ] },
  { name: 'CatalogInfo', rust: 'src/report/mod.rs CatalogInfo', doc: 'The catalog evaluated against.', fields: [
    ['version', 'string'],
  ] },
  { name: 'Counts', rust: 'src/report/mod.rs Counts', doc: 'How many results are in each group.', fields: [
    ['eligible', 'number'],
    ['possible', 'number', 'Measures a question or a check with the issuer decides.'],
    ['worth_a_look', 'number', 'Measures whose verdict is `possible` but whose text states no condition beyond who may apply.'],
    ['ineligible', 'number'],
    ['inactive', 'number'],
  ] },
  { name: 'Unlock', rust: 'src/report/mod.rs UnlockOut', doc: 'One change that would open more measures.', fields: [
    ['field', 'FieldId'],
    ['option', 'string', 'The option id of `field` to add or choose.'],
    ['change', 'BilingualText', 'The change in words, e.g. "Obtain: National high-tech enterprise".'],
    ['eligible', 'number', 'How many of `measures` would become eligible (the others: to confirm).'],
    ['measures', 'UnlockMeasure[]'],
  ] },
  { name: 'UnlockMeasure', rust: 'src/report/mod.rs UnlockMeasure', doc: 'A measure a change would open, with the verdict it would get.', fields: [
    ['id', 'string'], ['verdict', 'Verdict'],
  ] },
  { name: 'MeasureResult', rust: 'src/report/mod.rs ResultOut', doc: 'One measure\'s result.', fields: [
    ['id', 'string', 'The measure\'s id.'],
    ['title', 'BilingualText'],
    ['verdict', 'Verdict'],
    ['group', 'Group', 'The group it is shown in.'],
    ['verdict_text', 'BilingualText', 'The verdict in words that claim no more than the text ("meets the published conditions").'],
    ['status', 'MeasureStatus'],
    ['conditions_stated', 'boolean', 'False when the text states no condition beyond who may apply (never "eligible" then).'],
    ['left_to', 'LeftTo[]', 'Rules or calls for applications that set what the text leaves open.'],
    ['unassessed', 'LeftTo[]', 'Conditions the text states that no question can assess: to confirm with the issuer (the measure is never "eligible" while there are any).'],
    ['issuer', 'BilingualText'],
    ['document', 'DocumentInfo', 'The source document.'],
    ['support', 'SupportType[]'],
    ['amount?', 'BilingualText', 'The amount of support, where stated.'],
    ['reasons', 'Reason[]', 'Every criterion, in order, with its outcome, the answer it looked at, clause and reason.'],
    ['missing', 'FieldId[]', 'Unanswered fields that could still decide it.'],
    ['failed', 'string[]', 'Paths of the failed criteria (for `ineligible`).'],
    ['doubts', 'Doubt[]', 'Loose criteria the answers do not meet: to confirm with the issuer (for `possible`).'],
    ['related', 'Related[]', 'Links to other measures.'],
    ['scheme', 'string', 'The programme: the id of its same_scheme group\'s lead, whose verdict the card shows (its own id if it has no such link).'],
    ['apply', 'ApplyInfo'],
    ['notes', 'BilingualText[]'],
  ] },
  { name: 'MeasureStatus', rust: 'src/report/mod.rs StatusOut', doc: 'Whether the measure is in force on the evaluation date.', fields: [
    ['state', 'StatusState'],
    ['date?', 'string', 'The date that decides it, `YYYY-MM-DD`: in force from, expired after, or repealed on.'],
    ['repealed_by?', 'string', 'The id of the repealing document.'],
    ['text', 'BilingualText'],
  ] },
  { name: 'DocumentInfo', rust: 'src/report/mod.rs DocumentOut', doc: 'A source document.', fields: [
    ['id', 'string'], ['title', 'BilingualText'], ['number?', 'string', 'Its official number.'], ['date?', 'string', '`YYYY-MM-DD`.'],
  ] },
  { name: 'ApplyInfo', rust: 'src/report/mod.rs ApplyOut', doc: 'How to apply: only what a text or the catalog\'s owner states (an absent property: not stated).', fields: [
    ['how?', 'BilingualText'], ['where?', 'BilingualText'], ['contact?', 'BilingualText'],
    ['url?', 'string', 'The measure\'s own link, else its document\'s.'],
  ] },
  { name: 'LeftTo', rust: 'src/report/mod.rs LeftToOut', doc: 'What other rules decide, with the source\'s words.', fields: [
    ['rules', 'BilingualText'], ['clause', 'string', 'The verbatim sentence of the source.'],
  ] },
  { name: 'Doubt', rust: 'src/report/mod.rs DoubtOut', doc: 'A loose criterion to confirm with the issuer.', fields: [
    ['criterion', 'string'], ['field', 'FieldId'], ['text', 'BilingualText', 'What to confirm, and why the text\'s condition is loose.'],
  ] },
  { name: 'Related', rust: 'src/report/mod.rs RelatedOut', doc: 'A link to another measure.', fields: [
    ['measure', 'string'], ['relation', 'Relation'],
  ] },
  { name: 'Reason', rust: 'src/report/mod.rs ReasonOut', doc: 'One criterion of a measure and its outcome.', fields: [
    ['criterion', 'string', 'Where the criterion sits in the catalog file, e.g. `criteria[1].any[0]`.'],
    ['kind', 'ReasonKind'],
    ['depth', 'number', 'Nesting depth (1 = top level).'],
    ['outcome', 'Outcome'],
    ['field?', 'FieldId', 'The field a test looks at.'],
    ['answer?', 'string | number | string[]', 'The answer looked at: an option id, a list of them, or a number; `"not_asked"` when the question does not apply; absent when unanswered.'],
    ['test?', 'BilingualText', 'The test in words.'],
    ['clause?', 'string', 'The verbatim sentence of the source.'],
    ['reason?', 'BilingualText'],
    ['loose?', 'BilingualText', 'On a loose criterion: the text states it loosely, so failing it leaves the measure to confirm.'],
  ] },
  { name: 'CatalogProblem', rust: 'src/catalog/error.rs Problem', doc: 'One thing wrong with a `catalog-url` catalog.', fields: [
    ['code', 'string', 'A stable code, e.g. `"E027"`.'],
    ['name', 'string', 'Its name, e.g. `"unknown-option"`.'],
    ['file', 'string'],
    ['line?', 'number', '1-based, when known.'],
    ['column?', 'number', '1-based, in characters, when known.'],
    ['measure', 'string | null', 'The measure\'s id, when the problem is inside a measure.'],
    ['path', 'string', 'Where in the file, e.g. `measure[3].criteria[1].in[0]`.'],
    ['message', 'BilingualText', 'What is wrong.'],
    ['hint', 'BilingualText', 'How to fix it.'],
  ] },
  { name: 'ChangeDetail', doc: 'The `detail` of `policy-matcher-change`.', readonly: true, fields: [
    ['profile', 'Profile', 'The answers evaluated.'],
    ['results', 'Results', 'Their results.'],
  ] },
  { name: 'ErrorDetail', doc: 'The `detail` of `policy-matcher-error`.', fields: [
    ['message', 'string', 'What went wrong, in English.'],
    ['message_zh?', 'string', 'The same in Chinese (a refused input, a widget that cannot start, a failed integrity check).'],
    ['code?', "'integrity'", 'A file of the widget (its wasm, glue, stylesheet, a catalog file or a first screen) did not match the SHA-384 hash baked into `policy-matcher.js`: it was not run, and the widget shows why in its place.'],
    ['file?', 'string', 'With `code: "integrity"`: the name of the file that failed its check.'],
    ['problems?', 'Array<ProfileProblem | CatalogProblem>', 'A refused input\'s problems as data: `ProfileProblem`s (they have `field`) for `setProfile`, `CatalogProblem`s (they have `file`) for a catalog that does not validate, none for a bad attribute or a catalog that could not be fetched or is too large.'],
    ['fatal?', 'true', 'The widget crashed; it shows a "start over" screen.'],
  ] },
];

/** `ProfileProblem`'s `code`s (src/profile.rs ProblemKind, tagged `code`) and the properties each adds. */
export const PROFILE_PROBLEMS = [
  ['unknown_field', [], 'No such field.'],
  ['unknown_option', [['option', 'string']], 'No such option for this field.'],
  ['wrong_type', [['got', 'string']], 'A value of the wrong type; `got` names it ("a string", "a number", "a list", …).'],
  ['not_an_option_id', [['got', 'string']], 'A list holds something that is not an option id.'],
  ['exclusive_combined', [['option', 'string']], '"None of these" (`option`) together with other options.'],
  ['not_finite', [], 'A number that is not finite.'],
  ['not_whole', [['value', 'number']], 'A fraction where a whole number is needed.'],
  ['out_of_range', [['value', 'number']], 'A number outside the field\'s range.'],
];

// ---------------------------------------------------------------------------------------------

const pascal = (id) => id.split(/[_-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const lit = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const doc = (text, indent = '') => {
  const t = text.replace(/\*\//g, '*\\/');
  return `${indent}/** ${t} */\n`;
};

/** The fields of data/questions.toml. */
export function readQuestions(path = join(ROOT, 'data/questions.toml')) {
  const fields = parseToml(readFileSync(path, 'utf8')).field;
  if (!Array.isArray(fields) || fields.length === 0) throw new Error(`${path}: no [[field]]`);
  for (const f of fields) {
    if (!['one_of', 'any_of', 'integer', 'number', 'year'].includes(f.kind)) throw new Error(`${path}: field ${f.id}: kind ${f.kind}`);
    if ((f.kind === 'one_of' || f.kind === 'any_of') && !(f.option?.length > 0)) throw new Error(`${path}: field ${f.id} has no options`);
  }
  return fields;
}

/** The themable custom properties of www/style.css (`var(--pm-…, default)`), with their defaults. */
export function readCssProperties(path = join(ROOT, 'www/style.css')) {
  const css = readFileSync(path, 'utf8');
  const found = new Map();
  for (const m of css.matchAll(/var\((--pm-[\w-]+),\s*([^;]*?)\)\s*;/g)) found.set(m[1], m[2].trim());
  const named = Object.keys(CSS_PROPERTIES);
  const missing = named.filter((n) => !found.has(n));
  const extra = [...found.keys()].filter((n) => !named.includes(n));
  if (missing.length || extra.length) {
    throw new Error(`types.mjs: CSS_PROPERTIES and ${path} disagree: not in the CSS ${JSON.stringify(missing)}, not described ${JSON.stringify(extra)}`);
  }
  return named.map((name) => ({ name, ...CSS_PROPERTIES[name], default: found.get(name) }));
}

function fieldDoc(f, fields) {
  const parts = [`${f.label.en} (${f.label.zh}).`];
  if (f.kind === 'one_of') parts.push('One option id.');
  if (f.kind === 'any_of') {
    parts.push('Any option ids; an empty list means "none of these".');
    const excl = f.option.filter((o) => o.exclusive).map((o) => `\`${o.id}\``);
    if (excl.length) parts.push(`${excl.join(', ')} cannot be combined with other options.`);
  }
  const range = (lo, hi) => [lo !== undefined ? `at least ${lo}` : '', hi !== undefined ? `at most ${hi}` : ''].filter(Boolean).join(', ');
  if (f.kind === 'integer') parts.push(`A whole number${f.min !== undefined || f.max !== undefined ? `, ${range(f.min, f.max)}` : ''}.`);
  if (f.kind === 'number') parts.push(`A number${f.min !== undefined || f.max !== undefined ? `, ${range(f.min, f.max)}` : ''}.`);
  if (f.kind === 'year') parts.push(`A whole-number year${f.min !== undefined ? ` from ${f.min}` : ''} up to the current one.`);
  if (f.ask_when) {
    const { field, in: yes, not_in: no } = f.ask_when;
    const list = (ids) => ids.map((v) => `\`${v}\``).join(' or ');
    const set = fields.find((x) => x.id === field)?.kind === 'any_of';
    const cond = yes ? `${set ? 'includes' : 'is'} ${list(yes)}` : `${set ? 'includes neither' : 'is not'} ${list(no)}`;
    parts.push(`Applies only when \`${field}\` ${cond} (else it is not asked, and an answer is ignored).`);
  }
  if (f.ask === false) parts.push('The widget does not ask it (kept for the profile contract).');
  return parts.join(' ');
}

const optionType = (f) => `${pascal(f.id)}Option`;
const valueType = (f, input) => {
  if (f.kind === 'one_of') return optionType(f);
  if (f.kind === 'any_of') return `${input ? 'readonly ' : ''}${optionType(f)}[]`;
  return 'number';
};

/** The profile's declarations, from the questions. */
export function profileDeclarations(fields) {
  let out = '';
  for (const f of fields.filter((x) => x.option)) {
    out += doc(`The option ids of \`${f.id}\` (${f.label.en}).`);
    out += `export type ${optionType(f)} =\n${f.option.map((o, i) => `  | ${lit(o.id)}${i === f.option.length - 1 ? ';' : ''} // ${o.label.en} (${o.label.zh})`).join('\n')}\n\n`;
  }
  out += doc('A field id of the profile contract.');
  out += `export type FieldId =\n${fields.map((f) => `  | ${lit(f.id)}`).join('\n')};\n\n`;
  out += doc('An applicant\'s answers in the profile contract\'s shape (what `profile` returns): field id → answer. '
    + 'An absent field is unknown (never "no", never zero).');
  out += `export interface Profile {\n${fields.map((f) => `${doc(fieldDoc(f, fields), '  ')}  ${f.id}?: ${valueType(f, false)};\n`).join('')}}\n\n`;
  out += doc('What `setProfile` takes: a `Profile`, where `null` also means "not answered".');
  out += `export interface ProfileInput {\n${fields.map((f) => `  ${f.id}?: ${valueType(f, true)} | null;\n`).join('')}}\n`;
  return out;
}

function interfaceDeclaration(i) {
  const ro = i.readonly ? 'readonly ' : '';
  const props = i.fields.map(([name, type, d]) => `${d ? doc(d, '  ') : ''}  ${ro}${name}: ${type};\n`).join('');
  return `${doc(i.doc)}export interface ${i.name} {\n${props}}\n`;
}

function profileProblemDeclaration() {
  const kinds = PROFILE_PROBLEMS.map(([code, extra, d]) =>
    `  /** ${d} */\n  | { code: ${lit(code)}${extra.map(([n, t]) => `; ${n}: ${t}`).join('')} }`).join('\n');
  return `${doc('One thing wrong with a profile given to `setProfile`: the field as written (`"(profile)"` when the '
    + 'profile is not an object), what is wrong (`code`, with its details), in words.')}`
    + 'export type ProfileProblem = {\n  field: string;\n  message: BilingualText;\n} & (\n'
    + `${kinds}\n);\n`;
}

const jsdocMethod = (m) => {
  const lines = [m.description, ...(m.parameters || []).map((p) => `@param ${p.name} ${p.description}`), ...(m.throws ? [`@throws ${m.throws}`] : [])];
  return `  /**\n${lines.map((l) => `   * ${l.replace(/\*\//g, '*\\/')}`).join('\n')}\n   */\n`;
};

/** policy-matcher.d.ts */
export function declarations(fields) {
  const head = `// <policy-matcher>: TypeScript declarations for policy-matcher.js (generated by scripts/types.mjs
// from data/questions.toml; do not edit). The profile types describe the bundled catalog's questions:
// a catalog given by \`catalog-url\` may add fields and options, which they do not list.
`;
  const unions = UNIONS.map((u) => `${doc(u.doc)}export type ${u.name} = ${u.values.map(lit).join(' | ')};\n`).join('\n');
  const ifaces = INTERFACES.map(interfaceDeclaration).join('\n');
  const members = MEMBERS.map((m) => (m.kind === 'field'
    ? `${doc(m.description, '  ')}  ${m.readonly ? 'readonly ' : ''}${m.name}: ${m.type};\n`
    : `${jsdocMethod(m)}  ${m.name}(${m.parameters.map((p) => `${p.name}: ${p.type}`).join(', ')}): ${m.return};\n`)).join('');
  const eventMap = EVENTS.map((e) => `  ${lit(e.name)}: CustomEvent<${e.detail}>;\n`).join('');
  return `${head}
${profileDeclarations(fields)}
${unions}
${ifaces}
${profileProblemDeclaration()}
${doc(CLASS_DOC)}export declare class ${CLASS} extends HTMLElement {
${members}}

${doc('The events of `<policy-matcher>`, by name.')}export interface PolicyMatcherEventMap {
${eventMap}}

declare global {
  interface HTMLElementTagNameMap {
    ${lit(TAG)}: ${CLASS};
  }
  // The events bubble and are composed: any ancestor, the document and the window hear them.
  interface HTMLElementEventMap extends PolicyMatcherEventMap {}
  interface DocumentEventMap extends PolicyMatcherEventMap {}
  interface WindowEventMap extends PolicyMatcherEventMap {}
}
`;
}

/** custom-elements.json */
export function manifest(cssProperties) {
  const ref = { name: CLASS, module: MODULE };
  const members = MEMBERS.map((m) => (m.kind === 'field'
    ? { kind: 'field', name: m.name, type: { text: m.type }, readonly: m.readonly || undefined, privacy: 'public', description: m.description }
    : {
      kind: 'method', name: m.name, privacy: 'public',
      description: m.throws ? `${m.description} Throws: ${m.throws}` : m.description,
      parameters: m.parameters.map((p) => ({ name: p.name, type: { text: p.type }, description: p.description })),
      return: { type: { text: m.return } },
    }));
  return {
    schemaVersion: '2.1.0',
    modules: [{
      kind: 'javascript-module',
      path: MODULE,
      description: 'Defines `<policy-matcher>`. Types: `policy-matcher.d.ts` beside it.',
      declarations: [{
        kind: 'class',
        customElement: true,
        name: CLASS,
        tagName: TAG,
        description: CLASS_DOC,
        superclass: { name: 'HTMLElement', package: 'global:' },
        attributes: ATTRIBUTES.map((a) => ({ name: a.name, type: { text: a.type }, ...(a.default !== undefined ? { default: a.default } : {}), description: a.description })),
        members,
        events: EVENTS.map((e) => ({ name: e.name, type: { text: `CustomEvent<${e.detail}>` }, description: e.description })),
        cssProperties: cssProperties.map((p) => ({ name: p.name, ...(p.syntax ? { syntax: p.syntax } : {}), default: p.default, description: p.description })),
        cssParts: CSS_PARTS.map(([name, description]) => ({ name, description })),
      }],
      exports: [
        { kind: 'js', name: CLASS, declaration: ref },
        { kind: 'custom-element-definition', name: TAG, declaration: ref },
      ],
    }],
  };
}

/** Writes both files into `outDir`; returns their paths. */
export function generate(outDir) {
  const fields = readQuestions();
  const cssProperties = readCssProperties();
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'custom-elements.json');
  const dts = join(outDir, 'policy-matcher.d.ts');
  writeFileSync(json, `${JSON.stringify(manifest(cssProperties), null, 2)}\n`);
  writeFileSync(dts, declarations(fields));
  return { manifest: json, declarations: dts };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/types.mjs OUTDIR');
    process.exit(2);
  }
  const written = generate(resolve(out));
  console.log(`types: ${written.manifest}, ${written.declarations}`);
}
