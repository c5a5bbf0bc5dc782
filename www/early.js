// The first screen before the wasm: shared by the standalone page (inlined into index.html by
// scripts/post-build.mjs, a classic script that runs as soon as it is parsed) and the custom element
// (inlined into policy-matcher.js). The screens are the widget's own first screens, rendered at build
// time by the same Yew components (src/bin/prerender.rs) into <template data-pm-screen="…">.
//
// `PMEarly.show(container, templates, mode)` puts the screen for `mode` into `container` and keeps it
// answerable: radios and checkboxes work natively; in guided mode "continue" and "not sure" show
// the next prerendered screen when there is one. Everything the person does (a choice, a click, a
// typed number) is recorded; `early.replay(live)` plays it back, in order, on the mounted widget,
// then puts the focus where it was. `early.stop()` ends recording.
// eslint-disable-next-line no-unused-vars
const PMEarly = (() => {
  // The language a share link or saved answers ask for (`l=zh|en`), if any.
  const langIn = (text) => {
    const m = /(?:^|&)l=(zh|en)(?:&|$)/.exec(text || '');
    return m ? m[1] : null;
  };
  const ours = (text) => /(?:^|&)pm=1(?:&|$)/.test(text || '');
  const KEY = 'policy-matcher/answers/v1';
  const saved = () => { try { return localStorage.getItem(KEY); } catch { return null; } };
  /** What the widget will start from besides an empty questionnaire: a share link, saved answers. */
  function prior(storageAllowed) {
    const hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (ours(hash)) return hash;
    const s = storageAllowed ? saved() : null;
    return s && ours(s) ? s : null;
  }
  const tick = () => new Promise((r) => setTimeout(r, 0));
  // Yew renders in slices, later than one task: wait until `test()` holds (polled each 16 ms), at
  // most `ms`; and until `root` has had no change for `still` ms (its effects have run), at most 2 s.
  const until = (test, ms) => new Promise((resolve) => {
    const end = Date.now() + ms;
    const poll = () => { const v = test(); if (v || Date.now() > end) resolve(v); else setTimeout(poll, 16); };
    poll();
  });
  const quiet = (root, still = 60) => new Promise((resolve) => {
    let timer = setTimeout(done, still);
    const cap = setTimeout(done, 2000);
    const watch = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, still); });
    watch.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    function done() { watch.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(); }
  });

  // An element's place: the question (fieldset id) or section it is in, and the child indices from there.
  const ANCHORS = '[id^="q-"], .pm-questions, .pm-results, .pm-app';
  function place(el, app) {
    const anchor = el.closest(ANCHORS);
    if (!anchor || !app.contains(anchor)) return null;
    const path = [];
    for (let n = el; n !== anchor; n = n.parentElement) path.unshift([...n.parentElement.children].indexOf(n));
    // (An attribute selector, not CSS.escape: the element's script has a constant named CSS.)
    const a = anchor.id ? `[id="${anchor.id.replace(/["\\]/g, '\\$&')}"]` : `.${[...anchor.classList].find((c) => ANCHORS.includes(`.${c}`))}`;
    return { anchor: a, path };
  }
  function find(p, root) {
    let n = root.querySelector(p.anchor) || (root.matches && root.matches(p.anchor) ? root : null);
    for (const i of p.path) n = n && n.children[i];
    return n || null;
  }

  function show(container, templates, mode) {
    const screen = (key) => templates.querySelector(`template[data-pm-screen="${key}"]`);
    const first = screen(mode);
    if (!first) return null;
    const log = [];
    let app = null;
    // The evaluation date was the build's: today's, as the widget will show it (Beijing, UTC+8).
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const put = (t) => {
      container.replaceChildren(t.content.cloneNode(true));
      app = container.querySelector('.pm-app');
      for (const d of app.querySelectorAll('input[type=date]')) d.value = today;
    };
    put(first);
    const guideScreen = () => app.querySelector('.pm-guide');
    const onChange = (e) => {
      const input = e.target;
      if (!(input instanceof HTMLInputElement) || !app.contains(input)) return;
      const at = place(input, app);
      if (!at) return;
      if (e.type === 'change' && (input.type === 'checkbox' || input.type === 'radio')) {
        log.push({ at, checked: input.checked });
        // "None of these" and the other options exclude each other, as in the widget.
        const set = input.closest('fieldset');
        if (input.type === 'checkbox' && input.checked && set) {
          const none = input.closest('.pm-none');
          for (const other of set.querySelectorAll('input[type=checkbox]')) {
            if (other !== input && (none ? true : other.closest('.pm-none'))) other.checked = false;
          }
        }
        const guide = guideScreen();
        if (guide) { const go = guide.querySelector('.pm-nav .pm-primary'); if (go) go.disabled = !guide.querySelector('input:checked'); }
      } else if (e.type === 'input') {
        log.push({ at, value: input.value });
      }
    };
    const onClick = (e) => {
      const button = e.target.closest && e.target.closest('button, a[href="#"]');
      if (!button || !app.contains(button)) return;
      if (button.tagName === 'A') e.preventDefault();
      const at = place(button, app);
      if (!at) return;
      log.push({ at, click: true });
      // Guided mode's first question: "continue" or "not sure" shows the next screen if prerendered.
      const guide = guideScreen();
      if (!guide || !guide.contains(button) || !guide.querySelector('#q-entity_type')) return;
      const skip = button.classList.contains('pm-secondary');
      const chosen = guide.querySelector('#q-entity_type input:checked');
      if (!skip && !chosen) return;
      const next = screen(`guided entity_type=${skip ? '' : chosen.value}`);
      if (!next) return;
      put(next);
      const step = app.querySelector('.pm-guide .pm-step');
      if (step) step.focus();
    };
    const onInput = (e) => { if (e.target.type === 'text') onChange(e); };
    const stopKeys = (e) => { if (e.key === 'Enter' && e.target.tagName === 'INPUT' && e.target.type === 'text') e.preventDefault(); };
    const listeners = [['change', onChange], ['input', onInput], ['click', onClick], ['keydown', stopKeys]];
    for (const [name, f] of listeners) container.addEventListener(name, f);
    const stop = () => { for (const [name, f] of listeners) container.removeEventListener(name, f); };
    return {
      stop,
      get log() { return log; },
      /**
       * Plays the record back on the mounted widget (its `.pm-app` inside `live`), in order, until
       * nothing new was done meanwhile; then stops recording and returns the element of the mounted
       * widget that matches the one focused on this screen (or null).
       */
      async replay(live) {
        const liveApp = () => live.querySelector('.pm-app') || live;
        await until(() => live.querySelector('.pm-app'), 3000);
        await quiet(live);
        for (let i = 0; i < log.length; i++) {
          const step = log[i];
          // The control as the widget renders it once the steps before have taken effect (a
          // "continue" is enabled only when its answer has been rendered).
          const el = await until(() => {
            const e = find(step.at, liveApp());
            return e && !e.disabled ? e : null;
          }, 1500);
          if (el) {
            if (step.click) el.click();
            else if ('checked' in step) { if (el.checked !== step.checked) el.click(); }
            else { el.value = step.value; el.dispatchEvent(new Event('input', { bubbles: true })); }
          }
          await quiet(live);
        }
        stop();
        const focused = container.getRootNode().activeElement;
        const at = focused && app && app.contains(focused) ? place(focused, app) : null;
        return at ? find(at, liveApp()) : null;
      },
    };
  }

  // The share link's QR code (src/ui/qr.rs): the widget renders a box with the link in data-qr;
  // this draws the code into it with the QR module (src/qr.rs), which `load()` fetches and starts
  // the first time a code is asked for (once per page; again after a failure), or shows the box's
  // failure line.
  let qrModule = null;
  function qr(root, load) {
    const draw = (text) => (qrModule = qrModule || load().catch((e) => { qrModule = null; throw e; }))
      .then((m) => m.qrSvg(text));
    const paint = () => {
      for (const box of root.querySelectorAll('.pm-qr-code[data-qr]')) {
        const text = box.getAttribute('data-qr');
        if (box.dataset.drawn === text) continue;
        box.dataset.drawn = text;
        const failed = box.parentNode.querySelector('.pm-qr-failed');
        draw(text).then((svg) => {
          if (box.getAttribute('data-qr') !== text) return;
          box.innerHTML = svg;
          if (failed) failed.hidden = true;
        }, () => { if (failed && box.getAttribute('data-qr') === text) failed.hidden = false; });
      }
    };
    new MutationObserver(paint).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-qr'] });
  }
  return { show, prior, langIn, tick, quiet, qr };
})();
