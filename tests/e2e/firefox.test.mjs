// The demo page in headless Firefox (through geckodriver: Playwright's Firefox needs its own
// build): the sample article renders under the page's CSP, and typing re-renders it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../support/static-server.mjs';
import { firefoxDriver } from '../support/browsers.mjs';
import { parityCases, renderWithBothModules } from './url-parity.mjs';
import { liveCases, liveChecks } from './live-preview.mjs';
import { assertLiveChecks } from './live-preview-assert.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
assert.ok(existsSync(`${root}www/pkg/quire.js`), 'www/pkg/quire.js is missing: run `make build` first');

let server;
let driver;

before(async () => {
  const { until, By } = await import('selenium-webdriver');
  driver = await firefoxDriver();
  server = await startStaticServer(`${root}www`);
  await driver.get(server.url);
  await driver.wait(until.elementLocated(By.css('body[data-ready="1"]')), 20_000);
});

after(async () => {
  await driver?.quit();
  await server?.close();
});

test('the sample article renders in Firefox', async () => {
  const state = await driver.executeScript(() => {
    const preview = document.getElementById('preview');
    return {
      title: preview.querySelector('header h1')?.textContent,
      metaTitle: document.getElementById('meta-title').textContent,
      figures: preview.querySelectorAll('figure img').length,
      tables: preview.querySelectorAll('table').length,
      code: preview.querySelectorAll('pre code[class^="language-"]').length,
      footnotes: preview.querySelectorAll('section.footnotes li').length,
      toc: preview.querySelectorAll('nav.toc a').length,
      status: document.getElementById('status').hidden,
    };
  });
  assert.equal(state.title, 'The Library That Went Back to Sea Level');
  assert.equal(state.metaTitle, state.title);
  assert.ok(state.figures >= 2, `figures: ${state.figures}`);
  assert.ok(state.tables >= 1 && state.code >= 1 && state.footnotes >= 1 && state.toc >= 3, JSON.stringify(state));
  assert.equal(state.status, true, 'no error shown');
});

test('typing in the editor re-renders in Firefox', async () => {
  const { By, until } = await import('selenium-webdriver');
  const editor = await driver.findElement(By.id('editor'));
  await editor.clear();
  await editor.sendKeys('# Typed in Firefox\n\nHello <img src=x onerror="window.__pwned=1"> *there*');
  await driver.wait(async () => (await driver.executeScript(() => document.getElementById('meta-title').textContent)) === 'Typed in Firefox', 10_000);
  const state = await driver.executeScript(() => ({
    em: document.querySelector('#preview em')?.textContent,
    onerror: document.querySelectorAll('#preview [onerror]').length,
    pwned: window.__pwned === 1,
    removed: [...document.querySelectorAll('#removed-list li')].map((li) => li.textContent),
    removedShown: !document.getElementById('removed').hidden,
  }));
  assert.deepEqual(state, { em: 'there', onerror: 0, pwned: false, removed: ['line 3: onerror on <img>'], removedShown: true });
  await driver.wait(until.elementLocated(By.css('#preview header h1')), 5_000);
});

test('both modules give the same Article in Firefox: URLs, raw HTML and front matter', async () => {
  const cases = parityCases();
  const result = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     (${renderWithBothModules})(arguments[0]).then(done, (error) => done({ error: String(error) }));`,
    cases,
  );
  assert.equal(result.error, undefined);
  assert.deepEqual(result.differ, [], `${result.differ.length} of ${result.compared} renders differ`);
  assert.ok(result.compared > cases.length / 2, `compared ${result.compared} of ${cases.length} (${result.refused} need the full module)`);
});

test('renderInto updates only the blocks that changed, and a stream commits blocks once and ends as one render, in Firefox', async () => {
  const result = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     (${liveChecks})(arguments[0]).then(done, (error) => done({ error: String(error && error.stack || error) }));`,
    liveCases(),
  );
  assert.equal(result.error, undefined);
  assertLiveChecks(result);
});

test('<quire-article> renders inline and fetched Markdown in Firefox, and renders again on change', async () => {
  const { until, By } = await import('selenium-webdriver');
  await driver.get(new URL('element.html', server.url).href);
  await driver.wait(until.elementLocated(By.css('#fetched header h1')), 20_000);
  const result = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    (async () => {
      const next = (element) => new Promise((resolve) => element.addEventListener('quire-render', (event) => resolve(event.detail), { once: true }));
      const inline = document.getElementById('inline');
      for (let i = 0; i < 200 && !inline.querySelector('h1'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      const first = {
        inline: inline.querySelector('h1')?.textContent,
        fetched: document.querySelector('#fetched header h1')?.textContent,
      };
      let rendered = next(inline);
      inline.textContent = '# Changed in Firefox\\n\\n<img src="x" onerror="window.__pwned = 1">';
      const changed = (await rendered).title;
      const h1 = inline.querySelector('h1')?.textContent;
      const shadow = document.createElement('quire-article');
      shadow.setAttribute('shadow', '');
      shadow.textContent = '# In the shadow';
      rendered = next(shadow);
      document.body.append(shadow);
      await rendered;
      return { first, changed, h1, onerror: inline.querySelectorAll('[onerror]').length, shadow: shadow.shadowRoot?.querySelector('h1')?.textContent, pwned: window.__pwned ?? 0 };
    })().then(done, (error) => done({ error: String(error) }));
  `);
  assert.deepEqual(result, {
    first: { inline: 'Written inline', fetched: 'The Library That Went Back to Sea Level' },
    changed: 'Changed in Firefox',
    h1: 'Changed in Firefox',
    onerror: 0,
    shadow: 'In the shadow',
    pwned: 0,
  });
});

test('rendering in a worker in Firefox', async () => {
  const { until, By } = await import('selenium-webdriver');
  await driver.get(new URL('worker.html', server.url).href);
  await driver.wait(until.elementLocated(By.css('body[data-rendered]')), 20_000);
  const state = await driver.executeScript(() => ({
    rendered: document.body.dataset.rendered,
    title: document.querySelector('#article header h1')?.textContent,
    status: document.getElementById('worker-status').textContent,
  }));
  assert.equal(state.rendered, '1', state.status);
  assert.equal(state.title, 'The Library That Went Back to Sea Level');
});
