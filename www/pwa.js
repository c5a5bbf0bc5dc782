// Offline support for the standalone page and the iframe page: registers the service worker and
// announces a new version ("update available — reload"). Old and new files never mix: each
// version has its own cache, and the new one takes over only when the person reloads.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const zh = (document.documentElement.lang || navigator.language || '').toLowerCase().startsWith('zh');
  const announce = (worker) => {
    if (document.getElementById('pm-update')) return;
    const bar = document.createElement('div');
    bar.id = 'pm-update';
    bar.setAttribute('role', 'status');
    bar.style.cssText = 'position:fixed;left:12px;right:12px;bottom:12px;z-index:10;display:flex;gap:12px;align-items:center;justify-content:space-between;padding:10px 14px;border-radius:10px;background:#1a1d21;color:#fff;font:15px system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)';
    const text = document.createElement('span');
    text.textContent = zh ? '有新版本可用' : 'Update available';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = zh ? '重新加载' : 'Reload';
    button.style.cssText = 'font:inherit;padding:6px 14px;border-radius:8px;border:0;background:#fff;color:#1a1d21;cursor:pointer';
    button.addEventListener('click', () => { asked = true; worker.postMessage('skip-waiting'); });
    bar.append(text, button);
    document.body.append(bar);
  };
  // Reload when a new version takes over — not on the very first install, which changes nothing.
  const hadController = !!navigator.serviceWorker.controller;
  let asked = false;
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if ((hadController || asked) && !reloading) { reloading = true; location.reload(); }
  });
  // Registered once the page has loaded: its first download (the precache, both languages' catalog
  // files among it) must not compete with the files the widget needs to start.
  const register = () => navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    });
  }).catch(() => { /* no offline support here; the widget still works online */ });
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
