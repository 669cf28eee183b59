// A tiny static file server for the end-to-end tests: serves one directory on
// 127.0.0.1 with an ephemeral port and the MIME types the page depends on
// (application/wasm matters: instantiateStreaming refuses anything else).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serve `root` until `close()` is called.
 * @param {string} root directory to serve
 * @param {{ port?: number, headers?: Record<string, string>, brotli?: boolean }} [options] a fixed
 *   port (default: any free one), headers added to every response (the benchmark's cross-origin
 *   isolation), and whether to send bodies brotli-compressed (quality 11) to clients that accept
 *   it, as a CDN would (the page-load benchmark)
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startStaticServer(root, { port: wantedPort = 0, headers = {}, brotli = false } = {}) {
  const base = path.resolve(root);
  const compressed = new Map();
  const brotliOf = (file, body) => {
    if (!compressed.has(file)) {
      compressed.set(file, brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    return compressed.get(file);
  };

  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(base, `.${pathname}`);
    // Never serve anything outside the root, whatever the URL says.
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, headers).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      let body = await readFile(file);
      const encoded = brotli && /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
      if (encoded) body = brotliOf(file, body);
      res.writeHead(200, {
        ...headers,
        ...(encoded ? { 'Content-Encoding': 'br', Vary: 'Accept-Encoding' } : {}),
        'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
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
    server.listen(wantedPort, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
