// quire as a webpack 5 app uses it: from npm, no loader, no config (`webpack --mode production`).
// The page renders a Markdown-only article (the core module alone); the test (tests/package)
// reaches the rest of the package through window.quireApp.
import init, { renderHtmlAsync, renderIntoAsync, sanitizerLoaded } from 'quire';
import { createWorkerRenderer } from 'quire/in-worker';

const markdown = '# Bundled with webpack\n\nBy Ada\n\nA *Markdown-only* article, rendered by the core module alone.';

window.quireApp = { renderHtmlAsync, sanitizerLoaded, createWorkerRenderer };
init()
  .then(() => renderIntoAsync(document.getElementById('article'), markdown))
  .then(() => (document.body.dataset.rendered = sanitizerLoaded() ? 'full' : 'core'))
  .catch((error) => (document.body.dataset.error = String(error)));
