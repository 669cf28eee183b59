// The package's JS API in plain Node (dist/quire, tests/node/package.mjs): real Errors that leave the
// module working, plain-object Articles, and the wasm read from a directory given as wasmUrl.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir, quire } from './package.mjs';

test('init reads the wasm from the directory given as wasmUrl (a file: URL in Node), and can be retried', async () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'quire-wasm-'));
  await assert.rejects(quire.init({ wasmUrl: pathToFileURL(empty) }), { code: 'ENOENT' });
  const copies = mkdtempSync(path.join(tmpdir(), 'quire-wasm-'));
  for (const name of ['quire_core_bg.wasm', 'quire_full_bg.wasm']) copyFileSync(new URL(name, packageDir), path.join(copies, name));
  await quire.init({ sanitizer: 'eager', wasmUrl: pathToFileURL(copies) });
  assert.equal(quire.sanitizerLoaded(), true);
  assert.equal(quire.renderHtml('<B>raw</B>', { bodyOnly: true }), '<p><b>raw</b></p>\n');
  assert.equal(quire.version(), JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8')).version);
});

test('errors are Error objects and the module keeps working', () => {
  for (const [args, needle] of [
    [[42], 'got number'],
    [[undefined], 'got undefined'],
    [['x', { rawHtml: 'maybe' }], 'sanitize'],
    [['x', 'gfm'], 'must be an object'],
    [['x'.repeat(20), { maxInputBytes: 10 }], 'maxInputBytes'],
  ]) {
    assert.throws(() => quire.renderHtml(...args), (e) => e instanceof Error && e.message.includes(needle));
    assert.equal(quire.renderHtml('*ok*', { bodyOnly: true }), '<p><em>ok</em></p>\n');
  }
});

test('renderArticle returns a plain object', () => {
  const article = quire.renderArticle('---\ntags: [x]\n---\n# T\n\nBy Ann\n\n## A\n\nWords here.', { headingAnchors: false });
  assert.equal(Object.getPrototypeOf(article), Object.prototype);
  assert.equal(article.title, 'T');
  assert.equal(article.author, 'Ann');
  assert.deepEqual(article.tags, ['x']);
  assert.deepEqual(article.toc, [{ level: 2, id: 'user-content-a', text: 'A' }]);
  assert.equal(article.wordCount, 3);
  assert.equal(article.excerpt, 'Words here.');
  assert.ok(article.html.startsWith('<article>\n<header>\n<h1>T</h1>'));
});
