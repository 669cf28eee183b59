// `node bench/run.mjs` — quire side by side with marked + DOMPurify, markdown-it + DOMPurify and
// markdown-wasm, in headless Chromium (Playwright) and headless Firefox (WebDriver/geckodriver).
//
// It serves the repository root on 127.0.0.1 (bench/serve.mjs), drives bench/index.html and
// bench/cold.html, computes transfer sizes in Node, and writes bench/results.json,
// bench/results.md and bench/chart.svg; the Markdown tables are printed to stdout too.
//
// Options: --browsers=chromium,firefox (the default; Firefox is skipped with a note when it cannot
//          be started), --rounds=N cold-start measurements per contender and browser (default 5),
//          --page-load-rounds=N time-to-article rounds (default 5; 0 leaves them out).
// Environment: CHROMIUM (default /usr/bin/chromium), FIREFOX (default /usr/bin/firefox-esr),
//              GECKODRIVER (default: geckodriver from PATH).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { serve } from './serve.mjs';
import { chromiumLaunchOptions, firefoxDriver, newestSourceTime } from '../tests/support/browsers.mjs';
import { renderChart } from './chart.mjs';
import { renderMarkdown } from './report.mjs';
import { measurePageLoad, measurePageLoadFirefox } from './page-load.mjs';
import { measureLivePreview } from './live-preview.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const started = Date.now();

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
    return [key, value];
  }),
);
const BROWSERS = (args.browsers ?? 'chromium,firefox').split(',').filter(Boolean);
const ROUNDS = Number(args.rounds ?? 5);

const log = (...parts) => console.error(`[bench ${((Date.now() - started) / 1e3).toFixed(0).padStart(3)}s]`, ...parts);

// ---- preconditions and facts about the run ----------------------------------------------------

const WASM = path.join(ROOT, 'www/pkg/quire_full_bg.wasm');
if (!existsSync(WASM)) {
  console.error('bench: www/pkg/quire_full_bg.wasm is missing; run `make build` first.');
  process.exit(1);
}

function packageVersion(name) {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}


function gitHead() {
  try {
    return execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}


// ---- transfer sizes (Node, zlib) ---------------------------------------------------------------

function compressed(file) {
  const bytes = readFileSync(path.join(ROOT, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

function sum(files) {
  const parts = files.map(compressed);
  const total = (key) => parts.reduce((n, p) => n + p[key], 0);
  return { files: parts, raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') };
}

function quireGlue() {
  const snippets = path.join(ROOT, 'www/pkg/snippets');
  const found = ['www/pkg/quire.js', 'www/pkg/quire_core.js'];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) found.push(path.relative(ROOT, full));
    }
  };
  if (existsSync(snippets)) walk(snippets);
  return found;
}

const NM = 'node_modules';
const SIZES = {
  // What a page downloads for Markdown and common raw HTML; the full module comes on top.
  quire: { wasm: sum(['www/pkg/quire_core_bg.wasm']), js: sum(quireGlue()) },
  'quire-sanitizer': { wasm: sum(['www/pkg/quire_full_bg.wasm']), js: sum(['www/pkg/quire_full.js']) },
  marked: { wasm: null, js: sum([`${NM}/marked/lib/marked.umd.js`, `${NM}/dompurify/dist/purify.min.js`]) },
  'markdown-it': {
    wasm: null,
    js: sum([`${NM}/markdown-it/dist/browser/markdown-it.umd.min.js`, `${NM}/dompurify/dist/purify.min.js`]),
  },
  'markdown-wasm': { wasm: sum([`${NM}/markdown-wasm/dist/markdown.wasm`]), js: sum([`${NM}/markdown-wasm/dist/markdown.js`]) },
};

// ---- one browser, driven the same way whatever the driver --------------------------------------

/**
 * A driver offers `open(path)` → page handle with `call(fn, ...args)` (runs in the page and awaits
 * it), `fresh(path)` → the same in a brand-new browser context (for cold starts), and `close()`.
 */
async function runBrowser(driver, base) {
  const result = { browser: driver.name, version: driver.version, throughput: [], cold: [], memory: [], errors: [] };

  // Throughput: one page, every document × contender, smallest documents first.
  const page = await driver.open(`${base}bench/`);
  const info = await page.call(() => window.bench.describe());
  result.crossOriginIsolated = info.crossOriginIsolated;
  result.userAgent = info.userAgent;
  result.quireVersion = info.quireVersion;
  result.loadAverageBefore = os.loadavg();
  const ids = info.contenders.map((c) => c.id);
  for (const doc of info.docs) {
    const measured = await page.call((d, c) => window.bench.throughput(d, c), doc.id, ids);
    result.throughput.push(...measured);
    log(
      `${driver.name}: ${doc.id.padEnd(12)}`,
      measured.map((r) => `${r.contender} ${r.mbps.median.toFixed(1)} MB/s (${r.runs} runs)`).join(', '),
    );
  }
  await page.close();

  // Cold start: a fresh context per measurement, contenders interleaved round by round.
  const coldContenders = driver.coldContenders ?? info.contenders.map((c) => c.id);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const id of coldContenders) {
      const probe = await driver.fresh(`${base}bench/cold.html`);
      try {
        await probe.waitFor(() => window.coldReady === true);
        result.cold.push(await probe.call((c) => window.coldStart(c), id));
      } finally {
        await probe.close();
      }
    }
    log(`${driver.name}: cold start round ${round + 1}/${ROUNDS} done`);
  }

  // Memory: a freshly loaded page per wasm contender, one render of the 5 MB document.
  for (const contender of info.contenders.filter((c) => c.id === 'quire' || c.id === 'markdown-wasm')) {
    const probe = await driver.open(`${base}bench/`);
    result.memory.push(await probe.call((c) => window.bench.memory(c), contender.id));
    await probe.close();
  }
  result.loadAverageAfter = os.loadavg();
  return { info, result };
}

// ---- Chromium through Playwright ------------------------------------------------------------------

async function chromiumDriver() {
  const { chromium } = await import('playwright-core');
  // --expose-gc lets the page collect garbage between measurements.
  const browser = await chromium.launch(chromiumLaunchOptions(['--js-flags=--expose-gc']));
  const errors = [];
  const wrap = async (context, url) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    return {
      call: (fn, ...rest) => page.evaluate(`(${fn.toString()})(...${JSON.stringify(rest)})`),
      waitFor: (fn) => page.waitForFunction(fn),
      close: () => page.close(),
    };
  };
  const main = await browser.newContext();
  return {
    name: 'Chromium',
    version: browser.version(),
    errors,
    open: (url) => wrap(main, url),
    async fresh(url) {
      const context = await browser.newContext();
      const handle = await wrap(context, url);
      return { ...handle, close: () => context.close() };
    },
    quit: () => browser.close(),
  };
}

// ---- Firefox through selenium-webdriver + geckodriver -------------------------------------------

async function firefoxSession() {
  const session = async () => {
    const driver = await firefoxDriver();
    await driver.manage().setTimeouts({ script: 300_000, pageLoad: 60_000 });
    return driver;
  };
  const wrap = (driver, quit) => ({
    call: (fn, ...rest) =>
      driver.executeScript(`return (${fn.toString()})(...arguments)`, ...rest),
    waitFor: (fn) => driver.wait(() => driver.executeScript(`return (${fn.toString()})()`), 30_000),
    close: quit,
  });

  const main = await session();
  const capabilities = await main.getCapabilities();
  return {
    name: 'Firefox',
    version: capabilities.get('browserVersion'),
    // A fresh Firefox session (new profile, new processes) costs several seconds, so the cold start
    // is measured for the two wasm contenders only.
    coldContenders: ['quire', 'markdown-wasm'],
    async open(url) {
      await main.get(url); // a new document: a fresh module instance
      return wrap(main, async () => {});
    },
    async fresh(url) {
      const driver = await session();
      await driver.get(url);
      return wrap(driver, () => driver.quit());
    },
    quit: () => main.quit(),
  };
}

// ---- main ---------------------------------------------------------------------------------------

const [load1] = os.loadavg();
if (load1 > os.cpus().length / 2) {
  log(`warning: load average ${load1.toFixed(2)} on ${os.cpus().length} cores; other work will slow and scatter the numbers`);
}
const server = await serve(ROOT);
log(`serving ${ROOT} on ${server.url}`);
const runs = [];
const skipped = [];
let describeInfo = null;
try {
  for (const name of BROWSERS) {
    let driver;
    try {
      driver = name === 'firefox' ? await firefoxSession() : await chromiumDriver();
    } catch (error) {
      log(`${name}: could not start (${error.message.split('\n')[0]}); skipped`);
      skipped.push({ browser: name, reason: error.message.split('\n')[0] });
      continue;
    }
    try {
      log(`${driver.name} ${driver.version}`);
      const { info, result } = await runBrowser(driver, server.url);
      result.errors = driver.errors ?? [];
      describeInfo ??= info;
      runs.push(result);
    } catch (error) {
      log(`${name}: failed: ${error.stack}`);
      skipped.push({ browser: name, reason: `failed: ${error.message.split('\n')[0]}` });
    } finally {
      await driver.quit().catch(() => {});
    }
  }
} finally {
  await server.close();
}

if (!runs.length) {
  console.error('bench: no browser could be run');
  process.exit(1);
}

const wasmStat = statSync(WASM);
// Hostile input: cmark's pathological cases and deep nesting at n and 4n, timed natively by the
// `scaling` example (the same pipeline as the wasm build); its stdout is a Markdown table.
// At 1 MiB (4 MiB for the 4× run) the ratios are past the cache effects that make some cases read
// 4.5–7 at 256 KiB.
const PATHOLOGICAL_BYTES = 1048576;
log(`pathological inputs: cargo run --release --example scaling (n = ${PATHOLOGICAL_BYTES} bytes)`);
const pathological = {
  bytes: PATHOLOGICAL_BYTES,
  table: execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'scaling', '--', String(PATHOLOGICAL_BYTES), '20000'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim(),
};

// Native render cost beside pulldown-cmark's bare parse + push_html with the same extensions: the
// pipeline's own cost. Instruction counts (valgrind) where valgrind is installed, which this
// shared machine's noise does not touch; times from the `throughput` example, interleaved.
log('native: quire beside pulldown-cmark (examples/throughput.rs, bench/instructions.sh)');
const nativeDocs = ['news-brief', 'long-read', 'front-matter', 'html-article'].map((id) => `bench/corpus/${id}.md`);
const native = {
  times: execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'throughput', '--', '300', ...nativeDocs], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim(),
  instructions: hasValgrind()
    ? execFileSync(path.join(HERE, 'instructions.sh'), nativeDocs, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
    : null,
};

// Streaming natively: a 200 KB text in 20-byte pieces beside one render and beside re-rendering
// everything per piece (examples/streaming.rs).
log('native: streaming (examples/streaming.rs)');
native.streaming = execFileSync(
  'cargo',
  ['run', '--quiet', '--release', '--example', 'streaming', '--', '200000', '20', 'bench/corpus/long-read.md'],
  { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
).trim();

// Live preview (a keystroke, renderInto against a full re-render) and streaming, in Chromium.
const livePreview = BROWSERS.includes('chromium') ? await measureLivePreview({ log }) : null;

// Time to article: cold page loads under mobile conditions and unthrottled (bench/page-load.mjs).
const PAGE_LOAD_ROUNDS = Number(args['page-load-rounds'] ?? 5);
const pageLoad = PAGE_LOAD_ROUNDS > 0 ? await measurePageLoad({ rounds: PAGE_LOAD_ROUNDS, log }) : null;
if (pageLoad) pageLoad.samples = undefined; // the medians are kept; the raw samples would double the file
const pageLoadFirefox =
  PAGE_LOAD_ROUNDS > 0 && BROWSERS.includes('firefox') ? await measurePageLoadFirefox({ rounds: PAGE_LOAD_ROUNDS, log }) : null;

const results = {
  date: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1e3),
  machine: {
    cpu: os.cpus()[0].model,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  },
  quire: {
    version: describeInfo.quireVersion,
    commit: gitHead(),
    wasmBuilt: wasmStat.mtime.toISOString(),
    wasmOlderThanSources: newestSourceTime(ROOT) > wasmStat.mtimeMs,
  },
  packages: Object.fromEntries(
    ['marked', 'markdown-it', 'dompurify', 'markdown-wasm', 'md4w', 'commonmark-spec', 'playwright-core', 'selenium-webdriver'].map(
      (name) => [name, packageVersion(name)],
    ),
  ),
  browsers: runs.map((r) => ({ name: r.browser, version: r.version, userAgent: r.userAgent })),
  skipped,
  method: {
    throughput:
      'MB/s = 10^6 bytes of UTF-8 Markdown input per second. Each contender first renders the long-read for 1 s (JIT and wasm tier-up). Per document: each contender warmed up, then timed samples ' +
      'taken in turn (interleaved), small documents batched to >= 25 ms per sample, until each contender has >= 5 samples ' +
      'and >= 1 s of timed rendering (5 MB document: 3 samples); median with min–max over samples. Chromium collects ' +
      'garbage before each sample of the 1.25 and 5 MB documents.',
    coldStart:
      'fresh browser context (new profile/process, empty cache; the server sends no-store): fetch of the JS and wasm, ' +
      'compile, instantiate and first render of the news brief; median of the rounds.',
    sizes: 'files as served; gzip level 9 and brotli quality 11 (Node zlib), each file compressed on its own.',
    memory: 'wasm linear memory (bytes) on a freshly loaded page, before and after one render of the 5 MB document.',
    scaling: 'median time(5 MB) / median time(1.25 MB); the input ratio is exactly 4 (copies of the same document).',
  },
  docs: describeInfo.docs,
  contenders: describeInfo.contenders,
  plan: describeInfo.plan,
  sizes: SIZES,
  runs,
  pathological,
  native,
  livePreview,
  pageLoad,
  pageLoadFirefox,
};

writeFileSync(path.join(HERE, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const markdown = renderMarkdown(results);
writeFileSync(path.join(HERE, 'results.md'), markdown);
writeFileSync(path.join(HERE, 'chart.svg'), renderChart(results));
console.log(markdown);
log(`wrote bench/results.json, bench/results.md, bench/chart.svg in ${results.durationSeconds} s`);

function hasValgrind() {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
