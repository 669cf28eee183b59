// A runtime that hands the app a compiled WebAssembly.Module (as Cloudflare-style workers do for
// `import full from 'quire/quire_full_bg.wasm'`), imitated in Node: compile the module, then
// initSync instantiates it at once, and the sync calls work in the same tick, with no fetch or file
// read of quire's own. `node edge.mjs` prints one render as JSON.
import { readFileSync } from 'node:fs';
import { initSync, renderHtml, sanitizerLoaded } from 'quire/sync';

const full = new WebAssembly.Module(readFileSync(new URL(import.meta.resolve('quire/quire_full_bg.wasm'))));
initSync({ full });
const html = renderHtml('<B ONCLICK="steal()">raw</B> *HTML*', { bodyOnly: true });
console.log(JSON.stringify({ html, sanitizerLoaded: sanitizerLoaded() }));
