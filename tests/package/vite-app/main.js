// quire as a Vite app uses it: from npm, no plugin, no config. The page's article is a
// <quire-article> (Markdown only: the core module renders it); the test (tests/package) reaches
// the rest of the package through window.quireApp.
import 'quire/article';
import { renderHtmlAsync, sanitizerLoaded } from 'quire';
import { createWorkerRenderer } from 'quire/in-worker';

const article = document.getElementById('article');
article.addEventListener('quire-render', () => (document.body.dataset.rendered = sanitizerLoaded() ? 'full' : 'core'));
article.addEventListener('quire-error', (event) => (document.body.dataset.error = String(event.detail)));
window.quireApp = { renderHtmlAsync, sanitizerLoaded, createWorkerRenderer };
