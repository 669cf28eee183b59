// The wasm module never leaves a trap behind: after a deliberate trap (the `trap-test` build,
// `make test-trap`), the next call gets a fresh instance and works, in Chromium and Firefox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../support/static-server.mjs';
import { chromiumLaunchOptions, firefoxDriver } from '../support/browsers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
assert.ok(existsSync(`${root}target/trap/pkg/quire.js`), 'the trap-test build is missing: run `make test-trap`');

const expected = {
  before: '<p><em>a</em></p>\n',
  trap: 'RuntimeError', // "unreachable" in Chromium, "unreachable executed" in Firefox
  after: '<p><em>b</em></p>\n',
  again: '<p><em>c</em></p>\n',
};

/** The trap's message varies by browser; its class does not. */
function check(results) {
  assert.deepEqual({ ...results, trap: results.trap?.split(':')[0] }, expected);
}

let server;
before(async () => {
  server = await startStaticServer(root);
});
after(async () => {
  await server?.close();
});

test('Chromium: the call after a trap works', async () => {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}tests/trap/page.html`);
    await page.waitForFunction(() => window.__results, null, { timeout: 20_000 });
    check(await page.evaluate(() => window.__results));
  } finally {
    await browser.close();
  }
});

test('Firefox: the call after a trap works', async () => {
  const driver = await firefoxDriver();
  try {
    await driver.get(`${server.url}tests/trap/page.html`);
    await driver.wait(async () => Boolean(await driver.executeScript(() => window.__results)), 20_000);
    check(await driver.executeScript(() => window.__results));
  } finally {
    await driver.quit();
  }
});
