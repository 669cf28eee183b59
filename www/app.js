// quire demo page: Markdown from the editor is rendered by the WebAssembly
// build into #preview. The page runs under a strict CSP with Trusted Types,
// so rendered HTML only ever enters the DOM through renderInto(); every other
// node here is built with createElement/textContent. Each render updates the
// preview in place (renderInto keeps unchanged blocks), and the two panes
// scroll together through the source lines quire puts on every block.
import init, { createStream, loadSanitizer, renderInto, version } from './pkg/quire.js';

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
const streamButton = byId('stream');
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
/** The stream replaying the sample, while it runs. */
let streaming = null;

function currentOptions() {
  const options = { preset: presetSelect.value, rawHtml: rawHtmlSelect.value, tocNav: tocCheckbox.checked, sourceLines: true };
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
  if (streaming) return;
  const markdown = editor.value;
  const started = performance.now();
  let article;
  try {
    article = renderInto(preview, markdown, currentOptions());
  } catch (error) {
    if (error?.name === 'QuireSanitizerNeeded') {
      // Raw HTML, front matter or pasted text: the full module loads on first need, then this render
      // runs again.
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

// Scrolling one pane scrolls the other to the same block: the preview's blocks carry the editor
// lines they were written on (data-source-lines="first-last"). A textarea has no line positions, so
// the editor side is read as a fraction of its lines (wrapped lines make it approximate).
// The pane last scrolled by the other one, and until when its scroll events are that echo.
let synced = { pane: null, until: 0 };

function editorLineAtTop() {
  const lines = editor.value.split('\n').length;
  const range = editor.scrollHeight - editor.clientHeight;
  return range <= 0 ? 1 : 1 + (editor.scrollTop / range) * (lines - 1);
}

function blocksWithLines() {
  return Array.from(preview.querySelectorAll('[data-source-lines]')).map((element) => {
    const [first, last] = element.dataset.sourceLines.split('-').map(Number);
    return { element, first, last };
  });
}

function syncFrom(source, scroll) {
  if (synced.pane === source && performance.now() < synced.until) return;
  synced = { pane: source === editor ? previewScroll : editor, until: performance.now() + 100 };
  scroll();
}

function onEditorScroll() {
  syncFrom(editor, () => {
    const line = editorLineAtTop();
    const blocks = blocksWithLines();
    const block = blocks.findLast((b) => b.first <= line) ?? blocks[0];
    if (!block) return;
    const within = Math.min(1, Math.max(0, (line - block.first) / (block.last - block.first + 1)));
    const top = block.element.getBoundingClientRect().top - previewScroll.getBoundingClientRect().top + previewScroll.scrollTop;
    previewScroll.scrollTop = top + within * block.element.offsetHeight;
  });
}

function onPreviewScroll() {
  syncFrom(previewScroll, () => {
    if (previewScroll.scrollTop === 0) {
      editor.scrollTop = 0; // the header and contents come before the first block with lines
      return;
    }
    const paneTop = previewScroll.getBoundingClientRect().top;
    const block = blocksWithLines().find((b) => b.element.getBoundingClientRect().bottom > paneTop);
    if (!block) return;
    const lines = editor.value.split('\n').length;
    const range = editor.scrollHeight - editor.clientHeight;
    editor.scrollTop = lines > 1 ? ((block.first - 1) / (lines - 1)) * range : 0;
  });
}

// Replays the sample as if it arrived over a slow connection (or from an assistant, token by
// token): the stream commits each finished block once and re-renders only the one being written.
async function streamSample() {
  if (streaming) {
    streaming.stopped = true;
    return;
  }
  const text = sample;
  editor.value = text;
  editor.readOnly = true;
  streamButton.textContent = 'Stop';
  const run = { stopped: false };
  streaming = run;
  const started = performance.now();
  try {
    const stream = createStream(preview, currentOptions());
    // Word by word at 40 words a second (an assistant's pace; a fast reader's is about 10);
    // data-stream-rate on <body> changes it (the end-to-end test streams faster).
    const rate = Number(document.body.dataset.streamRate) || 40;
    const pieces = text.match(/\s*\S+/g) ?? [];
    const perTick = Math.max(1, Math.round(rate / 50));
    for (let i = 0; i < pieces.length && !run.stopped; i += perTick) {
      stream.append(pieces.slice(i, i + perTick).join(''));
      await new Promise((resolve) => setTimeout(resolve, (1000 * perTick) / rate));
    }
    if (!run.stopped) {
      const rest = text.slice(pieces.join('').length);
      if (rest) stream.append(rest);
      const article = await stream.end();
      clearError();
      showRemoved(article.removed);
      showRecovered(article.recovered);
      showMetadata(article, text, performance.now() - started);
      document.body.dataset.streamed = String(Number(document.body.dataset.streamed ?? 0) + 1);
    }
  } catch (error) {
    showError(error);
  } finally {
    streaming = null;
    editor.readOnly = false;
    streamButton.textContent = 'Stream sample';
    if (run.stopped) render();
  }
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
  streamButton.addEventListener('click', streamSample);
  editor.addEventListener('scroll', onEditorScroll, { passive: true });
  previewScroll.addEventListener('scroll', onPreviewScroll, { passive: true });
  sampleSelect.addEventListener('change', chooseSample);
  preview.addEventListener('click', onPreviewClick);

  render();
}

main();
