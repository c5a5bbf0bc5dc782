// A tiny static server for the end-to-end tests: dist/ at "/", tests/e2e/pages/ at "/test/", and
// catalogs made per test at "/test/catalogs/<name>". Listens on 127.0.0.1 only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants as zc } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
};

// `brotli: true`: text, wasm and catalog files go out brotli-compressed (quality 11, as a CDN would
// serve them) to clients that accept `br`; compressed bodies are kept per file and mtime.
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.bin', '.webmanifest']);
const compressed = new Map();
async function brotliOf(file, body) {
  const key = `${file}\0${(await stat(file)).mtimeMs}`;
  if (!compressed.has(key)) compressed.set(key, brotliCompressSync(body, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  return compressed.get(key);
}

export async function start({ catalogs = {}, headers = {}, overrides = {}, mounts = {}, brotli = false } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let path = decodeURIComponent(url.pathname);
    if (path.startsWith('/test/catalogs/')) {
      const body = catalogs[path.slice('/test/catalogs/'.length)];
      if (body === undefined) { res.writeHead(404).end('no such catalog'); return; }
      if (typeof body === 'function') { body(req, res); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (path in overrides) {
      res.writeHead(200, { 'content-type': types[extname(path)] || 'text/plain', 'cache-control': 'no-cache' }).end(overrides[path]);
      return;
    }
    let file;
    const mount = Object.keys(mounts).find((m) => path.startsWith(m));
    if (mount) file = join(root, mounts[mount], normalize(path.slice(mount.length) || 'index.html'));
    else if (path.startsWith('/test/')) file = join(root, 'tests/e2e/pages', normalize(path.slice(6)));
    else file = join(root, 'dist', normalize(path.endsWith('/') ? path + 'index.html' : path));
    if (file.endsWith('/')) file += 'index.html';
    try {
      let body = await readFile(file);
      const br = brotli && compressible.has(extname(file)) && /\bbr\b/.test(req.headers['accept-encoding'] || '');
      if (br) body = await brotliOf(file, body);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache',
        ...(br ? { 'content-encoding': 'br', vary: 'accept-encoding' } : {}), ...(headers[path] || {}) });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}
