// quire in a page with no build step: the installed package's modules imported by relative URL.
// The page's article is a <quire-article> (Markdown only: the core module renders it); the test
// (tests/package) reaches the rest of the package through window.quireApp.
import './node_modules/quire/quire-article.js';
import { renderHtmlAsync, sanitizerLoaded } from './node_modules/quire/quire.js';
import { createWorkerRenderer } from './node_modules/quire/quire-in-worker.js';

const article = document.getElementById('article');
article.addEventListener('quire-render', () => (document.body.dataset.rendered = sanitizerLoaded() ? 'full' : 'core'));
article.addEventListener('quire-error', (event) => (document.body.dataset.error = String(event.detail)));
window.quireApp = { renderHtmlAsync, sanitizerLoaded, createWorkerRenderer };
