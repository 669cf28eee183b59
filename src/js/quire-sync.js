// quire/sync: quire.js's API plus initSync, for runtimes that hand over compiled WebAssembly modules
// (a Cloudflare-style worker imports `quire/quire_full_bg.wasm` as a WebAssembly.Module).
//
//   import { initSync, renderHtml } from 'quire/sync';
//   import full from 'quire/quire_full_bg.wasm';
//   initSync({ full });           // no fetch, no await: every sync call works from here on
//
// It imports both modules' glue up front, so that instantiating needs no await; quire.js imports
// the glue only when a module is needed, which is what pages want. Both entries share one state.

import * as coreGlue from './quire_core.js';
import * as fullGlue from './quire_full.js';
import { adoptInstantiated } from './quire.js';

export * from './quire.js';
export { default } from './quire.js';

/** Instantiates the modules given, each a compiled `WebAssembly.Module` or its bytes: `{ full }`
 *  renders everything; `{ core }` alone renders what the core does and loads the full module when a
 *  document needs it (the async functions, or loadSanitizer()), as init() does. */
export function initSync({ core, full } = {}) {
  if (core == null && full == null) {
    throw new TypeError('quire: initSync takes { core, full }, a WebAssembly.Module (or its bytes) for at least one of them');
  }
  if (core != null) {
    coreGlue.initSync({ module: core });
    adoptInstantiated('core', coreGlue);
  }
  if (full != null) {
    fullGlue.initSync({ module: full });
    adoptInstantiated('full', fullGlue);
  }
}
