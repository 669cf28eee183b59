// The proof that untrusted Markdown never runs script, in real browsers.
//
//   make build                  # www/pkg (the --target web package) must exist and be current
//   node --test tests/security/
//
// For each browser (headless Chromium through playwright-core, headless Firefox ESR through
// selenium-webdriver + geckodriver) it opens two pages served from the repository root:
//   page.html             the CSP quire's README recommends (no inline script, Trusted Types):
//                         anything that gets through and tries to run is reported by the CSP
//   page-permissive.html  inline script allowed: anything that gets through really runs and
//                         calls the trap
// and runs tests/security/corpus.mjs (and, when ../shared/data/xss/dompurify-vectors.json exists,
// DOMPurify's vectors as raw-HTML Markdown) through harness.js in five option sets, rendered at once
// and streamed in pieces split at drawn points (every intermediate state checked). It asserts zero
// executions, zero forbidden constructs, zero idempotence mismatches and zero render errors, and
// prints a summary per browser. A harness self-test first checks that the same detectors DO fire on
// rawHtml "trusted" output, so a green run means something.
//
// Environment: CHROMIUM (default /usr/bin/chromium), FIREFOX (default /usr/bin/firefox-esr),
// GECKODRIVER (default: geckodriver on PATH), QUIRE_SECURITY_BROWSERS=chromium,firefox (subset),
// QUIRE_XSS_VECTORS (another path for dompurify-vectors.json).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startStaticServer } from '../support/static-server.mjs';
import { chromiumLaunchOptions, firefoxDriver, newestSourceTime } from '../support/browsers.mjs';
import { CASES } from './corpus.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG_JS = path.join(ROOT, 'www', 'pkg', 'quire.js');
const PKG_WASM = path.join(ROOT, 'www', 'pkg', 'quire_full_bg.wasm');
const DOMPURIFY_VECTORS = process.env.QUIRE_XSS_VECTORS || path.resolve(ROOT, '..', 'shared', 'data', 'xss', 'dompurify-vectors.json');

/**
 * Cases that are known to fail and that the lead has decided to accept for now, as "case-id" or
 * "case-id@mode". Each entry needs a reason. A known failure is still printed on every run; it
 * only stops failing the test. Never add a case here to hide something that runs script.
 */
const KNOWN_FAILURES = new Map([
  // ['example-001@escape', 'reason, and the issue that tracks the fix'],
]);

const MODES = ['default', 'gfm', 'commonmark', 'strip', 'escape'];
const PAGES = [
  { file: 'page.html', label: 'strict CSP' },
  { file: 'page-permissive.html', label: 'inline script allowed' },
];
const RUN_TIMEOUT_MS = 120_000;
const TEST_OPTIONS = { timeout: 300_000 };
const BROWSERS = (process.env.QUIRE_SECURITY_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim());

// --- Preconditions ----------------------------------------------------------------------------

if (!existsSync(PKG_JS) || !existsSync(PKG_WASM)) {
  throw new Error(`www/pkg is missing (looked for ${PKG_JS}). Run \`make build\` at the repository root first.`);
}
if (!/export (function|const) sanitizeHtml\b/.test(readFileSync(PKG_JS, 'utf8'))) {
  throw new Error('www/pkg/quire.js has no sanitizeHtml export: the package is older than the source. Run `make build`.');
}

const STALE_PACKAGE = statSync(PKG_WASM).mtimeMs < newestSourceTime(ROOT);
if (STALE_PACKAGE) {
  console.warn('WARNING: www/pkg/quire_full_bg.wasm is older than src/: these results are for the old build. Run `make build`.');
}

// --- The extra suite: DOMPurify's vectors, when ../shared is there ------------------------------

function dompurifyCases() {
  if (!existsSync(DOMPURIFY_VECTORS)) return null;
  const vectors = JSON.parse(readFileSync(DOMPURIFY_VECTORS, 'utf8'));
  assert.ok(Array.isArray(vectors), 'dompurify-vectors.json is an array');
  const cases = [];
  vectors.forEach((vector, index) => {
    if (typeof vector?.payload !== 'string') return;
    const n = String(index + 1).padStart(3, '0');
    // As written (usually an HTML block), and inline inside a paragraph when it has no blank line.
    cases.push({ id: `dompurify-${n}`, category: 'dompurify', markdown: vector.payload, title: vector.title ?? null });
    if (!/\n\s*\n/.test(vector.payload)) {
      cases.push({ id: `dompurify-inline-${n}`, category: 'dompurify-inline', markdown: `Inline: ${vector.payload} end.`, title: vector.title ?? null });
    }
  });
  return cases;
}

// A handful of corpus cases whose payloads run when nothing sanitizes them, for the self-test (none
// relies on <script>/<iframe>/<style>, which GFM's tag filter may escape even in "trusted" mode).
const SELF_TEST_IDS = ['html-event-001', 'html-event-003', 'html-event-059', 'html-event-syntax-024', 'md-link-001', 'html-element-013'];

// --- Browser drivers: one tiny interface over playwright-core and selenium-webdriver ------------

async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(chromiumLaunchOptions());
  let context = null;
  let page = null;
  const dialogs = [];
  return {
    name: 'chromium',
    version: browser.version(),
    dialogs,
    async open(url) {
      await context?.close();
      context = await browser.newContext();
      // Nothing may leave the machine: only the test server is reachable.
      const origin = new URL(url).origin;
      await context.route('**/*', (route) => {
        const target = route.request().url();
        return target.startsWith('data:') || target.startsWith('blob:') || new URL(target).origin === origin
          ? route.continue()
          : route.abort('blockedbyclient');
      });
      page = await context.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        dialog.dismiss().catch(() => {});
      });
      await page.goto(url);
    },
    /** Runs `body` (a function body that may use `arg`) in the page and returns its value. */
    async evaluate(body, arg = null) {
      // eslint-disable-next-line no-new-func
      return page.evaluate(new Function('arg', body), arg);
    },
    async close() {
      await context?.close().catch(() => {});
      await browser.close();
    },
  };
}

async function launchFirefox() {
  // Quiet and offline: no updates, telemetry or prefetching.
  const driver = await firefoxDriver({
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.captive-portal-service.enabled': false,
  });
  const capabilities = await driver.getCapabilities();
  const dialogs = [];
  /** WebDriver refuses commands while a real dialog is open: record it, dismiss it, retry once. */
  const withDialogs = async (action) => {
    try {
      return await action();
    } catch (error) {
      if (error?.name !== 'UnexpectedAlertOpenError') throw error;
      dialogs.push(`dialog: ${error.message}`);
      try {
        await driver.switchTo().alert().dismiss();
      } catch {
        // already dismissed by the default prompt behaviour
      }
      return action();
    }
  };
  return {
    name: 'firefox',
    version: capabilities.get('browserVersion'),
    dialogs,
    async open(url) {
      await withDialogs(() => driver.get(url));
    },
    async evaluate(body, arg = null) {
      return withDialogs(() => driver.executeScript(`const arg = arguments[0];\n${body}`, arg));
    },
    async close() {
      await driver.quit();
    },
  };
}

// --- Running a suite on a page ------------------------------------------------------------------

/** Opens `pageFile`, runs `options` through the harness and returns the page's results. */
async function runSuite(browser, server, pageFile, options) {
  const url = `${server.url}tests/security/${pageFile}`;
  await browser.open(url);
  // A streamed run renders each case at several states: it is given twice the time.
  const deadline = Date.now() + (options.stream ? 2 : 1) * RUN_TIMEOUT_MS;
  while (!(await browser.evaluate('return Boolean(window.__quireSecurity && window.__quireSecurity.ready);'))) {
    if (Date.now() > deadline) throw new Error(`${browser.name}: ${pageFile} never became ready (did quire.js load?)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const started = Date.now();
  await browser.evaluate('window.__quireSecurity.start(arg); return true;', options);
  let progress = null;
  for (;;) {
    const state = JSON.parse(
      await browser.evaluate(
        'return JSON.stringify({ path: location.pathname, alive: Boolean(window.__quireSecurity), done: Boolean(window.__results && window.__results.done), progress: window.__quireProgress || null });',
      ),
    );
    if (!state.alive || !state.path.endsWith(pageFile)) {
      throw new Error(
        `${browser.name}: the page navigated away (now ${state.path}) while running batch ${JSON.stringify(progress)}: ` +
          'one of these cases made the page navigate, which is itself a failure.',
      );
    }
    progress = state.progress ?? progress;
    if (state.done) break;
    if (Date.now() > deadline) throw new Error(`${browser.name}: ${pageFile} did not finish in time (last batch ${JSON.stringify(progress)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const results = JSON.parse(await browser.evaluate('return JSON.stringify(window.__results);'));
  if (results.fatal) throw new Error(`${browser.name}: the harness failed: ${results.fatal}`);
  results.wallMs = Date.now() - started;
  return results;
}

const knownKey = (finding) =>
  KNOWN_FAILURES.has(`${finding.id}@${finding.mode}`) ? `${finding.id}@${finding.mode}` : KNOWN_FAILURES.has(finding.id) ? finding.id : null;

/** One readable block per distinct problem, with every mode it showed up in. */
function describeFindings(label, kindOfList, findings) {
  const groups = new Map();
  for (const f of findings) {
    const key = `${f.id}\u0000${f.kind}\u0000${f.detail ?? ''}`;
    if (!groups.has(key)) groups.set(key, { ...f, modes: [] });
    groups.get(key).modes.push(f.mode);
  }
  return [...groups.values()].map((f) => {
    const lines = [`✗ [${label}] ${kindOfList} · ${f.id}${f.category ? ` (${f.category})` : ''} · modes: ${f.modes.join(', ')}`];
    lines.push(`    ${f.kind}${f.detail ? `: ${f.detail}` : ''}`);
    if (f.element) lines.push(`    element:  ${f.element}`);
    lines.push(`    markdown: ${JSON.stringify(f.markdown)}`);
    if (f.html != null) lines.push(`    html:     ${JSON.stringify(f.html)}`);
    if (f.once != null) lines.push(`    sanitizeHtml(live):        ${JSON.stringify(f.once)}`, `    sanitizeHtml(that, again): ${JSON.stringify(f.twice)}`);
    if (f.browser != null) lines.push(`    browser reserialization:   ${JSON.stringify(f.browser)}`, `    after sanitizeHtml+reparse: ${JSON.stringify(f.again)}`);
    if (f.culprits?.length) lines.push(`    isolated to: ${f.culprits.map((c) => `${c.id}@${c.mode}`).join(', ')}`);
    const known = knownKey(f);
    if (known) lines.push(`    (known failure ${known}: ${KNOWN_FAILURES.get(known)})`);
    return lines.join('\n');
  });
}

/** Prints the summary and returns the failure report (empty when everything held). */
function report(browser, pageLabel, suite, results) {
  const label = `${browser.name} ${browser.version} · ${pageLabel} · ${suite}`;
  const executed = results.executions.filter((e) => !e.blocked);
  const blocked = results.executions.filter((e) => e.blocked);
  console.log(
    `[${label}] cases ${results.cases} × ${results.modes.length} modes = ${results.renders} renders${results.states ? ` (${results.states} streamed states)` : ''} in ${results.wallMs} ms · ` +
      `executions ${executed.length} (+${blocked.length} blocked by the CSP) · forbidden constructs ${results.forbidden.length} · ` +
      `idempotence mismatches ${results.mismatches.length} · render errors ${results.errors.length} · page globals changed ${results.globals.length} · ` +
      `real dialogs ${browser.dialogs.length} · advisories ${results.advisories.length}`,
  );
  if (results.advisories.length) {
    const distinct = new Set(results.advisories.map((a) => `${a.id}: ${a.detail}`));
    console.log(`[${label}] advisories (inert, not failures): ${[...distinct].slice(0, 8).join(' | ')}${distinct.size > 8 ? ' | …' : ''}`);
  }
  const failing = (list) => list.filter((f) => !knownKey(f));
  const problems = [
    ...describeFindings(label, 'EXECUTION', executed),
    ...describeFindings(label, 'EXECUTION (blocked by CSP)', blocked),
    ...describeFindings(label, 'FORBIDDEN', results.forbidden),
    ...describeFindings(label, 'IDEMPOTENCE', results.mismatches),
    ...describeFindings(label, 'ERROR', results.errors),
    ...results.globals.map((g) => `✗ [${label}] GLOBALS · batch ${g.batch} (${g.ids.join(', ')}): ${g.detail}`),
    ...browser.dialogs.map((d) => `✗ [${label}] REAL DIALOG · ${d}`),
  ];
  if (problems.length) console.log(problems.join('\n'));
  const failures =
    failing(results.executions).length + failing(results.forbidden).length + failing(results.mismatches).length +
    failing(results.errors).length + results.globals.length + browser.dialogs.length;
  browser.dialogs.length = 0;
  if (!failures) return '';
  // The full blocks are printed above; the assertion names each distinct problem once.
  const headlines = problems.map((block) => block.split('\n')[0]);
  return `${failures} failing finding(s), ${headlines.length} distinct (details printed above):\n${headlines.slice(0, 40).join('\n')}${headlines.length > 40 ? '\n…' : ''}`;
}

// --- Tests ----------------------------------------------------------------------------------------

test('the corpus: 300+ cases with unique, stable ids, each trap naming its own case', () => {
  assert.ok(CASES.length >= 300, `only ${CASES.length} cases`);
  const ids = new Set();
  for (const c of CASES) {
    assert.match(c.id, /^[a-z]+(-[a-z]+)*-\d{3}$/, `id ${c.id}`);
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    ids.add(c.id);
    assert.equal(typeof c.category, 'string');
    assert.equal(typeof c.markdown, 'string');
    for (const [, named] of c.markdown.matchAll(/__quireXss\(\/([^/]+)\/\)/g)) assert.equal(named, c.id, `${c.id} traps as ${named}`);
  }
  const counts = {};
  for (const c of CASES) counts[c.category] = (counts[c.category] ?? 0) + 1;
  console.log(`corpus: ${CASES.length} cases: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

const LAUNCHERS = { chromium: launchChromium, firefox: launchFirefox };

// The two browsers run side by side (each in its own process, with its own server).
describe('browsers', { concurrency: true }, () => {
for (const name of ['chromium', 'firefox']) {
  describe(`${name}`, { concurrency: 1, skip: BROWSERS.includes(name) ? false : `not in QUIRE_SECURITY_BROWSERS` }, () => {
    let server;
    let browser;
    let started;

    before(async () => {
      started = Date.now();
      server = await startStaticServer(ROOT);
      browser = await LAUNCHERS[name]();
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      if (started) console.log(`[${name}] total ${((Date.now() - started) / 1000).toFixed(1)} s (launch, every page and suite, shutdown)`);
    });

    test('self-test: the detectors fire on unsanitized (rawHtml "trusted") output', TEST_OPTIONS, async () => {
      const cases = CASES.filter((c) => SELF_TEST_IDS.includes(c.id));
      assert.equal(cases.length, SELF_TEST_IDS.length);
      for (const { file, label } of PAGES) {
        const results = await runSuite(browser, server, file, { suite: 'self-test', cases, modes: ['trusted'], batchSize: 2 });
        const ran = new Set(results.executions.filter((e) => !e.blocked).map((e) => e.id));
        const blocked = new Set(results.executions.filter((e) => e.blocked).map((e) => e.id));
        const flagged = new Set(results.forbidden.map((f) => f.id));
        const where = `${name} · ${label}`;
        for (const id of SELF_TEST_IDS) assert.ok(flagged.has(id), `${where}: ${id} was not flagged as a forbidden construct`);
        if (file === 'page.html') {
          // The CSP stops the inline handlers and javascript: URLs and says so.
          assert.ok(blocked.size >= 3, `${where}: the CSP reported only ${[...blocked]}`);
          assert.equal(ran.size, 0, `${where}: script ran despite the CSP: ${[...ran]}`);
        } else {
          for (const id of ['html-event-001', 'html-event-003', 'md-link-001']) assert.ok(ran.has(id), `${where}: ${id} should have run`);
        }
        browser.dialogs.length = 0;
      }
    });

    for (const { file, label } of PAGES) {
      test(`corpus on ${file} (${label}): nothing runs, nothing forbidden, idempotent`, TEST_OPTIONS, async () => {
        const results = await runSuite(browser, server, file, { suite: 'corpus', modes: MODES });
        assert.equal(results.cases, CASES.length);
        assert.equal(results.trustedTypesPolicyCaptured, true, 'the harness reached quire\'s Trusted Types policy');
        const failures = report(browser, label, 'corpus', results);
        assert.ok(!failures, `${name} on ${file}: ${failures}`);
      });
    }

    for (const { file, label } of PAGES) {
      test(`corpus streamed in pieces on ${file} (${label}): safe at every intermediate state, the end as one render`, TEST_OPTIONS, async () => {
        const results = await runSuite(browser, server, file, { suite: 'corpus-streamed', modes: MODES, stream: true });
        assert.equal(results.cases, CASES.length);
        const failures = report(browser, label, 'corpus, streamed', results);
        assert.ok(!failures, `${name} on ${file}, streamed: ${failures}`);
      });
    }

    for (const { file, label } of PAGES) {
      test(`DOMPurify vectors on ${file} (${label})`, TEST_OPTIONS, async (t) => {
        const cases = dompurifyCases();
        if (!cases) {
          t.skip(`${path.relative(ROOT, DOMPURIFY_VECTORS)} is not there: the extra suite is skipped`);
          return;
        }
        const results = await runSuite(browser, server, file, { suite: 'dompurify', cases, modes: MODES });
        const failures = report(browser, label, `DOMPurify vectors (${cases.length} cases)`, results);
        assert.ok(!failures, `${name} on ${file}: ${failures}`);
      });

      test(`DOMPurify vectors streamed in pieces on ${file} (${label})`, TEST_OPTIONS, async (t) => {
        const cases = dompurifyCases();
        if (!cases) {
          t.skip(`${path.relative(ROOT, DOMPURIFY_VECTORS)} is not there: the extra suite is skipped`);
          return;
        }
        const results = await runSuite(browser, server, file, { suite: 'dompurify-streamed', cases, modes: MODES, stream: true });
        const failures = report(browser, label, `DOMPurify vectors streamed (${cases.length} cases)`, results);
        assert.ok(!failures, `${name} on ${file}, streamed: ${failures}`);
      });
    }
  });
}
});

if (STALE_PACKAGE) {
  test('www/pkg is current', () => {
    assert.fail('www/pkg/quire_full_bg.wasm is older than src/: run `make build` and re-run these tests');
  });
}
