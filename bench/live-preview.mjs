// Live preview and streaming in headless Chromium: what an editor's keystroke costs with
// renderInto (which keeps the blocks that did not change) against a full re-render (renderHtml and
// innerHTML), and what streaming a long article in small pieces costs against one render of it.
//
// Keystrokes: the long-read, with one character typed at a time into one of its paragraphs (40
// keystrokes, a different paragraph every 10), the two ways interleaved keystroke by keystroke,
// each into its own element in the page, with layout forced after each (offsetHeight). Nodes
// touched: nodes added or removed (each with its subtree) and attributes set, from a
// MutationObserver. Streaming: the long-read repeated to ~200 KB, appended in 20-byte pieces in a
// loop (no frame passes, so only the stream's own rule decides when it renders), then end();
// against one renderInto of the whole text. Best of 3.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../tests/support/browsers.mjs';
import { serve } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function inPage({ longRead }) {
  const quire = await import('/www/pkg/quire.js');
  await quire.default();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const subtree = (node) => 1 + (node.nodeType === 1 ? node.querySelectorAll('*').length + countText(node) : 0);
  const countText = (node) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let n = 0;
    while (walker.nextNode()) n += 1;
    return n;
  };
  const touched = (records) => {
    let n = 0;
    for (const record of records) {
      if (record.type === 'attributes' || record.type === 'characterData') n += 1;
      for (const node of record.addedNodes) n += subtree(node);
      for (const node of record.removedNodes) n += subtree(node);
    }
    return n;
  };
  const incremental = document.body.appendChild(document.createElement('div'));
  const full = document.body.appendChild(document.createElement('div'));
  quire.renderInto(incremental, longRead);
  quire.renderInto(full, longRead);
  const nodes = subtree(full) - 1;
  // Paragraph starts to type into: the first words of every fourth paragraph.
  const spots = [...longRead.matchAll(/\n\n([A-Z][a-z]+ )/g)].map((m) => m.index + 2 + m[1].length).filter((_, i) => i % 4 === 1);
  let text = longRead;
  const samples = { incremental: [], full: [], incrementalNodes: [], fullNodes: [] };
  const observer = new MutationObserver(() => {});
  for (let k = 0; k < 40; k++) {
    const spot = spots[Math.floor(k / 10) % spots.length] + (k % 10);
    text = `${text.slice(0, spot)}x${text.slice(spot)}`;
    for (const spots2 of [spots]) for (let i = 0; i < spots2.length; i++) if (spots2[i] > spot) spots2[i] += 1;
    observer.observe(incremental, { childList: true, subtree: true, attributes: true, characterData: true });
    let started = performance.now();
    quire.renderInto(incremental, text);
    void incremental.offsetHeight;
    samples.incremental.push(performance.now() - started);
    samples.incrementalNodes.push(touched(observer.takeRecords()));
    observer.disconnect();
    observer.observe(full, { childList: true, subtree: true, attributes: true, characterData: true });
    started = performance.now();
    full.innerHTML = quire.renderHtml(text);
    void full.offsetHeight;
    samples.full.push(performance.now() - started);
    samples.fullNodes.push(touched(observer.takeRecords()));
    observer.disconnect();
  }
  const same = incremental.innerHTML === full.innerHTML;

  let big = '';
  while (big.length < 200_000) big += `${longRead}\n\n`;
  const oneRender = [];
  const streamed = [];
  for (let round = 0; round < 3; round++) {
    const a = document.body.appendChild(document.createElement('div'));
    let started = performance.now();
    quire.renderInto(a, big);
    void a.offsetHeight;
    oneRender.push(performance.now() - started);
    const b = document.body.appendChild(document.createElement('div'));
    started = performance.now();
    const stream = quire.createStream(b);
    for (let at = 0; at < big.length; at += 20) stream.append(big.slice(at, at + 20));
    await stream.end();
    void b.offsetHeight;
    streamed.push(performance.now() - started);
    if (a.innerHTML !== b.innerHTML) throw new Error('the streamed element differs from the one-shot render');
    a.remove();
    b.remove();
  }
  return {
    keystroke: {
      document: 'long-read',
      nodes,
      keystrokes: samples.incremental.length,
      incrementalMs: median(samples.incremental),
      fullMs: median(samples.full),
      incrementalNodes: median(samples.incrementalNodes),
      fullNodes: median(samples.fullNodes),
      sameHtml: same,
    },
    stream: {
      bytes: big.length,
      pieces: Math.ceil(big.length / 20),
      oneRenderMs: Math.min(...oneRender),
      streamedMs: Math.min(...streamed),
    },
  };
}

export async function measureLivePreview({ log = console.log } = {}) {
  const { chromium } = await import('playwright-core');
  const server = await serve(ROOT);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const blank = new URL('/bench/blank.html', server.url).href;
    await context.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>live preview</title>' }));
    await page.goto(blank);
    const longRead = readFileSync(path.join(ROOT, 'bench/corpus/long-read.md'), 'utf8');
    const result = await page.evaluate(inPage, { longRead });
    result.browser = `Chromium ${browser.version()}`;
    log(`live preview: keystroke ${result.keystroke.incrementalMs.toFixed(2)} ms (full ${result.keystroke.fullMs.toFixed(2)}), stream ${result.stream.streamedMs.toFixed(0)} ms (one render ${result.stream.oneRenderMs.toFixed(0)})`);
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The Markdown section of bench/results.md. */
export function livePreviewMarkdown(live) {
  const { keystroke: k, stream: s } = live;
  return [
    `### Live preview and streaming (${live.browser})`,
    '',
    `A keystroke in the long-read (${k.nodes} DOM nodes; median of ${k.keystrokes} keystrokes, interleaved; layout forced):`,
    '',
    '| update | ms per keystroke | DOM nodes touched |',
    '|---|---:|---:|',
    `| \`renderInto\` (keeps unchanged blocks) | ${k.incrementalMs.toFixed(2)} | ${k.incrementalNodes} |`,
    `| full re-render (\`renderHtml\` + \`innerHTML\`) | ${k.fullMs.toFixed(2)} | ${k.fullNodes} |`,
    '',
    `Both ended with the same HTML: ${k.sameHtml ? 'yes' : 'NO'}.`,
    '',
    `Streaming ${s.bytes.toLocaleString('en')} bytes in ${s.pieces.toLocaleString('en')} pieces of 20 bytes (createStream, append, end; best of 3): ` +
      `${s.streamedMs.toFixed(0)} ms, ${(s.streamedMs / s.oneRenderMs).toFixed(1)}× one renderInto of the whole text (${s.oneRenderMs.toFixed(0)} ms).`,
    '',
  ].join('\n');
}
