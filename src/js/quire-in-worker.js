// Rendering off the main thread: the page posts the Markdown to a module worker
// (quire-worker.js), which loads quire and renders; the page inserts the HTML it gets back.
//
//   import { createWorkerRenderer } from './pkg/quire-in-worker.js';
//   const renderer = createWorkerRenderer();
//   const article = await renderer.renderInto(element, markdown, { baseUrl });
//
// The worker's URL and the HTML go into the page through the Trusted Types policy named "quire"
// (the one the modules use: trusted-types.js), so this works under a CSP that requires them.

import { quireTrustedScriptUrl } from './trusted-types.js';
import { quireUpdateInto } from './dom-update.js';

// Loaded as it ships (from a server or a CDN folder), this file sits next to quire-worker.js. (Its
// URL through a name: bundlers take `new URL('...', import.meta.url)` for an asset to emit raw.)
const HERE = import.meta.url;
const SHIPPED = /^https?:/.test(HERE) && HERE.split(/[?#]/)[0].endsWith('/quire-in-worker.js');

/** The worker, at the URL given, else quire-worker.js. A bundler recognizes the literal
 *  `new Worker(new URL(...))` and bundles the worker (with quire and its wasm) under a URL of its
 *  own; this file as it ships vouches for quire-worker.js next to it through the "quire" policy, as
 *  pages that enforce Trusted Types require. */
function startWorker(workerUrl) {
  if (workerUrl != null || SHIPPED) {
    return new Worker(quireTrustedScriptUrl(workerUrl ?? new URL('quire-worker.js', HERE)), { type: 'module' });
  }
  return new Worker(new URL('./quire-worker.js', import.meta.url), { type: 'module' });
}

/** A worker running quire-worker.js, and the renders waiting for its answers. */
export function createWorkerRenderer(workerUrl) {
  const worker = startWorker(workerUrl);
  const waiting = new Map();
  let nextId = 0;
  worker.addEventListener('message', ({ data }) => {
    const pending = waiting.get(data.id);
    if (!pending) return;
    waiting.delete(data.id);
    if (data.error) {
      const error = new Error(data.error.message);
      error.name = data.error.name;
      pending.reject(error);
    } else {
      pending.resolve(data.article);
    }
  });
  // A worker that fails to load or throws outside a render fails every render still waiting.
  worker.addEventListener('error', (event) => {
    const error = new Error(`quire worker: ${event.message || 'failed to load'}`);
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  });

  /** Renders Markdown to an Article in the worker. */
  function renderArticle(markdown, options) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, markdown, options });
    });
  }

  /** Renders in the worker, then puts the HTML into `element` as renderInto does (its child
   *  nodes whose HTML did not change stay). */
  async function renderInto(element, markdown, options) {
    const article = await renderArticle(markdown, options);
    quireUpdateInto(element, article.html);
    return article;
  }

  return { renderArticle, renderInto, terminate: () => worker.terminate() };
}
