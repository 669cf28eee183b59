// Time to article: how long a reader waits, from navigation to the sanitized article in the page,
// on a cold cache, for each contender and document (bench/page-load/: one page per contender,
// written from the table below with the preloads its library needs, and pages.js, which fetches the
// article and renders it). Served
// brotli-compressed (quality 11) as a CDN would, wasm as application/wasm (streaming compilation),
// in headless Chromium under Lighthouse's mobile conditions (Slow 4G: 150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up, through the DevTools protocol; CPU slowed 4×) and unthrottled. Every load is
// a fresh browser context; contenders are interleaved within each round; median of the rounds.
//
// `node bench/page-load.mjs [--rounds=N]` prints the tables; `bench/run.mjs` (make bench) runs it
// too and puts the results in bench/results.{json,md}. Firefox (through geckodriver: Playwright
// cannot drive Debian's Firefox) is measured unthrottled only, since WebDriver offers no network or
// CPU throttling, with its HTTP cache off instead of a fresh profile per load.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, firefoxDriver } from '../tests/support/browsers.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NM = '/node_modules';
const PURIFY = `${NM}/dompurify/dist/purify.min.js`;

/** Each contender, with what its page preloads: ES modules, classic scripts and wasm. */
export const PAGE_LOAD_CONTENDERS = [
  {
    id: 'quire',
    label: 'quire (init + renderIntoAsync)',
    preload: { modules: ['/www/pkg/quire.js', '/www/pkg/quire_core.js'], wasm: ['/www/pkg/quire_core_bg.wasm'] },
  },
  { id: 'marked', label: 'marked + DOMPurify', preload: { scripts: [`${NM}/marked/lib/marked.umd.js`, PURIFY] } },
  {
    id: 'markdown-it',
    label: 'markdown-it + DOMPurify',
    preload: { scripts: [`${NM}/markdown-it/dist/browser/markdown-it.umd.min.js`, PURIFY] },
  },
  {
    id: 'markdown-wasm',
    label: 'markdown-wasm + DOMPurify',
    preload: { scripts: [`${NM}/markdown-wasm/dist/markdown.js`, PURIFY], wasm: [`${NM}/markdown-wasm/dist/markdown.wasm`] },
  },
  {
    id: 'md4w',
    label: 'md4w (small) + Element.setHTML',
    preload: { modules: [`${NM}/md4w/js/md4w.js`], wasm: [`${NM}/md4w/js/md4w-small.wasm`] },
  },
];

/** Where the contenders' pages are written (generated, not committed). */
const PAGES_DIR = path.join(ROOT, 'bench/page-load/pages');

/** A contender's page: its preloads, then pages.js, which does the rest. */
function pageHtml({ id, preload }) {
  const links = [
    ...(preload.modules ?? []).map((href) => `<link rel="modulepreload" href="${href}">`),
    ...(preload.scripts ?? []).map((href) => `<link rel="preload" href="${href}" as="script">`),
    ...(preload.wasm ?? []).map((href) => `<link rel="preload" href="${href}" as="fetch" type="application/wasm" crossorigin>`),
  ];
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>time to article: ${id}</title>
  ${links.join('\n  ')}
  <script type="module" src="../pages.js"></script>
</head>
<body>
  <article></article>
</body>
</html>
`;
}

function writePages() {
  mkdirSync(PAGES_DIR, { recursive: true });
  for (const contender of PAGE_LOAD_CONTENDERS) writeFileSync(path.join(PAGES_DIR, `${contender.id}.html`), pageHtml(contender));
}

export const PAGE_LOAD_DOCS = [
  { id: 'news-brief', label: 'news brief (Markdown only)', url: '/bench/corpus/news-brief.md' },
  { id: 'long-read', label: 'long-read (Markdown only)', url: '/bench/corpus/long-read.md' },
  { id: 'front-matter', label: 'article with front matter', url: '/bench/corpus/front-matter.md' },
  { id: 'html-article', label: 'raw-HTML article', url: '/bench/corpus/html-article.md' },
  { id: 'spec', label: 'CommonMark spec (205 KB)', url: '/node_modules/commonmark-spec/spec.txt' },
];

export const CONDITIONS = [
  {
    id: 'mobile',
    label: 'Slow 4G, CPU 4× slower',
    network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
    cpuRate: 4,
  },
  { id: 'unthrottled', label: 'unthrottled', network: null, cpuRate: 1 },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One cold load: the time to article and the bytes fetched (library, document, page). */
async function loadOnce(browser, base, condition, doc, contender) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map();
    const bytes = { library: 0, document: 0, page: 0 };
    const requests = [];
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) => {
      const url = new URL(urls.get(event.requestId) ?? base);
      const kind = url.pathname === doc.url ? 'document' : url.pathname.startsWith('/bench/page-load/') ? 'page' : 'library';
      bytes[kind] += event.encodedDataLength;
      if (kind === 'library') requests.push(url.pathname);
    });
    if (condition.network) await cdp.send('Network.emulateNetworkConditions', condition.network);
    if (condition.cpuRate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpuRate });
    const query = new URLSearchParams({ contender: contender.id, doc: doc.url });
    await page.goto(`${base}bench/page-load/pages/${contender.id}.html?${query}`);
    const ready = await (await page.waitForFunction(() => window.articleReady, null, { timeout: 120_000 })).jsonValue();
    if (ready.error) throw new Error(`${contender.id} on ${doc.id}: ${ready.error}`);
    if (!(ready.chars > 100)) throw new Error(`${contender.id} on ${doc.id}: the article is empty`);
    // Let the last responses finish reporting their sizes.
    await page.waitForTimeout(50);
    return { ms: ready.ms, chars: ready.chars, bytes, requests };
  } finally {
    await context.close();
  }
}

/** Runs every condition × round × document × contender; returns the samples and their medians. */
export async function measurePageLoad({ rounds = 5, log = console.log } = {}) {
  writePages();
  const server = await startStaticServer(ROOT, { brotli: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const samples = [];
  try {
    // One load first, not counted: a new browser's first page pays for starting its processes.
    await loadOnce(browser, server.url, CONDITIONS[1], PAGE_LOAD_DOCS[0], PAGE_LOAD_CONTENDERS[0]);
    for (const condition of CONDITIONS) {
      for (let round = 0; round < rounds; round++) {
        for (const doc of PAGE_LOAD_DOCS) {
          for (const contender of PAGE_LOAD_CONTENDERS) {
            const sample = await loadOnce(browser, server.url, condition, doc, contender);
            samples.push({ condition: condition.id, round, doc: doc.id, contender: contender.id, ...sample });
          }
        }
        log(`page load: ${condition.id} round ${round + 1}/${rounds} done`);
      }
    }
    const version = browser.version();
    const medians = [];
    for (const condition of CONDITIONS) {
      for (const doc of PAGE_LOAD_DOCS) {
        for (const contender of PAGE_LOAD_CONTENDERS) {
          const mine = samples.filter((s) => s.condition === condition.id && s.doc === doc.id && s.contender === contender.id);
          medians.push({
            condition: condition.id,
            doc: doc.id,
            contender: contender.id,
            ms: median(mine.map((s) => s.ms)),
            libraryBytes: median(mine.map((s) => s.bytes.library)),
            requests: mine[0].requests,
          });
        }
      }
    }
    return { browser: `Chromium ${version}`, rounds, conditions: CONDITIONS, docs: PAGE_LOAD_DOCS, contenders: PAGE_LOAD_CONTENDERS, medians, samples };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The medians of each condition × document × contender. */
function mediansOf(samples, conditions) {
  const medians = [];
  for (const condition of conditions) {
    for (const doc of PAGE_LOAD_DOCS) {
      for (const contender of PAGE_LOAD_CONTENDERS) {
        const mine = samples.filter((s) => s.condition === condition.id && s.doc === doc.id && s.contender === contender.id);
        medians.push({ condition: condition.id, doc: doc.id, contender: contender.id, ms: median(mine.map((s) => s.ms)) });
      }
    }
  }
  return medians;
}

/** The same loads in headless Firefox, unthrottled: no fresh context per load there, so the HTTP
 *  cache (and the wasm code cache it holds) is turned off, and every load starts from about:blank. */
export async function measurePageLoadFirefox({ rounds = 5, log = console.log } = {}) {
  writePages();
  const server = await startStaticServer(ROOT, { brotli: true });
  const driver = await firefoxDriver({
    'browser.cache.disk.enable': false,
    'browser.cache.memory.enable': false,
    // Firefox offers brotli only over https unless told; a CDN would serve it.
    'network.http.accept-encoding': 'gzip, deflate, br',
  });
  const condition = { id: 'unthrottled', label: 'unthrottled, no network or CPU emulation', network: null, cpuRate: 1 };
  const samples = [];
  try {
    const loadOnceFirefox = async (doc, contender) => {
      await driver.get('about:blank');
      const query = new URLSearchParams({ contender: contender.id, doc: doc.url });
      await driver.get(`${server.url}bench/page-load/pages/${contender.id}.html?${query}`);
      const ready = await driver.wait(() => driver.executeScript(() => window.articleReady ?? null), 120_000);
      if (ready.error) throw new Error(`Firefox: ${contender.id} on ${doc.id}: ${ready.error}`);
      if (!(ready.chars > 100)) throw new Error(`Firefox: ${contender.id} on ${doc.id}: the article is empty`);
      return { ms: ready.ms };
    };
    await loadOnceFirefox(PAGE_LOAD_DOCS[0], PAGE_LOAD_CONTENDERS[0]); // warms up the browser, not counted
    for (let round = 0; round < rounds; round++) {
      for (const doc of PAGE_LOAD_DOCS) {
        for (const contender of PAGE_LOAD_CONTENDERS) {
          const sample = await loadOnceFirefox(doc, contender);
          samples.push({ condition: condition.id, round, doc: doc.id, contender: contender.id, ...sample });
        }
      }
      log(`page load: Firefox round ${round + 1}/${rounds} done`);
    }
    const capabilities = await driver.getCapabilities();
    const version = capabilities.get('browserVersion');
    const conditions = [condition];
    return { browser: `Firefox ${version}`, rounds, conditions, docs: PAGE_LOAD_DOCS, contenders: PAGE_LOAD_CONTENDERS, medians: mediansOf(samples, conditions) };
  } finally {
    await driver.quit();
    await server.close();
  }
}

/** The tables: time to article per condition (with quire over the best peer), and bytes fetched
 *  (where the browser reports them). */
export function renderPageLoad(results) {
  const lines = [];
  const cell = (condition, doc, contender) =>
    results.medians.find((m) => m.condition === condition && m.doc === doc && m.contender === contender);
  const peers = results.contenders.filter((c) => c.id !== 'quire');
  for (const condition of results.conditions) {
    lines.push(`### Time to article, ${condition.label} (${results.browser}, median of ${results.rounds}, ms)`, '');
    lines.push(`| document | ${results.contenders.map((c) => c.label).join(' | ')} | quire ÷ best peer |`);
    lines.push(`|---|${results.contenders.map(() => '---:').join('|')}|---:|`);
    for (const doc of results.docs) {
      const times = results.contenders.map((c) => cell(condition.id, doc.id, c.id).ms);
      const best = Math.min(...peers.map((c) => cell(condition.id, doc.id, c.id).ms));
      lines.push(`| ${doc.label} | ${times.map((t) => Math.round(t).toLocaleString('en')).join(' | ')} | ${(times[0] / best).toFixed(2)}× |`);
    }
    lines.push('');
  }
  if (results.medians.some((m) => m.libraryBytes === undefined)) return lines.join('\n');
  lines.push('### Bytes fetched before the article shows (library: JS + wasm, brotli, as transferred; KB = 1000 bytes)', '');
  lines.push(`| document | ${results.contenders.map((c) => c.label).join(' | ')} |`);
  lines.push(`|---|${results.contenders.map(() => '---:').join('|')}|`);
  for (const doc of results.docs) {
    const sizes = results.contenders.map((c) => (cell('unthrottled', doc.id, c.id).libraryBytes / 1000).toFixed(1));
    lines.push(`| ${doc.label} | ${sizes.join(' | ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rounds = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.split('=')[1] ?? 5);
  const log = (...args) => console.error(...args);
  console.log(renderPageLoad(await measurePageLoad({ rounds, log })));
  if (!process.argv.includes('--no-firefox')) console.log(renderPageLoad(await measurePageLoadFirefox({ rounds, log })));
}
