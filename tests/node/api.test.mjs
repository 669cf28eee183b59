// The bundler build (`make bundler`, wasm-pack --target bundler) loaded the way bundlers load it:
// Node's ES module integration for WebAssembly (--experimental-wasm-modules). It must give the
// golden HTML of tests/fixtures, like the native and web builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
assert.ok(existsSync(`${root}pkg/quire.js`), 'pkg/quire.js is missing: run `make bundler` first');
const quire = await import(`${root}pkg/quire.js`);

test('fixtures give the golden HTML through the bundler build', () => {
  const dir = `${root}tests/fixtures/`;
  const names = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
  assert.ok(names.length >= 6);
  for (const name of names) {
    const options = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8'));
    const html = quire.renderHtml(readFileSync(`${dir}${name}.md`, 'utf8'), options);
    assert.equal(html, readFileSync(`${dir}${name}.html`, 'utf8'), name);
  }
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
