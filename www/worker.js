// The worker example (worker.html): fetch the sample article and render it off the main thread.
import { createWorkerRenderer } from './pkg/quire-in-worker.js';

const status = document.getElementById('worker-status');
const renderer = createWorkerRenderer();
try {
  const markdown = await fetch('article.md').then((response) => response.text());
  const started = performance.now();
  const article = await renderer.renderInto(document.getElementById('article'), markdown, {
    baseUrl: new URL('article.md', location.href).href,
  });
  status.textContent = `Rendered “${article.title}” in the worker (${Math.round(performance.now() - started)} ms, loading included).`;
  document.body.dataset.rendered = '1';
} catch (error) {
  status.textContent = `The worker failed: ${error.message}`;
  document.body.dataset.rendered = 'error';
}
