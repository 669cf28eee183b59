// quire demo page: Markdown from the editor is rendered by the WebAssembly
// build into #preview. The page runs under a strict CSP with Trusted Types,
// so rendered HTML only ever enters the DOM through renderInto(); every other
// node here is built with createElement/textContent.
import init, { loadSanitizer, renderInto, version } from './pkg/quire.js';

// Grab our own elements once, up front: ids inside rendered content (for
// instance with rawHtml "trusted") can then never shadow them.
const byId = (id) => document.getElementById(id);
const editor = byId('editor');
const preview = byId('preview');
const previewScroll = byId('preview-scroll');
const statusBox = byId('status');
const presetSelect = byId('preset');
const rawHtmlSelect = byId('raw-html');
const tocCheckbox = byId('toc');
const maxBytesInput = byId('max-bytes');
const resetButton = byId('reset');
const versionLabel = byId('version');
const metaList = byId('meta');
const metaTitle = byId('meta-title');
const renderTime = byId('render-time');
const metaInput = byId('meta-input');
const metaOutput = byId('meta-output');
const removedBox = byId('removed');
const removedSummary = byId('removed-summary');
const removedList = byId('removed-list');
const sampleSelect = byId('sample');
const recoveredBox = byId('recovered');
const recoveredSummary = byId('recovered-summary');
const recoveredList = byId('recovered-list');

// Keys of the Article object that already have a place of their own.
const SHOWN_ELSEWHERE = new Set(['html', 'title', 'removed', 'recovered']);
const DEFAULT_ID_PREFIX = 'user-content-';
const encoder = new TextEncoder();
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

let sample = '';
let frame = 0;
let attempts = 0;

function currentOptions() {
  const options = { preset: presetSelect.value, rawHtml: rawHtmlSelect.value, tocNav: tocCheckbox.checked };
  const limit = maxBytesInput.value.trim();
  // Pass the number through as typed: the library is the one that validates.
  if (limit !== '') options.maxInputBytes = Number(limit);
  return options;
}

// Coalesce bursts of input events into one render per animation frame, so
// typing stays smooth even on long documents.
function scheduleRender() {
  if (!frame) frame = requestAnimationFrame(render);
}

function render() {
  frame = 0;
  const markdown = editor.value;
  const started = performance.now();
  let article;
  try {
    article = renderInto(preview, markdown, currentOptions());
  } catch (error) {
    if (error?.name === 'QuireSanitizerNeeded') {
      // Raw HTML or front matter: the full module loads on first need, then this render runs again.
      renderTime.textContent = 'loading the full module…';
      loadSanitizer().then(scheduleRender, showError);
      return;
    }
    showError(error);
    return;
  } finally {
    // Counts every attempt, so tests can wait for "a render happened", and says the length of
    // what it rendered, so they can tell a render of the text they set from one scheduled before.
    document.body.dataset.renders = String(++attempts);
    document.body.dataset.renderedChars = String(markdown.length);
  }
  const elapsed = performance.now() - started;

  clearError();
  showRemoved(article?.removed);
  showRecovered(article?.recovered);
  showMetadata(article, markdown, elapsed);
  document.body.dataset.ready = '1';
}

function showError(error) {
  const message = error instanceof Error ? error.message : String(error);
  statusBox.textContent = message || 'Rendering failed.';
  statusBox.dataset.state = 'error';
  statusBox.hidden = false;
  previewScroll.hidden = true;
  renderTime.textContent = 'failed';
}

function clearError() {
  statusBox.hidden = true;
  statusBox.textContent = '';
  delete statusBox.dataset.state;
  previewScroll.hidden = false;
}

// What the sanitizer took out, line by line, so an author can see why their <iframe> vanished.
function showRemoved(removed) {
  const items = Array.isArray(removed) ? removed : [];
  removedBox.hidden = items.length === 0;
  removedSummary.textContent = `${items.length} thing${items.length === 1 ? '' : 's'} removed by the sanitizer`;
  removedList.replaceChildren(
    ...items.map(({ kind, name, element, line }) => {
      const li = document.createElement('li');
      const what = kind === 'element' ? `<${name}>` : kind === 'attribute' ? `${name} on <${element}>` : `${name} URL on <${element}>`;
      li.textContent = `line ${line}: ${what}`;
      return li;
    }),
  );
}

// What quire read from text pasted from a web page, and the page debris it took out, line by
// line, so an editor can show the author what was done (and turn it off with pastedText "off").
function showRecovered(recovered) {
  const items = Array.isArray(recovered) ? recovered : [];
  recoveredBox.hidden = items.length === 0;
  const removed = items.filter((item) => item.kind === 'removed').length;
  recoveredSummary.textContent = `Read as pasted text: ${items.length - removed} recovered, ${removed} removed`;
  recoveredList.replaceChildren(
    ...items.map(({ line, kind, text, reason }) => {
      const li = document.createElement('li');
      li.dataset.kind = kind;
      li.textContent = `line ${line}: ${kind === 'removed' ? `removed (${reason})` : `${kind} (${reason})`}: ${text}`;
      return li;
    }),
  );
}

function showMetadata(article, markdown, elapsed) {
  renderTime.textContent = `${elapsed.toFixed(2)} ms`;
  metaInput.textContent = formatBytes(encoder.encode(markdown).length);

  const html = article && typeof article.html === 'string' ? article.html : null;
  metaOutput.textContent = html === null ? 'n/a' : formatBytes(encoder.encode(html).length);

  const title = article ? article.title : null;
  const hasTitle = typeof title === 'string' && title !== '';
  metaTitle.textContent = hasTitle ? title : 'none';
  metaTitle.title = hasTitle ? title : '';
  metaTitle.classList.toggle('empty', !hasTitle);

  // Any further fields the library adds later show up without a page change.
  for (const old of metaList.querySelectorAll('[data-extra]')) old.remove();
  if (!article || typeof article !== 'object') return;
  for (const [key, value] of Object.entries(article)) {
    if (SHOWN_ELSEWHERE.has(key)) continue;
    const text = describe(value);
    if (text === null) continue;
    const row = document.createElement('div');
    row.dataset.extra = key;
    const dt = document.createElement('dt');
    dt.textContent = humanize(key);
    const dd = document.createElement('dd');
    dd.textContent = text;
    dd.title = text;
    row.append(dt, dd);
    metaList.append(row);
  }
}

// Scalars are shown as they are; lists of scalars joined, other lists by
// their length. Empty values and nested objects are left out: a one-line
// footer cannot show them usefully.
function describe(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(3);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    if (value.every((item) => ['string', 'number'].includes(typeof item))) return value.join(', ');
    return `${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  return null;
}

function humanize(key) {
  return key.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function formatBytes(n) {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}

// In-page links: headings get prefixed ids, so "#the-numbers" written by the
// author has to be looked up as "user-content-the-numbers". External links
// open in a new tab so a stray click never throws away the editor's text.
function onPreviewClick(event) {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || !preview.contains(link)) return;
  const href = link.getAttribute('href');
  if (href.startsWith('#')) {
    event.preventDefault();
    const target = findAnchor(href.slice(1));
    if (target) target.scrollIntoView({ block: 'start', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
  } else if (link.protocol === 'https:' || link.protocol === 'http:') {
    event.preventDefault();
    window.open(link.href, '_blank', 'noopener,noreferrer');
  }
}

function findAnchor(fragment) {
  let id;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    id = fragment;
  }
  if (!id) return null;
  const ids = id.startsWith(DEFAULT_ID_PREFIX) ? [id] : [id, DEFAULT_ID_PREFIX + id];
  for (const candidate of ids) {
    const found = preview.querySelector(`#${CSS.escape(candidate)}`);
    if (found) return found;
  }
  return null;
}

async function loadSample(name) {
  try {
    const response = await fetch(name, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.text();
  } catch (error) {
    return `# Sample unavailable\n\nThe page could not fetch \`${name}\` (${error.message}). Type some Markdown here instead.\n`;
  }
}

async function chooseSample() {
  sample = await loadSample(sampleSelect.value);
  resetSample();
}

function resetSample() {
  editor.value = sample;
  previewScroll.scrollTop = 0;
  editor.scrollTop = 0;
  render();
}

async function main() {
  try {
    await init();
  } catch (error) {
    showError(new Error(`Could not load the WebAssembly module: ${error.message ?? error}`));
    return;
  }
  versionLabel.textContent = `v${version()}`;

  sample = await loadSample(sampleSelect.value);
  editor.value = sample;
  editor.placeholder = 'Type Markdown here…';

  editor.addEventListener('input', scheduleRender);
  presetSelect.addEventListener('change', scheduleRender);
  rawHtmlSelect.addEventListener('change', scheduleRender);
  tocCheckbox.addEventListener('change', scheduleRender);
  maxBytesInput.addEventListener('input', scheduleRender);
  resetButton.addEventListener('click', resetSample);
  sampleSelect.addEventListener('change', chooseSample);
  preview.addEventListener('click', onPreviewClick);

  render();
}

main();
