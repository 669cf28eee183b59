// Static file server for the benchmark page: serves the repository root on 127.0.0.1.
//
// Two things matter for a fair benchmark and are why this is not `python3 -m http.server`:
//  - `Cache-Control: no-store`, so a fresh browser context really starts cold (no HTTP cache,
//    hence no cached compiled wasm or JS bytecode either);
//  - COOP/COEP headers, which make the page cross-origin isolated: browsers then give
//    `performance.now()` a fine resolution (a few microseconds instead of 0.1-1 ms).
// Everything the page loads comes from this same origin, so `require-corp` blocks nothing.
//
// Usage as a module: `const server = await serve(root, port?)`, then `server.url`, `server.close()`.
// Usage by hand:     `node bench/serve.mjs [PORT]`, then open http://127.0.0.1:PORT/bench/
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIME_TYPES } from '../tests/support/static-server.mjs';

// The same MIME types as the tests' server (application/wasm matters for instantiateStreaming).
const TYPES = MIME_TYPES;

export async function serve(root, port = 0) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    const headers = {
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(base, '.' + pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, headers).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const missing = error.code === 'ENOENT' || error.code === 'ENOTDIR';
      res.writeHead(missing ? 404 : 500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(missing ? 'not found\n' : 'server error\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const server = await serve(root, Number(process.argv[2] ?? 8090));
  console.log(`serving ${root} on ${server.url}  (benchmark page: ${server.url}bench/)  Ctrl-C stops it`);
}
