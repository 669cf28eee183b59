// The packed package in the apps of tests/package, installed from the tarball (make test-package):
// built with Vite and with webpack 5 (no plugin, no loader, no config), served by Vite's dev
// server, and as a plain page importing the installed modules by URL, each page is loaded in
// headless Chromium. The page's Markdown-only article is rendered by
// the core module alone (the full module is not fetched); raw HTML makes the package fetch the full
// module from the URL the bundler gave it; the golden fixtures render as in every other face; and a
// worker started by quire/in-worker, bundled by the bundler, renders too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { chromiumLaunchOptions } from '../support/browsers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixturesDir = path.join(here, '../fixtures');
const TEST_OPTIONS = { timeout: 180_000 };

/** A document whose raw HTML the core's fast path gives up on (an upper-case tag), so the full module must load. */
const RAW_HTML = '<B ONCLICK="window.__pwned = 1">raw</B> *x*';
const RAW_HTML_RENDERED = '<p><b>raw</b> <em>x</em></p>\n';

const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => {
    const file = (ext) => path.join(fixturesDir, f.replace(/\.md$/, ext));
    return { name: f, markdown: readFileSync(file('.md'), 'utf8'), options: JSON.parse(readFileSync(file('.json'), 'utf8')), html: readFileSync(file('.html'), 'utf8') };
  });

/** Which of the package's modules these bytes are: the app's installed copy is the tarball's. */
function moduleNamer(appDir) {
  const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
  const names = new Map(['core', 'full'].map((name) => [sha(readFileSync(path.join(appDir, `node_modules/quire/quire_${name}_bg.wasm`))), name]));
  return (bytes) => names.get(sha(bytes)) ?? 'not a quire module';
}

function build(app) {
  const dir = path.join(here, app);
  assert.ok(existsSync(path.join(dir, 'node_modules/quire/package.json')), `quire is not installed in ${app}: run \`make test-package\``);
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(`${app}: the build failed\n${error.stdout}\n${error.stderr}`);
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/** Vite's dev server for vite-app (dependencies optimized afresh), resolved once it listens. */
async function startViteDev() {
  const port = await freePort();
  const dir = path.join(here, 'vite-app');
  const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--force'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' }, // with CI set, Vite colours its output even into a pipe
  });
  let output = '';
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Vite's dev server did not start:\n${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk;
      if (output.replace(/\x1b\[[0-9;]*m/g, '').includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Vite's dev server exited (${code}):\n${output}`));
    });
  });
  // A server that never says it listens is stopped all the same, or it would keep the test running.
  await started.catch((error) => {
    child.kill('SIGTERM');
    throw error;
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')))),
  };
}

let browser;
const servers = [];
before(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
});
after(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

/**
 * Loads the app and checks it. `title`: the h1 of its Markdown-only article; `assetPath`: where
 * the full module must be fetched from (the URL the bundler gave it).
 */
async function checkApp(url, { app, title, assetPath }) {
  const moduleOf = moduleNamer(path.join(here, app));
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  const wasm = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (!pathname.endsWith('.wasm')) return;
    // A response whose body cannot be read any more (a worker's, once it is terminated) says so.
    wasm.push(
      response.body().then(
        (body) => ({ pathname, status: response.status(), type: response.headers()['content-type'], module: moduleOf(body) }),
        (error) => ({ pathname, module: `body not read: ${error.message}` }),
      ),
    );
  });
  /** The wasm responses so far, from the page or its workers. */
  const fetched = async () => Promise.all(wasm);
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-rendered], body[data-error]', { timeout: 60_000 });
    const loaded = await page.evaluate(() => ({
      rendered: document.body.dataset.rendered,
      error: document.body.dataset.error,
      h1: document.querySelector('#article header h1')?.textContent,
      author: document.querySelector('#article header .author')?.textContent,
      emphasis: document.querySelector('#article p em')?.textContent,
    }));
    assert.deepEqual(loaded, { rendered: 'core', error: undefined, h1: title, author: 'Ada', emphasis: 'Markdown-only' });
    const first = await fetched();
    assert.deepEqual(first.map((r) => r.module), ['core'], `a Markdown-only article fetches the core module alone: ${JSON.stringify(first)}`);

    const raw = await page.evaluate(async (markdown) => {
      const html = await window.quireApp.renderHtmlAsync(markdown, { bodyOnly: true });
      return { html, loaded: window.quireApp.sanitizerLoaded(), pwned: window.__pwned ?? 0 };
    }, RAW_HTML);
    assert.deepEqual(raw, { html: RAW_HTML_RENDERED, loaded: true, pwned: 0 });
    const second = await fetched();
    assert.deepEqual(second.map((r) => r.module), ['core', 'full'], JSON.stringify(second));
    for (const response of second) {
      assert.equal(response.status, 200, JSON.stringify(response));
      assert.equal(response.type, 'application/wasm', `${response.pathname} must be served as wasm, for streaming compilation`);
    }
    assert.match(second[1].pathname, assetPath, 'the full module comes from the URL the bundler gave it');

    const rendered = await page.evaluate(
      (cases) => Promise.all(cases.map(({ markdown, options }) => window.quireApp.renderHtmlAsync(markdown, options))),
      fixtures.map(({ markdown, options }) => ({ markdown, options })),
    );
    fixtures.forEach((fixture, i) => assert.equal(rendered[i], fixture.html, `${app}: ${fixture.name}`));

    const inWorker = await page.evaluate(async (markdown) => {
      const renderer = window.quireApp.createWorkerRenderer();
      try {
        const article = await renderer.renderArticle(`# From a worker\n\n${markdown}`);
        return { title: article.title, html: article.html };
      } finally {
        renderer.terminate();
      }
    }, RAW_HTML);
    assert.equal(inWorker.title, 'From a worker');
    assert.ok(inWorker.html.includes(RAW_HTML_RENDERED), inWorker.html);
    assert.deepEqual(problems, [], 'console errors');
  } finally {
    await context.close();
  }
}

test('Vite: the production build', TEST_OPTIONS, async () => {
  build('vite-app');
  const dist = path.join(here, 'vite-app/dist');
  const emitted = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.wasm')).sort();
  assert.deepEqual(emitted.map((f) => f.replace(/-[\w-]+\.wasm$/, '')), ['quire_core_bg', 'quire_full_bg'], 'each module emitted once');
  const server = await startStaticServer(dist);
  servers.push(server);
  await checkApp(server.url, { app: 'vite-app', title: 'Bundled with Vite', assetPath: /^\/assets\/quire_full_bg-[\w-]+\.wasm$/ });
});

test("Vite: the dev server", TEST_OPTIONS, async () => {
  const server = await startViteDev();
  servers.push(server);
  await checkApp(server.url, { app: 'vite-app', title: 'Bundled with Vite', assetPath: /^\/node_modules\/quire\/quire_full_bg\.wasm$/ });
});

test('webpack 5: the production build', TEST_OPTIONS, async () => {
  build('webpack-app');
  const emitted = readdirSync(path.join(here, 'webpack-app/dist')).filter((f) => f.endsWith('.wasm'));
  assert.equal(emitted.length, 2, `each module emitted once: ${emitted}`);
  const server = await startStaticServer(path.join(here, 'webpack-app'));
  servers.push(server);
  await checkApp(server.url, { app: 'webpack-app', title: 'Bundled with webpack', assetPath: /^\/dist\/[0-9a-f]{20}\.wasm$/ });
});

test('A plain page: the installed modules by relative URL, no bundler', TEST_OPTIONS, async () => {
  const server = await startStaticServer(path.join(here, 'plain-page'));
  servers.push(server);
  await checkApp(server.url, { app: 'plain-page', title: 'A plain page', assetPath: /^\/node_modules\/quire\/quire_full_bg\.wasm$/ });
});
