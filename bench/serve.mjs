// Static file server for the benchmark page: serves the repository root on 127.0.0.1.
//
// Two things matter for a fair benchmark and are why this is not `python3 -m http.server`:
//  - `Cache-Control: no-store`, so a fresh browser context really starts cold (no HTTP cache,
//    hence no cached compiled wasm or JS bytecode either);
//  - COOP/COEP headers, which make the page cross-origin isolated: browsers then give
//    `performance.now()` a fine resolution (a few microseconds instead of 0.1-1 ms).
// Everything the page loads comes from this same origin, so `require-corp` blocks nothing.
//
// Usage as a module: `const server = await serve(root, port?)`, then `server.url`, `server.close()`;
// the serving itself is the tests' server (tests/support/static-server.mjs) with these headers.
// Usage by hand:     `node bench/serve.mjs [PORT]`, then open http://127.0.0.1:PORT/bench/
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../tests/support/static-server.mjs';

const BENCH_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function serve(root, port = 0) {
  return startStaticServer(root, { port, headers: BENCH_HEADERS });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const server = await serve(root, Number(process.argv[2] ?? 8090));
  console.log(`serving ${root} on ${server.url}  (benchmark page: ${server.url}bench/)  Ctrl-C stops it`);
}
