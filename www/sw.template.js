// policy-matcher service worker. Generated at build time from www/sw.template.js: the precache list
// holds every file of this build (hashed names), so a first visit makes the widget work offline. The
// module with the runtime catalog reader (for `catalog-url`) is not precached: it is kept when first
// fetched, so a page that uses it works offline from then on.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const ON_DEMAND = __ON_DEMAND__;
const CACHE = `policy-matcher-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => new URL(p, self.registration.scope).href))));
  // First install: take over at once. Later versions wait until the page asks (see pwa.js).
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('policy-matcher-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return hit;
    try {
      const response = await fetch(request);
      const name = new URL(request.url).pathname.split('/').pop();
      // Kept for next time without holding the response back (the wasm compiles as it streams); a
      // cache that refuses it loses nothing but the offline copy.
      if (response.status === 200 && ON_DEMAND.includes(name)) event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
      return response;
    } catch (e) {
      if (request.mode === 'navigate') {
        const page = await cache.match(new URL('index.html', self.registration.scope).href);
        if (page) return page;
      }
      throw e;
    }
  })());
});
