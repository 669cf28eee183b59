// quire's entry point: of the web package (www/pkg) and of the npm package (dist/quire), the same
// file in a plain page, in a bundler and in Node.
//
// Two WebAssembly modules sit behind one API. The core module (quire_core) renders Markdown, raw HTML
// written the common way (through the sanitizer's fast path) and YAML front matter written the
// common way; it has neither ammonia nor the YAML and TOML parsers nor the pasted-text rules, so it
// is small and starts fast. The full module (quire_full: the same code plus ammonia and html5ever,
// the parsers and the rules) loads only when a document holds raw HTML the fast path gives up on,
// front matter beyond that, or plain text the rules would read as pasted from a web page (plain
// paragraphs, at least 5 lines and 40 words), or when you ask for it. The same options give the
// same HTML from both.
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
// The names predate front matter and pasted text moving to the full module: the error and
// loadSanitizer() are the same for a document with raw HTML, front matter or pasted text (the
// message says which).
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

/** Loads the full module (once; the sanitizer, the front matter parsers, the pasted-text rules); resolves when sync calls
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

/** Renders Markdown that arrives in pieces into `element` (see src/stream.rs): blocks that can no
 *  longer change are appended once, the open tail is rendered again as it grows (at most once per
 *  animation frame when pieces come faster), and `end()` leaves the element as renderInto would
 *  with the whole text, changing only the blocks that differ. A document that needs the full
 *  module (raw HTML only ammonia cleans) switches to it on the way, rendering what came again. */
export function createStream(element, options) {
  return new QuireStream(element, options);
}

const nextFrame = (callback) =>
  typeof globalThis.requestAnimationFrame === 'function' ? requestAnimationFrame(callback) : setTimeout(callback, 16);

class QuireStream {
  #element;
  #options;
  #renderer;
  /** While the full module loads: the promise of the renderer that replaces the core's. */
  #switching = null;
  #scheduled = false;
  #ended = false;
  #error = null;
  /** A high surrogate that ended the last piece: it waits for its other half. */
  #held = '';

  constructor(element, options) {
    this.#element = element;
    this.#options = options;
    const module = full ?? core;
    if (!module) throw new Error('quire: call init() (and await it) before rendering');
    this.#renderer = new module.StreamRenderer(element, options);
  }

  /** Adds a piece of text (a string). */
  append(text) {
    if (this.#ended) throw new Error('quire: append() after end()');
    if (typeof text !== 'string') throw new TypeError(`quire: append() takes a string, got ${text === null ? 'null' : typeof text}`);
    if (this.#error) throw this.#error;
    // A character outside the BMP split between two pieces stays one character.
    text = this.#held + text;
    this.#held = /[\uD800-\uDBFF]$/.test(text) ? text.slice(-1) : '';
    if (this.#held) text = text.slice(0, -1);
    if (!text) return;
    if (this.#switching) {
      this.#switching.then((renderer) => {
        try {
          renderer?.push(text);
        } catch (error) {
          this.#error ??= error;
        }
      });
      return;
    }
    if (!this.#guard(() => this.#renderer.push(text))) this.#schedule();
  }

  /** Renders what is pending now, rather than at the next frame. */
  flush() {
    if (!this.#switching && !this.#ended) this.#guard(() => this.#renderer.flush());
  }

  /** Renders the whole text into the element and resolves to its Article. */
  async end() {
    if (this.#held && !this.#ended) {
      const held = this.#held;
      this.#held = '';
      this.append(held); // a lone surrogate after all: rendered as every render reads one
    }
    this.#ended = true;
    if (this.#switching) await this.#switching;
    if (this.#error) throw this.#error;
    try {
      return this.#renderer.finish();
    } catch (error) {
      if (error?.name !== FULL_MODULE_NEEDED) throw error;
      await this.#switchToFull();
      if (this.#error) throw this.#error;
      return this.#renderer.finish();
    }
  }

  /** Runs a render step; a document that needs the full module starts the switch to it. Any other
   *  error (the text grew past maxInputBytes) is thrown, and end() rejects with it too. */
  #guard(step) {
    try {
      return step();
    } catch (error) {
      if (error?.name !== FULL_MODULE_NEEDED) {
        this.#error = error;
        throw error;
      }
      this.#switchToFull();
      return true;
    }
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    nextFrame(() => {
      this.#scheduled = false;
      try {
        this.flush();
      } catch {
        // Kept for end(), which rejects with it.
      }
    });
  }

  /** The full module's renderer, given the text so far (it renders the element afresh). */
  #switchToFull() {
    this.#switching ??= loadSanitizer().then(
      () => {
        const text = this.#renderer.text;
        this.#renderer.free?.();
        this.#switching = null;
        try {
          this.#renderer = new full.StreamRenderer(this.#element, this.#options);
          this.#renderer.push(text);
          this.#renderer.flush();
        } catch (error) {
          this.#error = error;
          return null;
        }
        return this.#renderer;
      },
      (error) => {
        this.#error = error;
        this.#switching = null;
        return null;
      },
    );
    return this.#switching;
  }
}

/** Renders an article as it downloads: `source` is a fetch Response, a ReadableStream (of bytes or
 *  strings) or any async iterable of them. Resolves to the Article once the text has ended. */
export async function streamInto(element, source, options) {
  const body = typeof Response !== 'undefined' && source instanceof Response ? source.body : source;
  if (body == null) throw new TypeError('quire: streamInto() takes a Response, a ReadableStream or an async iterable');
  const stream = createStream(element, options);
  const decoder = new TextDecoder();
  const reader = typeof body.getReader === 'function' ? body.getReader() : null;
  const pieces = reader ? readAll(reader) : body;
  for await (const piece of pieces) {
    const text = typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
    if (text) stream.append(text);
  }
  const rest = decoder.decode();
  if (rest) stream.append(rest);
  return stream.end();
}

async function* readAll(reader) {
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export const version = () => {
  const module = full ?? core;
  if (!module) throw new Error('quire: call init() (and await it) first');
  return module.version();
};
