// quire's entry point: of the web package (www/pkg) and of the npm package (dist/quire), the same
// file in a plain page, in a bundler and in Node.
//
// Two WebAssembly modules sit behind one API. The core module (quire_core) renders Markdown, raw HTML
// written the common way (through the sanitizer's fast path) and YAML front matter written the
// common way; it has neither ammonia nor the YAML and TOML parsers, so it is small and starts fast.
// The full module (quire_full: the same code plus ammonia and html5ever, and the parsers) loads only
// when a document holds raw HTML the fast path gives up on or front matter beyond that, or when you
// ask for it. The same options give the same HTML from both.
//
//   await init();                          // the core module only
//   renderHtml(markdown);                  // most articles: rendered at once
//   await renderHtmlAsync(markdown);       // any Markdown: loads the full module first if needed
//   await init({ sanitizer: 'eager' });    // both modules up front: every sync call just works
//   await init({ sanitizer: 'always' });   // the full module alone: one download, for pages that
//                                          // mostly show raw HTML
//
// A sync call that needs the full module before it has loaded throws an Error named
// "QuireSanitizerNeeded" (and starts loading it), so a caller can `await loadSanitizer()` and retry.
// The names predate front matter moving to the full module: the error and loadSanitizer() are the
// same for a document with raw HTML and one with front matter (the message says which).
//
// Each module's glue is imported when it is needed, and its wasm is requested at the same moment,
// so that the wasm download does not wait for the glue (and the glue's own imports) to arrive
// first: the wasm is the big file, and on a phone every round trip before it is felt.

const FULL_MODULE_NEEDED = 'QuireSanitizerNeeded';

let core = null;
let coreLoading = null;
let full = null;
let fullLoading = null;

// Each module's wasm sits next to this file. The URLs are written out literally, as
// `new URL('./…', import.meta.url)`, because that is the form bundlers (Vite, webpack 5) recognize:
// they emit the file as an asset and put its URL here. The glue is imported the same way, by a
// relative path they can follow, so the lazily loaded full module goes through the bundle too.
const MODULES = {
  core: { wasm: () => new URL('./quire_core_bg.wasm', import.meta.url), glue: () => import('./quire_core.js') },
  full: { wasm: () => new URL('./quire_full_bg.wasm', import.meta.url), glue: () => import('./quire_full.js') },
};

/** The directory init({ wasmUrl }) named, if any. */
let wasmDirectory = null;
/** Modules the page handed to init({ modules }): compiled, or their bytes. */
let givenModules = {};

/** The module's wasm: given, or requested (fetched, or read from disk in Node). */
function wasmSource(name) {
  if (givenModules[name] != null) return givenModules[name];
  const url = wasmDirectory ? new URL(`quire_${name}_bg.wasm`, wasmDirectory) : MODULES[name].wasm();
  return url.protocol === 'file:' ? readWasmFile(url) : fetch(url);
}

/** In Node this file has a file: URL, which Node's fetch does not read: process.getBuiltinModule
 *  (Node 22.3) gives node:fs without an import that a bundler would try to resolve for the browser.
 *  A runtime without it gets fetch. */
async function readWasmFile(url) {
  const node = globalThis.process?.versions?.node;
  const fs = globalThis.process?.getBuiltinModule?.('node:fs/promises');
  if (node && (Number(node.split('.')[0]) < 22 || !fs)) {
    throw new Error(
      `quire needs Node 22.3 or later, not ${node}: an older Node cannot compile its WebAssembly (typed and exception references) or lacks process.getBuiltinModule`,
    );
  }
  return fs ? fs.readFile(url) : fetch(url);
}

/** Imports a module's glue and instantiates its wasm, both requested at once. */
async function loadModule(name) {
  const source = wasmSource(name);
  const glue = await MODULES[name].glue();
  await glue.default({ module_or_path: source });
  return glue;
}

/** For quire-sync.js, which imports the glue itself: the glue of a module it has instantiated. */
export function adoptInstantiated(name, glue) {
  if (name === 'core') core = glue;
  else if (name === 'full') full = glue;
}

const SANITIZER_MODES = ['on-demand', 'eager', 'always'];

/** Loads the core module; with `{ sanitizer: 'eager' }` the full module too, with
 *  `{ sanitizer: 'always' }` the full module alone. `wasmUrl`: the directory the .wasm files are
 *  fetched from (a CDN); `modules`: `{ core, full }` as compiled `WebAssembly.Module`s or bytes,
 *  for runtimes that hand them over. Both count from the first call on. */
export default async function init(options = {}) {
  const sanitizer = options?.sanitizer ?? 'on-demand';
  if (!SANITIZER_MODES.includes(sanitizer)) {
    throw new TypeError(`quire: init's sanitizer option is one of ${SANITIZER_MODES.join(', ')}, got ${JSON.stringify(sanitizer)}`);
  }
  if (options?.wasmUrl != null) {
    // A directory: `https://cdn.example/quire` means the files inside it. A relative URL is
    // relative to the page (or the worker's script).
    const url = new URL(options.wasmUrl, globalThis.location?.href);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    wasmDirectory = url;
  }
  if (options?.modules != null) givenModules = { ...givenModules, ...options.modules };
  const loading = [];
  if (sanitizer !== 'always' && !core) {
    coreLoading ??= loadModule('core').then(
      (module) => (core = module),
      (error) => {
        coreLoading = null; // let a later call try again
        throw error;
      },
    );
    loading.push(coreLoading);
  }
  if (sanitizer !== 'on-demand') loading.push(loadSanitizer());
  await Promise.all(loading);
}

export { init };

/** Loads the full module (once; the sanitizer and the front matter parsers); resolves when sync calls
 *  no longer need to wait for it. */
export function loadSanitizer() {
  if (full) return Promise.resolve();
  if (!fullLoading) {
    fullLoading = loadModule('full')
      .then((module) => {
        full = module;
      })
      .catch((error) => {
        fullLoading = null; // let a later call try again
        throw error;
      });
  }
  return fullLoading;
}

/** Whether the full module has loaded. */
export function sanitizerLoaded() {
  return full !== null;
}

// Once the full module is there, it renders everything (it has the core's fast path too).
function call(name, args) {
  if (full) return full[name](...args);
  if (!core) throw new Error('quire: call init() (and await it) before rendering');
  try {
    return core[name](...args);
  } catch (error) {
    if (error?.name === FULL_MODULE_NEEDED) loadSanitizer().catch(() => {});
    throw error;
  }
}

async function callAsync(name, args) {
  try {
    return call(name, args);
  } catch (error) {
    if (error?.name !== FULL_MODULE_NEEDED) throw error;
    await loadSanitizer();
    return full[name](...args);
  }
}

export const renderArticle = (markdown, options) => call('renderArticle', [markdown, options]);
export const renderHtml = (markdown, options) => call('renderHtml', [markdown, options]);
export const renderInto = (element, markdown, options) => call('renderInto', [element, markdown, options]);
export const sanitizeHtml = (html, options) => call('sanitizeHtml', [html, options]);

export const renderArticleAsync = (markdown, options) => callAsync('renderArticle', [markdown, options]);
export const renderHtmlAsync = (markdown, options) => callAsync('renderHtml', [markdown, options]);
export const renderIntoAsync = (element, markdown, options) => callAsync('renderInto', [element, markdown, options]);
export const sanitizeHtmlAsync = (html, options) => callAsync('sanitizeHtml', [html, options]);

export const version = () => {
  const module = full ?? core;
  if (!module) throw new Error('quire: call init() (and await it) first');
  return module.version();
};
