// The benchmark page's logic: the corpus, the timing loop and the per-document measurements.
// bench/run.mjs drives it through `window.bench` in headless Chromium and Firefox; opened by
// hand (node bench/serve.mjs, then /bench/), the page runs the throughput part and shows a table.
import { CONTENDERS, byId, unsafeConstructs } from './contenders.js';

const now = () => performance.now();
const encoder = new TextEncoder();
const utf8Bytes = (text) => encoder.encode(text).length;

async function getText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

// ---- corpus ---------------------------------------------------------------------------------

/** Target size of the smaller scaling document; the larger one is exactly four times as many copies. */
const SCALE_BYTES = 1.25e6;

/**
 * The documents, read at run time: three articles written for this benchmark, the CommonMark
 * spec as published in the `commonmark-spec` package, and the long-read repeated to ~1.25 MB and
 * to exactly four times that (~5 MB) for the scaling measurement.
 */
export async function loadCorpus() {
  const [brief, longRead, htmlArticle, spec] = await Promise.all([
    getText('/bench/corpus/news-brief.md'),
    getText('/bench/corpus/long-read.md'),
    getText('/bench/corpus/html-article.md'),
    getText('/node_modules/commonmark-spec/spec.txt'),
  ]);
  const unit = longRead.replace(/\n*$/, '\n\n');
  const copies = Math.max(1, Math.round(SCALE_BYTES / utf8Bytes(unit)));
  const docs = [
    { id: 'news-brief', label: 'news brief', kind: 'small', text: brief },
    { id: 'long-read', label: 'long-read', kind: 'small', text: longRead },
    { id: 'html-article', label: 'raw-HTML article', kind: 'small', text: htmlArticle },
    { id: 'spec', label: 'CommonMark spec', kind: 'small', text: spec },
    { id: 'scale-1', label: `long-read ×${copies}`, kind: 'large', copies, text: unit.repeat(copies) },
    { id: 'scale-4', label: `long-read ×${4 * copies}`, kind: 'huge', copies: 4 * copies, text: unit.repeat(4 * copies) },
  ];
  for (const doc of docs) doc.bytes = utf8Bytes(doc.text);
  return docs;
}

// ---- timing ---------------------------------------------------------------------------------

/**
 * How long to measure, by document kind (see measureInterleaved). `gcEachSample` collects garbage
 * before each sample of the big documents, where one render is one sample. The 5 MB document has no
 * warm-up of its own: it is measured last, after the same text at 1.25 MB.
 */
export const PLAN = {
  small: { warmupMs: 400, warmupRuns: 3, sampleMs: 25, minSamples: 5, minTimeMs: 1000, maxTimeMs: 3000, gcEachSample: false },
  large: { warmupMs: 150, warmupRuns: 2, sampleMs: 0, minSamples: 5, minTimeMs: 1000, maxTimeMs: 4000, gcEachSample: true },
  huge: { warmupMs: 0, warmupRuns: 0, sampleMs: 0, minSamples: 3, minTimeMs: 0, maxTimeMs: 4000, gcEachSample: true },
};

let sink = 0; // keeps every output observably used

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
// Only where the browser exposes it (Chromium with --js-flags=--expose-gc): collecting before a
// sample keeps one contender's garbage from being collected on another contender's clock.
const collect = () => globalThis.gc?.();

/** Warm-up: lets the JIT (or the wasm tier-up) settle and estimates the time of one render. */
function warmUp(render, text, plan) {
  if (plan.warmupRuns === 0 && plan.warmupMs === 0) return { output: '', warmRuns: 0, reps: 1 };
  let output = '';
  let runs = 0;
  const t0 = now();
  do {
    output = render(text);
    sink += output.length;
    runs += 1;
  } while (runs < plan.warmupRuns || now() - t0 < plan.warmupMs);
  const perRun = (now() - t0) / runs;
  return { output, warmRuns: runs, reps: Math.max(1, Math.ceil(plan.sampleMs / Math.max(perRun, 1e-3))) };
}

/**
 * Time several contenders on one text, interleaved: one sample of each in turn, round after round,
 * so that anything else happening on the machine falls on all of them alike. A sample is `reps`
 * renders in a row (small documents are batched so that a sample is far above the timer's
 * resolution) and its time is the batch time divided by `reps`. Each contender is sampled until it
 * has `minSamples` samples and `minTimeMs` of timed rendering (or `maxTimeMs`, a guard).
 */
export async function measureInterleaved(renders, text, plan) {
  const states = [];
  for (const render of renders) {
    collect();
    states.push({ render, ...warmUp(render, text, plan), samples: [], timed: 0, done: false });
  }
  while (states.some((s) => !s.done)) {
    for (const s of states) {
      if (s.done) continue;
      if (plan.gcEachSample) collect();
      const t0 = now();
      for (let i = 0; i < s.reps; i += 1) {
        s.output = s.render(text);
        sink += s.output.length;
      }
      const t = now() - t0;
      s.samples.push(t / s.reps);
      s.timed += t;
      const n = s.samples.length;
      s.done = (n >= plan.minSamples && s.timed >= plan.minTimeMs) || (n >= 3 && s.timed >= plan.maxTimeMs);
    }
    await settle();
  }
  for (const s of states) s.samples.sort((a, b) => a - b);
  return states;
}

// ---- the page's API -------------------------------------------------------------------------

const corpusPromise = loadCorpus();
const loaded = new Map();

/** Renders the long-read for this long when a contender is first used, so every engine has tiered up. */
const PREWARM_MS = 1000;

function contender(id) {
  if (!loaded.has(id)) {
    loaded.set(id, byId(id).load().then(async (contender) => {
      await contender.prepare?.();
      return contender;
    }));
  }
  return loaded.get(id);
}

async function prewarmed(id) {
  const c = await contender(id);
  if (!c.prewarmed) {
    const { text } = await doc('long-read');
    const t0 = now();
    while (now() - t0 < PREWARM_MS) sink += c.render(text).length;
    c.prewarmed = true;
  }
  return c;
}

async function doc(id) {
  const found = (await corpusPromise).find((d) => d.id === id);
  if (!found) throw new Error(`unknown document ${id}`);
  return found;
}

/** Throughput of the given contenders on one document, measured interleaved. */
async function throughput(docId, contenderIds) {
  const d = await doc(docId);
  const loadedContenders = [];
  for (const id of contenderIds) loadedContenders.push(await prewarmed(id));
  await settle(20);
  const states = await measureInterleaved(
    loadedContenders.map((c) => c.render),
    d.text,
    PLAN[d.kind],
  );
  const mb = d.bytes / 1e6;
  return states.map(({ output, reps, samples, warmRuns }, i) => {
    const med = median(samples);
    return {
      doc: d.id,
      contender: contenderIds[i],
      bytes: d.bytes,
      warmRuns,
      reps,
      samples: samples.length,
      runs: samples.length * reps,
      ms: { median: med, min: samples[0], max: samples[samples.length - 1] },
      mbps: { median: mb / (med / 1e3), min: mb / (samples[samples.length - 1] / 1e3), max: mb / (samples[0] / 1e3) },
      outputChars: output.length,
      unsafe: unsafeConstructs(output),
    };
  });
}

/**
 * Memory of a wasm contender, to be called first thing on a freshly loaded page: the size of its
 * linear memory after loading, and after rendering the largest document once.
 */
async function memory(contenderId) {
  const [d, c] = await Promise.all([doc('scale-4'), contender(contenderId)]);
  if (!c.memoryBytes) return { contender: contenderId, before: null, after: null };
  const before = c.memoryBytes();
  const t0 = now();
  sink += c.render(d.text).length;
  const renderMs = now() - t0;
  return { contender: contenderId, doc: d.id, docBytes: d.bytes, before, after: c.memoryBytes(), renderMs };
}

async function describe() {
  const docs = await corpusPromise;
  return {
    docs: docs.map(({ id, label, kind, bytes, copies }) => ({ id, label, kind, bytes, copies: copies ?? null })),
    contenders: CONTENDERS.map(({ id, label, safe, how }) => ({ id, label, safe, how })),
    plan: PLAN,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    quireVersion: (await contender('quire')).version,
  };
}

window.bench = { describe, throughput, memory, sink: () => sink };

// ---- by hand: a run button and a table --------------------------------------------------------

const button = document.getElementById('run');
const status = document.getElementById('status');
const table = document.getElementById('results');

async function runByHand() {
  button.disabled = true;
  const { docs, contenders } = await describe();
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const text of ['document', ...contenders.map((c) => c.label + (c.safe ? '' : ' (unsafe: no sanitizing)'))]) {
    head.append(Object.assign(document.createElement('th'), { textContent: text }));
  }
  const body = table.createTBody();
  for (const d of docs) {
    const row = body.insertRow();
    row.insertCell().textContent = `${d.label} (${(d.bytes / 1e3).toFixed(1)} KB)`;
    status.textContent = `measuring ${d.label}…`;
    for (const r of await throughput(d.id, contenders.map((c) => c.id))) {
      row.insertCell().textContent = `${r.mbps.median.toFixed(1)} MB/s`;
    }
  }
  status.textContent = 'done (MB/s of Markdown input, median; cold start, sizes and memory: node bench/run.mjs)';
  button.disabled = false;
}

if (button) {
  button.disabled = false;
  button.addEventListener('click', () => runByHand().catch((e) => (status.textContent = String(e))));
  status.textContent = `ready (${globalThis.crossOriginIsolated ? 'cross-origin isolated: fine timer' : 'not isolated: coarse timer'})`;
}
