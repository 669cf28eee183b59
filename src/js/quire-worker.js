// The worker side of quire-in-worker.js: renders in a module worker, off the page's main thread.
//   new Worker(new URL('./quire-worker.js', import.meta.url), { type: 'module' })
// Each message { id, markdown, options } is answered with { id, article } or { id, error }, where
// error is { name, message } (an Error does not survive postMessage in every browser).

import init, { renderArticleAsync } from './quire.js';

const ready = init();

self.addEventListener('message', async ({ data }) => {
  const { id, markdown, options } = data ?? {};
  try {
    await ready;
    self.postMessage({ id, article: await renderArticleAsync(markdown, options) });
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) } });
  }
});
