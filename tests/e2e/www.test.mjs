// End-to-end test of the demo page in www/, driven through headless Chromium.
//
//   make build            # puts the wasm-pack output in www/pkg/
//   node --test tests/e2e/
//
// Each test opens the page in a fresh browser context under the page's own CSP
// (Trusted Types included) and fails on console errors or policy violations.
// CHROMIUM overrides the browser binary (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startStaticServer } from '../support/static-server.mjs';
import { chromiumLaunchOptions } from '../support/browsers.mjs';
import { parityCases, renderWithBothModules } from './url-parity.mjs';
import { liveCases, liveChecks } from './live-preview.mjs';
import { assertLiveChecks } from './live-preview-assert.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WWW = path.join(ROOT, 'www');
const PKG_ENTRY = path.join(WWW, 'pkg', 'quire.js');

if (!existsSync(PKG_ENTRY)) {
  throw new Error(
    `www/pkg/quire.js is missing (looked in ${PKG_ENTRY}).\n` +
      'Build the WebAssembly package first: run `make build` at the repository root, then re-run `node --test tests/e2e/`.',
  );
}

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  throw new Error(`playwright-core is not installed (${error.message}). Run \`npm ci\` at the repository root.`);
}

const CRATE_VERSION = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];

const LAUNCH_OPTIONS = chromiumLaunchOptions();

const TEST_OPTIONS = { timeout: 90_000 };

let browser;
let server;

before(async () => {
  server = await startStaticServer(WWW);
  browser = await chromium.launch(LAUNCH_OPTIONS);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Runs in the page before any of its scripts: records CSP / Trusted Types
// violations and any use of the dialog functions, and sets the flag that the
// hostile payloads try to flip.
function instrumentPage() {
  window.__violations = [];
  window.__dialogs = [];
  window.__pwned = 0;
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      window.__violations.push({
        directive: event.effectiveDirective || event.violatedDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      });
    },
    true,
  );
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => {
      window.__dialogs.push([name, ...args.map(String)]);
      return null;
    };
  }
}

/** Opens the demo page (or another page of www/) and waits until it is ready. */
async function openPage(pathname = '/', ready = 'body[data-ready="1"]', contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  // Nothing may leave this machine: only the test server is reachable, which
  // also keeps clicks on external links (they open new tabs) offline.
  const origin = new URL(server.url).origin;
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = { console: [], page: [], http: [], dialogs: [] };
  // The page opens external links in a new tab. Close such tabs at once: a
  // tab left in front would pause rendering and input in the page under test.
  context.on('page', (popup) => {
    popup.close().catch(() => {});
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.console.push(msg.text());
  });
  page.on('pageerror', (error) => problems.page.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.http.push(`${response.status()} ${response.url()}`);
  });
  // Real browser dialogs should never appear (the init script replaces them),
  // but dismiss and record them in case something slips past it.
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.addInitScript(instrumentPage);
  await page.goto(new URL(pathname, server.url).href);
  await page.waitForSelector(ready);
  return { context, page, problems };
}

/** A fresh context on an empty page of the test server: the wrapper is imported by hand there. */
async function openBlankPage() {
  const context = await browser.newContext();
  const blank = new URL('/blank.html', server.url).href;
  await context.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  const page = await context.newPage();
  await page.goto(blank);
  return { context, page, blank };
}

async function renderCount(page) {
  return Number(await page.evaluate(() => document.body.dataset.renders ?? 0));
}

/** Runs `action`, then waits until the page has attempted another render. */
async function afterRender(page, action) {
  const before = await renderCount(page);
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.renders ?? 0) > n, before);
}

async function setMarkdown(page, markdown) {
  await afterRender(page, () => page.fill('#editor', markdown));
  // The render counted may be one that typing scheduled before the fill: wait for this text's.
  await page.waitForFunction((chars) => document.body.dataset.renderedChars === chars, String(markdown.length));
}

async function choose(page, selector, value) {
  await afterRender(page, () => page.selectOption(selector, value));
}

async function assertNoViolations(page, problems, { ignoreFailedLoads = false } = {}) {
  const state = await page.evaluate(() => ({
    violations: window.__violations,
    dialogs: window.__dialogs,
    pwned: window.__pwned,
  }));
  const consoleErrors = ignoreFailedLoads
    ? problems.console.filter((text) => !/^Failed to load resource/.test(text))
    : problems.console;
  assert.deepEqual(state.violations, [], 'CSP / Trusted Types violations were reported');
  assert.deepEqual(consoleErrors, [], 'console errors were logged');
  assert.deepEqual(problems.page, [], 'uncaught page errors');
  assert.deepEqual(state.dialogs, [], 'alert/confirm/prompt/print were called');
  assert.deepEqual(problems.dialogs, [], 'a real dialog was opened');
  assert.equal(state.pwned, 0, 'a hostile payload ran');
}

test('the sample article renders with every feature it uses', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    const markdown = readFileSync(path.join(WWW, 'article.md'), 'utf8');
    assert.equal(await page.inputValue('#editor'), markdown, 'the editor holds www/article.md');

    // Images may be lazy: bring each into view, then wait for all of them.
    await page.evaluate(() => {
      for (const img of document.querySelectorAll('#preview img')) img.scrollIntoView();
    });
    await page.waitForFunction(() => [...document.querySelectorAll('#preview img')].every((img) => img.complete));
    await page.evaluate(() => document.getElementById('preview-scroll').scrollTo(0, 0));
    const facts = await page.evaluate(() => {
      const preview = document.getElementById('preview');
      const all = (selector) => [...preview.querySelectorAll(selector)];
      return {
        h1: all('h1').map((h) => h.textContent.trim()),
        h2Ids: all('h2').map((h) => h.id),
        tables: all('table').length,
        theadCells: all('table thead th').length,
        alignedCells: all('th, td').filter((c) => /text-align/.test(c.getAttribute('style') ?? '') || c.hasAttribute('align'))
          .length,
        figures: all('figure').length,
        figcaptions: all('figure > figcaption').map((c) => c.textContent.trim()),
        images: all('img').map((img) => ({ src: img.getAttribute('src'), alt: img.alt, loaded: img.complete && img.naturalWidth > 0 })),
        codeBlocks: all('pre > code').map((c) => c.className),
        // Footnotes and quote captions in either shape: GitHub's (section.footnotes,
        // figure.quote) or pulldown-cmark's plus the page's own attribution class.
        footnoteRefs: all('.footnote-ref a, .footnote-reference a').map((a) => a.getAttribute('href')),
        footnoteDefs: all('section.footnotes li[id], .footnote-definition[id]').map((d) => d.id),
        quote: preview.querySelector('figure.quote > figcaption, blockquote .attribution')?.textContent.trim() ?? null,
        byline: preview.querySelector('.byline')?.textContent.trim() ?? null,
        checkboxes: all('input[type="checkbox"]').map((i) => ({ disabled: i.disabled, checked: i.checked })),
        strike: all('del, s').length,
        external: all('a[href^="https:"]').map((a) => a.getAttribute('rel') ?? ''),
        inPage: all('a[href^="#"]').length,
        title: document.getElementById('meta-title').textContent.trim(),
        renderTime: document.getElementById('render-time').textContent.trim(),
        status: document.getElementById('status').hidden,
        version: document.getElementById('version').textContent.trim(),
      };
    });

    assert.deepEqual(facts.h1, ['The Library That Went Back to Sea Level']);
    assert.equal(facts.title, facts.h1[0], '#meta-title shows the article title');
    assert.ok(facts.h2Ids.length >= 4 && facts.h2Ids.every((id) => id.startsWith('user-content-')), `h2 ids: ${facts.h2Ids}`);
    assert.ok(facts.tables >= 1 && facts.theadCells >= 3, 'a table with a header row');
    assert.ok(facts.alignedCells > 0, 'aligned table cells carry their alignment');
    assert.ok(facts.figures >= 2 && facts.figcaptions.every(Boolean), 'figures with captions');
    assert.ok(facts.images.length >= 2, 'images');
    for (const img of facts.images) {
      assert.ok(img.alt, `image ${img.src} keeps its alt text`);
      assert.ok(img.loaded, `image ${img.src} loaded`);
    }
    assert.ok(facts.codeBlocks.includes('language-python'), `code blocks: ${facts.codeBlocks}`);
    assert.ok(facts.footnoteRefs.length >= 3, 'footnote references');
    assert.equal(facts.footnoteDefs.length, 3, 'three footnote definitions');
    for (const href of facts.footnoteRefs) {
      assert.ok(facts.footnoteDefs.includes(href.slice(1)), `footnote link ${href} has a target`);
    }
    assert.match(facts.quote ?? '', /Hana Birkby/, 'the quote attribution line is recognised');
    assert.match(facts.byline ?? '', /^By Maren Oduya/, 'the byline is recognised');
    assert.ok(facts.checkboxes.length >= 4 && facts.checkboxes.every((c) => c.disabled), 'task list checkboxes, disabled');
    assert.ok(facts.checkboxes.some((c) => c.checked) && facts.checkboxes.some((c) => !c.checked), 'done and open tasks');
    assert.ok(facts.strike >= 1, 'strikethrough');
    assert.ok(facts.external.length >= 2, 'external links');
    for (const rel of facts.external) {
      for (const token of ['noopener', 'noreferrer', 'nofollow', 'ugc']) assert.ok(rel.split(/\s+/).includes(token), `rel="${rel}" has ${token}`);
    }
    assert.ok(facts.inPage >= 1, 'an in-page link');
    assert.match(facts.renderTime, /^\d+(\.\d+)? ms$/, '#render-time shows milliseconds');
    assert.equal(facts.status, true, 'no error is shown');
    if (CRATE_VERSION) assert.equal(facts.version, `v${CRATE_VERSION}`, 'the header shows version()');

    // The author's "#the-numbers" link reaches the prefixed heading id.
    await page.click('#preview p a[href$="the-numbers"]');
    await page.waitForFunction(() => {
      const target = document.getElementById('user-content-the-numbers');
      const box = document.getElementById('preview-scroll').getBoundingClientRect();
      const top = target?.getBoundingClientRect().top ?? -1;
      return top >= box.top - 1 && top < box.top + 120;
    });

    assert.deepEqual(problems.http, [], 'every request succeeded');
    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('typing in the editor updates the preview', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.focus('#editor');
    await page.evaluate(() => {
      const editor = document.getElementById('editor');
      editor.setSelectionRange(editor.value.length, editor.value.length);
    });
    await page.keyboard.type('\n\n## Typed by the test\n\nWith *feeling*.\n');
    const heading = page.locator('#preview h2', { hasText: 'Typed by the test' });
    await heading.waitFor();
    assert.equal(await heading.getAttribute('id'), 'user-content-typed-by-the-test');
    assert.equal(await page.locator('#preview em', { hasText: 'feeling' }).count(), 1);

    // Replacing everything replaces the preview and the title metadata too.
    await setMarkdown(page, '# A different story\n\nShort.');
    assert.equal(await page.locator('#preview h1').innerText(), 'A different story');
    assert.equal((await page.textContent('#meta-title')).trim(), 'A different story');
    assert.equal(await page.locator('#preview table').count(), 0);

    await setMarkdown(page, 'No heading at all.');
    assert.equal(await page.locator('#preview h1').count(), 0);
    assert.notEqual((await page.textContent('#meta-title')).trim(), 'A different story', 'a stale title is cleared');

    // Reset brings the sample back.
    await afterRender(page, () => page.click('#reset'));
    assert.equal(await page.locator('#preview h1').innerText(), 'The Library That Went Back to Sea Level');

    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

// Each line tries a different way to get script to run. A correct page shows
// them as harmless text or drops them; none may execute.
const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<script src="data:text/javascript,window.__pwned=1"></script>',
  '<img src=x onerror="window.__pwned=1">',
  '<img src="x" onerror=alert(1) onload=alert(2)>',
  '<svg onload="window.__pwned=1"><circle r="5"/></svg>',
  '<svg><script>window.__pwned=1</script></svg>',
  '<svg><a xlink:href="javascript:window.__pwned=1"><text y="20">svg link</text></a></svg>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<iframe src="javascript:parent.__pwned=1"></iframe>',
  '<object data="javascript:window.__pwned=1"></object>',
  '<embed src="javascript:window.__pwned=1">',
  '<a href="javascript:window.__pwned=1">raw js link</a>',
  '<a href="jav&#x09;ascript:window.__pwned=1">tab-split js link</a>',
  '<a href=" &#14; javascript:window.__pwned=1">padded js link</a>',
  '<a href="JaVaScRiPt:window.__pwned=1">mixed case link</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
  '<a href="vbscript:msgbox(1)">vbscript link</a>',
  '<div onmouseover="window.__pwned=1">hover me</div>',
  '<p onclick="window.__pwned=1">click me</p>',
  '<details open ontoggle="window.__pwned=1"><summary>toggle</summary>x</details>',
  '<input autofocus onfocus="window.__pwned=1">',
  '<select autofocus onfocus="window.__pwned=1"><option>o</option></select>',
  '<textarea autofocus onfocus="window.__pwned=1"></textarea>',
  '<form action="javascript:window.__pwned=1"><button>send</button></form>',
  '<button formaction="javascript:window.__pwned=1">formaction</button>',
  '<video><source onerror="window.__pwned=1"></video>',
  '<audio src=x onerror="window.__pwned=1"></audio>',
  '<body onload="window.__pwned=1">',
  '<marquee onstart="window.__pwned=1">marquee</marquee>',
  '<style>@import "javascript:window.__pwned=1"; * { color: red }</style>',
  '<link rel="stylesheet" href="javascript:window.__pwned=1">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
  '<base href="javascript:window.__pwned=1//">',
  '<p style="background:url(javascript:window.__pwned=1)">styled</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1"></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript>',
  '<svg></p><style><a id="</style><img src=x onerror=window.__pwned=1>">',
  '<template><img src=x onerror="window.__pwned=1"></template>',
  '<img src="javascript:window.__pwned=1">',
  '[markdown js link](javascript:window.__pwned=1)',
  '[spaced js link]( javascript:window.__pwned=1 )',
  '[entity js link](javascript&#58;window.__pwned=1)',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![markdown js image](javascript:window.__pwned=1)',
  '<javascript:window.__pwned=1>',
  '[reference js link][evil]\n\n[evil]: javascript:window.__pwned=1',
  '[title attr](https://example.invalid/ "\\" onmouseover=\\"window.__pwned=1")',
  '<a id="status" name="preview">clobber</a><form id="editor"></form>',
  '```html\n<script>window.__pwned=1</script>\n```',
  '`<img src=x onerror=window.__pwned=1>`',
];

const BANNED_ELEMENTS = 'script, iframe, frame, frameset, object, embed, applet, svg, math, style, link, meta, base, form, button, select, textarea, noscript, template';
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background', 'lowsrc', 'dynsrc', 'srcset'];

/** Clicks, hovers and focuses everything in #preview, then reports what it finds. */
async function pokeAndInspect(page) {
  // Real pointer movement across the preview, for anything hover-triggered.
  await page.bringToFront();
  const box = await page.locator('#preview').boundingBox();
  if (box) {
    for (let y = box.y + 5; y < box.y + Math.min(box.height, 900); y += 40) {
      await page.mouse.move(box.x + box.width / 2, y);
      await page.mouse.move(box.x + 20, y);
    }
  }
  const found = await page.evaluate(
    async ({ banned, urlAttributes }) => {
      const preview = document.getElementById('preview');
      const startUrl = location.href.split('#')[0];
      for (const el of [...preview.querySelectorAll('*')]) {
        for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'mousedown', 'mouseup']) {
          el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
        }
        el.dispatchEvent(new AnimationEvent('animationstart', { bubbles: true }));
        el.dispatchEvent(new Event('toggle'));
        if (typeof el.focus === 'function') el.focus();
        if (typeof el.click === 'function') el.click();
        el.blur?.();
      }
      // Let failed image loads, toggles and any navigation attempts settle.
      await new Promise((resolve) => setTimeout(resolve, 400));

      const normalise = (value) => value.replace(/[\u0000-\u0020\u007f-\u00a0]+/g, '').toLowerCase();
      const elements = [...preview.querySelectorAll('*')];
      const handlers = [];
      const scriptUrls = [];
      for (const el of elements) {
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) handlers.push(`<${el.localName} ${attr.name}>`);
          if (urlAttributes.includes(attr.name.toLowerCase())) {
            const value = normalise(attr.value);
            if (/^(javascript|vbscript|data):/.test(value) || attr.name === 'srcdoc') {
              scriptUrls.push(`<${el.localName} ${attr.name}="${attr.value}">`);
            }
          }
        }
      }
      return {
        handlers,
        scriptUrls,
        banned: [...preview.querySelectorAll(banned)].map((el) => el.localName),
        inputs: [...preview.querySelectorAll('input')].map((el) => `${el.type}:${el.disabled}`),
        sameDocument: location.href.split('#')[0] === startUrl,
        textLength: preview.textContent.length,
        foreignIds: [...preview.querySelectorAll('[id]')].map((el) => el.id).filter((id) => !id.startsWith('user-content-')),
        ownStatus: document.querySelectorAll('#status, #preview, #editor').length === 3,
      };
    },
    { banned: BANNED_ELEMENTS, urlAttributes: URL_ATTRIBUTES },
  );
  await page.bringToFront();
  return found;
}

test('hostile input typed into the editor never runs', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    // A few payloads through real keystrokes, the rest pasted in one go.
    await page.fill('#editor', '');
    await afterRender(page, () => page.keyboard.type('x'));
    await page.focus('#editor');
    const typed = HOSTILE.filter((p) => /^(<script>|<img src=x |\[markdown js link\])/.test(p));
    assert.equal(typed.length, 3);
    await page.keyboard.type(`${typed.join('\n\n')}\n`);
    await page.waitForFunction(() => document.getElementById('preview').textContent.includes('markdown js link'));

    const document_ = HOSTILE.join('\n\n');
    const modes = [
      ['article', 'sanitize'],
      ['article', 'escape'],
      ['article', 'strip'],
      ['gfm', 'sanitize'],
      ['commonmark', 'sanitize'],
    ];
    for (const [preset, rawHtml] of modes) {
      await choose(page, '#preset', preset);
      await choose(page, '#raw-html', rawHtml);
      await setMarkdown(page, document_);
      assert.equal(await page.isHidden('#status'), true, `${preset}/${rawHtml}: rendered without an error`);
      const found = await pokeAndInspect(page);
      const label = `${preset}/${rawHtml}`;
      assert.deepEqual(found.handlers, [], `${label}: event handler attributes survived`);
      assert.deepEqual(found.scriptUrls, [], `${label}: script-capable URLs survived`);
      assert.deepEqual(found.banned, [], `${label}: dangerous elements survived`);
      assert.ok(found.inputs.every((v) => v === 'checkbox:true'), `${label}: only disabled checkboxes, got ${found.inputs}`);
      assert.equal(found.sameDocument, true, `${label}: the page navigated away`);
      assert.ok(found.textLength > 0, `${label}: something was rendered`);
      assert.deepEqual(found.foreignIds, [], `${label}: ids in user content must carry the prefix`);
      assert.equal(found.ownStatus, true, `${label}: page ids were duplicated by user content`);
      await assertNoViolations(page, problems, { ignoreFailedLoads: true });
    }
  } finally {
    await context.close();
  }
});

test('the JS API throws real Errors for bad input and keeps working', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    const results = await page.evaluate(async () => {
      const quire = await import('/pkg/quire.js');
      await quire.default(); // already initialised by the page: must be a no-op
      const attempts = {
        number: () => quire.renderHtml(42),
        null: () => quire.renderHtml(null),
        undefined: () => quire.renderHtml(),
        unknownKey: () => quire.renderHtml('x', { nope: 1 }),
        badPreset: () => quire.renderHtml('x', { preset: 'bogus' }),
        badRawHtml: () => quire.renderHtml('x', { rawHtml: 'yolo' }),
        tooLarge: () => quire.renderHtml('x'.repeat(100), { maxInputBytes: 10 }),
        articleTooLarge: () => quire.renderArticle('y'.repeat(100), { maxInputBytes: 10 }),
        intoBadMarkdown: () => quire.renderInto(document.createElement('div'), 7),
      };
      const baseline = quire.renderHtml('*ok*');
      const out = {};
      for (const [name, attempt] of Object.entries(attempts)) {
        let thrown = null;
        try {
          attempt();
        } catch (error) {
          thrown = error;
        }
        out[name] = {
          threw: thrown !== null,
          isError: thrown instanceof Error,
          message: thrown instanceof Error ? thrown.message : String(thrown),
          after: quire.renderHtml('*ok*'),
        };
      }
      const article = quire.renderArticle('# Hello *there*\n\nBody.');
      const target = document.createElement('div');
      const into = quire.renderInto(target, '# Into\n\n<b>bold</b>');
      return {
        out,
        baseline,
        spec: quire.renderHtml('*ok*', { preset: 'commonmark' }),
        version: quire.version(),
        article: { title: article.title, html: article.html, type: typeof article },
        noTitle: quire.renderArticle('just text').title,
        into: { title: into?.title ?? null, html: target.innerHTML },
        escaped: quire.renderHtml('<b>x</b>', { rawHtml: 'escape' }),
        limitOk: quire.renderHtml('*ok*', { maxInputBytes: 10 }),
      };
    });

    for (const [name, result] of Object.entries(results.out)) {
      assert.equal(result.threw, true, `${name}: should throw`);
      assert.equal(result.isError, true, `${name}: should throw an Error, got ${result.message}`);
      assert.ok(result.message.trim().length > 0, `${name}: the message is empty`);
      assert.equal(result.after, results.baseline, `${name}: the next call still works`);
    }
    assert.ok(results.baseline.includes('<p><em>ok</em></p>'), results.baseline);
    assert.equal(results.spec.trimEnd(), '<p><em>ok</em></p>');
    assert.match(results.out.unknownKey.message, /nope/, 'the unknown option is named');
    assert.match(results.out.badPreset.message, /article/, 'the valid presets are listed');

    if (CRATE_VERSION) assert.equal(results.version, CRATE_VERSION);
    assert.equal(results.article.type, 'object');
    assert.equal(results.article.title, 'Hello there');
    assert.match(results.article.html, /<h1[^>]*>Hello (<em>)?there(<\/em>)?<\/h1>/);
    assert.equal(results.noTitle, null, 'no heading, no title');
    assert.equal(results.into.title, 'Into');
    assert.match(results.into.html, /<h1[^>]*>Into<\/h1>/);
    assert.match(results.into.html, /<b>bold<\/b>/);
    assert.match(results.escaped, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.equal(results.limitOk, results.baseline, 'input under the limit renders');

    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('the full module loads only for raw HTML the fast path gives up on (or front matter, or pasted text), and both modules give the same HTML', TEST_OPTIONS, async () => {
  const { context, page, blank } = await openBlankPage();
  try {
    const result = await page.evaluate(async () => {
      // Resource entries are queued after a response ends: wait for the wasm files expected.
      const fetched = async (wasmFiles) => {
        const names = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
        for (let i = 0; i < 100 && names().filter((name) => name.endsWith('.wasm')).length < wasmFiles; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return names();
      };
      const quire = await import('/pkg/quire.js');
      await quire.default();
      const markdown = '# Title\n\nSome *text* with [a link](https://example.com/) and `code`.\n\n- [x] done\n';
      const coreHtml = quire.renderHtml(markdown);
      // Raw HTML written the common way: the core module's fast path.
      const common = quire.renderHtml('<b onclick="x()">raw</b> &middot; <kbd>K</kbd>', { bodyOnly: true });
      const before = { loaded: quire.sanitizerLoaded(), fetched: await fetched(1) };
      let syncError = null;
      try {
        quire.renderHtml('<B ONCLICK="x()">raw</B>');
      } catch (error) {
        syncError = { name: error.name, isError: error instanceof Error, message: error.message };
      }
      // Plain lines the pasted-text rules would read: their rules are in the full module.
      let pastedError = null;
      try {
        quire.renderHtml('Line of plain text, one of several.\n'.repeat(12));
      } catch (error) {
        pastedError = { name: error.name, message: error.message };
      }
      const raw = await quire.renderHtmlAsync('<B ONCLICK="x()">raw</B>', { bodyOnly: true });
      return {
        pastedError,
        common,
        before,
        syncError,
        raw,
        after: { loaded: quire.sanitizerLoaded(), fetched: await fetched(2) },
        sameHtml: quire.renderHtml(markdown) === coreHtml,
        syncNow: quire.renderHtml('<i>now</i>', { bodyOnly: true }),
      };
    });
    const wasm = (list) => list.filter((file) => file.endsWith('.wasm')).map((file) => file.split('/').pop());
    assert.equal(result.common, '<p><b>raw</b> · <kbd>K</kbd></p>\n');
    assert.deepEqual(wasm(result.before.fetched), ['quire_core_bg.wasm'], 'Markdown and common raw HTML fetch the core module only');
    assert.equal(result.before.loaded, false);
    assert.equal(result.syncError?.name, 'QuireSanitizerNeeded');
    assert.equal(result.syncError?.isError, true);
    assert.match(result.syncError?.message ?? '', /loadSanitizer/);
    assert.equal(result.pastedError?.name, 'QuireSanitizerNeeded');
    assert.match(result.pastedError?.message ?? '', /pasted-text/);
    assert.equal(result.raw, '<p><b>raw</b></p>\n');
    assert.deepEqual(wasm(result.after.fetched).sort(), ['quire_core_bg.wasm', 'quire_full_bg.wasm']);
    assert.equal(result.after.loaded, true);
    assert.equal(result.sameHtml, true, 'the full module renders Markdown as the core did');
    assert.equal(result.syncNow, '<p><i>now</i></p>\n');

    // `always`: the full module alone, and every sync call works.
    const second = await context.newPage();
    await second.goto(blank);
    const always = await second.evaluate(async () => {
      const quire = await import('/pkg/quire.js');
      await quire.default({ sanitizer: 'always' });
      const names = () => performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop());
      for (let i = 0; i < 100 && !names().some((name) => name.endsWith('.wasm')); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const wasm = names();
      return { wasm: wasm.filter((file) => file.endsWith('.wasm')), html: quire.renderHtml('<i>x</i>', { bodyOnly: true }), version: quire.version() };
    });
    assert.deepEqual(always.wasm, ['quire_full_bg.wasm']);
    assert.equal(always.html, '<p><i>x</i></p>\n');
    assert.match(always.version, /^\d+\.\d+\.\d+/);
  } finally {
    await context.close();
  }
});

test('renderInto updates only the blocks that changed, and a stream commits blocks once and ends as one render', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    assertLiveChecks(await page.evaluate(liveChecks, liveCases()));
    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('the demo streams the sample, and its panes scroll together through source lines', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    const lines = await page.evaluate(() => document.querySelectorAll('#preview [data-source-lines]').length);
    assert.ok(lines > 20, `${lines} blocks with source lines`);
    // The editor scrolled to the middle takes the preview to the block written there, and back.
    const synced = await page.evaluate(async () => {
      const editor = document.getElementById('editor');
      const pane = document.getElementById('preview-scroll');
      editor.scrollTop = (editor.scrollHeight - editor.clientHeight) / 2;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const previewTop = pane.scrollTop;
      pane.scrollTop = 0;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { previewTop, editorTop: editor.scrollTop, range: pane.scrollHeight - pane.clientHeight };
    });
    assert.ok(synced.previewTop > synced.range * 0.2 && synced.previewTop < synced.range * 0.8, JSON.stringify(synced));
    assert.ok(synced.editorTop < 5, `the editor followed the preview back to the top: ${JSON.stringify(synced)}`);
    const finalHtml = await page.evaluate(() => {
      document.body.dataset.streamRate = '1000'; // words a second: the whole sample in under 2 s
      return document.getElementById('preview').innerHTML;
    });
    await page.click('#stream');
    await page.waitForFunction(() => document.getElementById('stream').textContent === 'Stop');
    // Mid-stream: part of the article is there, and it is safe.
    await page.waitForFunction(() => document.querySelectorAll('#preview p').length > 3);
    const partial = await page.evaluate(() => document.querySelectorAll('#preview p').length);
    await page.waitForFunction(() => document.body.dataset.streamed === '1', null, { timeout: 60_000 });
    const after = await page.evaluate(() => ({
      html: document.getElementById('preview').innerHTML,
      button: document.getElementById('stream').textContent,
      readOnly: document.getElementById('editor').readOnly,
    }));
    assert.ok(partial > 3);
    assert.equal(after.html, finalHtml, 'the streamed preview ends as the one-shot render');
    assert.equal(after.button, 'Stream sample');
    assert.equal(after.readOnly, false);
    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('both modules give the same Article: URLs (the browser\'s URL in the core, the url crate in the full), raw HTML and front matter', TEST_OPTIONS, async () => {
  const { context, page } = await openBlankPage();
  try {
    const cases = parityCases();
    const result = await page.evaluate(renderWithBothModules, cases);
    assert.deepEqual(result.differ, [], `${result.differ.length} of ${result.compared} renders differ`);
    assert.ok(result.compared > cases.length / 2, `compared ${result.compared} of ${cases.length} (${result.refused} need the full module)`);
  } finally {
    await context.close();
  }
});

test('front matter beyond the common YAML loads the full module too, and its HTML is the golden HTML', TEST_OPTIONS, async () => {
  const fixture = (name) => ({
    markdown: readFileSync(path.join(ROOT, 'tests/fixtures', `${name}.md`), 'utf8'),
    options: JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures', `${name}.json`), 'utf8')),
    html: readFileSync(path.join(ROOT, 'tests/fixtures', `${name}.html`), 'utf8'),
  });
  const read = fixture('front-matter');
  const unread = fixture('front-matter-off');
  const { context, page } = await openBlankPage();
  try {
    const result = await page.evaluate(async ({ read, unread }) => {
      // Resource entries are queued after a response ends: wait for the wasm files expected.
      const fetched = async (count) => {
        const wasm = () =>
          performance
            .getEntriesByType('resource')
            .map((entry) => new URL(entry.name).pathname.split('/').pop())
            .filter((file) => file.endsWith('.wasm'));
        for (let i = 0; i < 100 && wasm().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
        return wasm();
      };
      const quire = await import('/pkg/quire.js');
      await quire.default();
      // A block that the options leave unread is Markdown: the core module renders it.
      const unreadHtml = quire.renderHtml(unread.markdown, unread.options);
      const before = { loaded: quire.sanitizerLoaded(), fetched: await fetched(1) };
      let syncError = null;
      try {
        quire.renderArticle(read.markdown, read.options);
      } catch (error) {
        syncError = { name: error.name, isError: error instanceof Error, message: error.message };
      }
      const article = await quire.renderArticleAsync(read.markdown, read.options);
      return {
        unreadHtml,
        before,
        syncError,
        html: article.html,
        title: article.title,
        authors: article.authors,
        frontMatter: article.frontMatter,
        after: { loaded: quire.sanitizerLoaded(), fetched: await fetched(2) },
        unreadAfter: quire.renderHtml(unread.markdown, unread.options),
      };
    }, { read, unread });
    assert.equal(result.unreadHtml, unread.html, 'the core module renders an unread block as the golden file');
    assert.deepEqual(result.before, { loaded: false, fetched: ['quire_core_bg.wasm'] });
    assert.equal(result.syncError?.name, 'QuireSanitizerNeeded', 'the same error name as for raw HTML');
    assert.equal(result.syncError?.isError, true);
    assert.match(result.syncError?.message ?? '', /front matter/);
    assert.match(result.syncError?.message ?? '', /loadSanitizer/);
    assert.equal(result.html, read.html, 'the full module gives the golden HTML');
    assert.equal(result.title, 'Tide Tables: A Field Guide');
    assert.deepEqual(result.authors, ['Ada Writer', 'Grace Reader']);
    assert.deepEqual(result.frontMatter, { series: { name: 'Coast', part: 2 } });
    assert.equal(result.after.loaded, true);
    assert.deepEqual(result.after.fetched.sort(), ['quire_core_bg.wasm', 'quire_full_bg.wasm']);
    assert.equal(result.unreadAfter, unread.html, 'and the full module renders the unread block the same');
  } finally {
    await context.close();
  }
});

test('changing the preset and raw HTML options re-renders', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    const sample = 'Some <b>bold</b> words.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nGone ~~soon~~.\n';
    await setMarkdown(page, sample);
    assert.equal(await page.locator('#preview b').innerText(), 'bold', 'sanitize keeps harmless HTML');
    assert.equal(await page.locator('#preview table').count(), 1);

    await choose(page, '#raw-html', 'escape');
    assert.equal(await page.locator('#preview b').count(), 0);
    assert.match(await page.locator('#preview').innerText(), /<b>bold<\/b>/, 'escape shows the tag as text');

    await choose(page, '#raw-html', 'strip');
    assert.equal(await page.locator('#preview b').count(), 0);
    const stripped = await page.locator('#preview').innerText();
    assert.doesNotMatch(stripped, /<\/?b>/, 'strip removes the tag');
    assert.match(stripped, /bold/, 'strip keeps the text');

    await choose(page, '#raw-html', 'sanitize');
    assert.equal(await page.locator('#preview b').count(), 1);

    await choose(page, '#preset', 'commonmark');
    assert.equal(await page.locator('#preview table').count(), 0, 'commonmark has no tables');
    assert.equal(await page.locator('#preview del').count(), 0, 'commonmark has no strikethrough');

    await choose(page, '#preset', 'gfm');
    assert.equal(await page.locator('#preview table').count(), 1, 'gfm has tables');
    assert.equal(await page.locator('#preview del').count(), 1, 'gfm has strikethrough');

    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('errors show in #status instead of the preview, and the page recovers', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    await afterRender(page, () => page.fill('#max-bytes', '10'));
    assert.equal(await page.isVisible('#status'), true, 'the status area is shown');
    assert.ok((await page.textContent('#status')).trim().length > 0, 'with the error message');
    assert.equal(await page.isVisible('#preview'), false, 'the preview is hidden while in error');

    // Typing while in error keeps failing cleanly...
    await page.focus('#editor');
    await afterRender(page, () => page.keyboard.type('!'));
    assert.equal(await page.isVisible('#status'), true);

    // ...and a valid state renders again.
    await afterRender(page, () => page.fill('#max-bytes', ''));
    assert.equal(await page.isHidden('#status'), true, 'the error is cleared');
    assert.equal(await page.isVisible('#preview h1'), true, 'the article is back');

    await setMarkdown(page, '*ok*');
    await afterRender(page, () => page.fill('#max-bytes', '10'));
    assert.equal(await page.isHidden('#status'), true, 'small input fits a small limit');
    assert.equal(await page.locator('#preview em').innerText(), 'ok');

    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('the pasted-page sample renders as an article and the page shows what was recovered', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage();
  try {
    await choose(page, '#sample', 'pasted-sample.txt');
    // The core module refuses pasted text (the rules are in the full module): the render that
    // counts is the one after the full module has loaded.
    await page.waitForFunction(() => !document.getElementById('recovered').hidden);
    const got = await page.evaluate(() => ({
      title: document.querySelector('#preview header h1')?.textContent ?? null,
      authors: [...document.querySelectorAll('#preview header .author')].map((a) => a.textContent),
      dek: document.querySelector('#preview header .dek')?.textContent ?? null,
      sections: document.querySelectorAll('#preview h2').length,
      quotes: document.querySelectorAll('#preview figure.quote figcaption').length,
      reportShown: !document.getElementById('recovered').hidden,
      removed: [...document.querySelectorAll('#recovered-list li[data-kind="removed"]')].length,
      body: document.getElementById('preview').innerText,
    }));
    assert.ok(got.title && got.title.length > 10, `a title: ${got.title}`);
    assert.ok(got.authors.length >= 1, 'a byline');
    assert.ok(got.dek, 'a dek');
    assert.ok(got.sections >= 2, `sections: ${got.sections}`);
    assert.ok(got.quotes >= 1, 'a quote with its attribution');
    assert.ok(got.reportShown && got.removed >= 5, `the report lists the debris (${got.removed})`);
    assert.doesNotMatch(got.body, /Share on|Advertisement|All rights reserved/, 'debris is gone');

    await choose(page, '#sample', 'article.md');
    assert.equal(await page.locator('#recovered').isHidden(), true, 'Markdown is not pasted text');
    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('<quire-article> renders inline and fetched Markdown under the strict CSP, and renders again on change', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage('/element.html', '#fetched header h1');
  try {
    const result = await page.evaluate(async () => {
      const next = (element) => new Promise((resolve) => element.addEventListener('quire-render', (event) => resolve(event.detail), { once: true }));
      const inline = document.getElementById('inline');
      const fetched = document.getElementById('fetched');
      // The page waited for the fetched article; the inline one renders on its own schedule.
      for (let i = 0; i < 200 && !inline.querySelector('h1'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      const first = {
        inline: inline.querySelector('h1')?.textContent,
        listItems: inline.querySelectorAll('li').length,
        fetched: fetched.querySelector('header h1')?.textContent,
        figures: fetched.querySelectorAll('figure img').length,
        imageSrc: fetched.querySelector('figure img')?.getAttribute('src'),
      };
      // A script replaces the text: the element renders it.
      let rendered = next(inline);
      inline.textContent = '# Changed\n\nNew *text* <b onclick="window.__pwned = 1">bold</b>';
      const changedArticle = await rendered;
      const changed = { title: changedArticle.title, h1: inline.querySelector('h1')?.textContent, onclick: inline.querySelectorAll('[onclick]').length };
      // Another src.
      rendered = next(fetched);
      fetched.setAttribute('src', 'pasted-sample.txt');
      const refetchedArticle = await rendered;
      const refetched = { title: refetchedArticle.title, h1: fetched.querySelector('header h1')?.textContent };
      // The markdown property, and options from the attribute.
      rendered = next(inline);
      inline.setAttribute('options', '{"bodyOnly":true}');
      await rendered;
      rendered = next(inline);
      inline.markdown = '## Only a body';
      const property = await rendered;
      // Into a shadow root: the light DOM keeps the Markdown.
      const shadow = document.createElement('quire-article');
      shadow.setAttribute('shadow', '');
      shadow.textContent = '# In the shadow';
      rendered = next(shadow);
      document.querySelector('main').append(shadow);
      const inShadow = await rendered;
      // A failed fetch is an event, and the element keeps working.
      const failing = document.createElement('quire-article');
      const failed = new Promise((resolve) => failing.addEventListener('quire-error', (event) => resolve(event.detail.message), { once: true }));
      failing.setAttribute('src', 'no-such-file.md');
      document.querySelector('main').append(failing);
      return {
        first,
        changed,
        refetched,
        property: { html: property.html, h2: inline.querySelector('h2')?.textContent, frame: inline.querySelector('article') !== null },
        shadow: {
          title: inShadow.title,
          h1: shadow.shadowRoot?.querySelector('h1')?.textContent,
          light: shadow.textContent,
        },
        failed: await failed,
        pwned: window.__pwned,
      };
    });
    assert.deepEqual(result.first, {
      inline: 'Written inline',
      listItems: 2,
      fetched: 'The Library That Went Back to Sea Level',
      figures: result.first.figures,
      imageSrc: result.first.imageSrc,
    });
    assert.ok(result.first.figures >= 2, `figures: ${result.first.figures}`);
    assert.match(result.first.imageSrc ?? '', /^http:\/\/127\.0\.0\.1:\d+\/images\//, 'relative images resolve against src');
    assert.deepEqual(result.changed, { title: 'Changed', h1: 'Changed', onclick: 0 });
    assert.equal(result.refetched.title, 'Sea otters return to Marrow Bay after eighty years');
    assert.equal(result.refetched.h1, result.refetched.title);
    assert.deepEqual(result.property, { html: '<h2 id="user-content-only-a-body">Only a body<a class="anchor" href="#user-content-only-a-body" aria-label="Link to this section: Only a body" rel="noopener noreferrer nofollow ugc">#</a></h2>\n', h2: 'Only a body#', frame: false });
    assert.deepEqual(result.shadow, { title: 'In the shadow', h1: 'In the shadow', light: '# In the shadow' });
    assert.match(result.failed, /no-such-file\.md answered 404/);
    assert.equal(result.pwned, 0);
    // The one failed load is the missing file asked for on purpose.
    await assertNoViolations(page, problems, { ignoreFailedLoads: true });
  } finally {
    await context.close();
  }
});

test('the demo fits a phone-sized screen, in light and dark mode', TEST_OPTIONS, async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, problems } = await openPage('/', 'body[data-ready="1"]', {
      viewport: { width: 390, height: 844 },
      colorScheme,
    });
    try {
      const layout = await page.evaluate(() => {
        const box = (el) => el.getBoundingClientRect();
        const controls = [...document.querySelectorAll('.controls select, .controls input, .controls button')];
        const luminance = (color) => {
          const [r, g, b] = color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        const preview = document.getElementById('preview');
        return {
          scrollWidth: document.documentElement.scrollWidth,
          outside: controls.filter((el) => box(el).left < 0 || box(el).right > innerWidth).map((el) => el.id),
          // A select or text field narrower than this cuts off its value.
          squeezed: controls.filter((el) => el.type !== 'checkbox' && box(el).width < 120).map((el) => el.id),
          editorHeight: box(document.getElementById('editor')).height,
          background: luminance(getComputedStyle(document.body).backgroundColor),
          text: luminance(getComputedStyle(preview).color),
        };
      });
      assert.ok(layout.scrollWidth <= 390, `${colorScheme}: the page scrolls sideways (${layout.scrollWidth} px)`);
      assert.deepEqual(layout.outside, [], `${colorScheme}: controls outside the screen`);
      assert.deepEqual(layout.squeezed, [], `${colorScheme}: controls too narrow to show their value`);
      assert.ok(layout.editorHeight >= 200, `${colorScheme}: the editor is ${layout.editorHeight} px high`);
      if (colorScheme === 'dark') assert.ok(layout.background < 0.2 && layout.text > 0.6, JSON.stringify(layout));
      else assert.ok(layout.background > 0.8 && layout.text < 0.4, JSON.stringify(layout));
      await assertNoViolations(page, problems);
    } finally {
      await context.close();
    }
  }
});

test('rendering in a worker: the example page renders the article off the main thread under the strict CSP', TEST_OPTIONS, async () => {
  const { context, page, problems } = await openPage('/worker.html', 'body[data-rendered]');
  try {
    const result = await page.evaluate(async () => {
      const { createWorkerRenderer } = await import('/pkg/quire-in-worker.js');
      const renderer = createWorkerRenderer();
      const target = document.createElement('div');
      document.body.append(target);
      const article = await renderer.renderInto(target, '# From the worker\n\n<b onclick="window.__pwned = 1">bold</b> *ok*');
      let error = null;
      try {
        await renderer.renderArticle('x', { preset: 'fancy' });
      } catch (caught) {
        error = { name: caught.name, message: caught.message, isError: caught instanceof Error };
      }
      const again = await renderer.renderArticle('# Still working');
      renderer.terminate();
      return {
        rendered: document.body.dataset.rendered,
        pageTitle: document.querySelector('#article header h1')?.textContent,
        status: document.getElementById('worker-status').textContent,
        title: article.title,
        h1: target.querySelector('h1')?.textContent,
        onclick: target.querySelectorAll('[onclick]').length,
        bold: target.querySelector('b')?.textContent,
        error,
        again: again.title,
      };
    });
    assert.equal(result.rendered, '1', result.status);
    assert.equal(result.pageTitle, 'The Library That Went Back to Sea Level');
    assert.equal(result.title, 'From the worker');
    assert.equal(result.h1, 'From the worker');
    assert.equal(result.onclick, 0);
    assert.equal(result.bold, 'bold');
    assert.equal(result.error?.isError, true);
    assert.match(result.error?.message ?? '', /preset/);
    assert.equal(result.again, 'Still working', 'the worker keeps working after an error');
    await assertNoViolations(page, problems);
  } finally {
    await context.close();
  }
});

test('init fetches the wasm from a given directory (a CDN) or takes the modules handed to it', TEST_OPTIONS, async () => {
  const { context, page } = await openBlankPage();
  try {
    // A "CDN" path on this origin that serves the package's wasm files.
    await context.route('**/cdn/quire/*.wasm', (route) =>
      route.fulfill({
        path: path.join(WWW, 'pkg', new URL(route.request().url()).pathname.split('/').pop()),
        contentType: 'application/wasm',
      }),
    );
    const fromCdn = await page.evaluate(async () => {
      const quire = await import('/pkg/quire.js');
      await quire.default({ wasmUrl: '/cdn/quire' });
      const html = await quire.renderHtmlAsync('<B ONCLICK="x()">raw</B> *x*', { bodyOnly: true });
      // Resource entries are queued after a response ends: wait for both.
      const wasmFetched = () =>
        performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm'));
      for (let i = 0; i < 100 && wasmFetched().length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return { html, wasm: wasmFetched() };
    });
    assert.equal(fromCdn.html, '<p><b>raw</b> <em>x</em></p>\n');
    assert.deepEqual(fromCdn.wasm.sort(), ['/cdn/quire/quire_core_bg.wasm', '/cdn/quire/quire_full_bg.wasm']);

    const second = await context.newPage();
    await second.goto(new URL('/blank.html', server.url).href);
    const handed = await second.evaluate(async () => {
      const module = await WebAssembly.compileStreaming(fetch('/pkg/quire_core_bg.wasm'));
      const quire = await import('/pkg/quire.js');
      await quire.default({ modules: { core: module } });
      const html = quire.renderHtml('*handed over*', { bodyOnly: true });
      // Give a fetch that should not happen the time to show up.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fetches = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('quire_core_bg.wasm')).length;
      return { html, fetches };
    });
    assert.equal(handed.html, '<p><em>handed over</em></p>\n');
    assert.equal(handed.fetches, 1, 'init did not fetch the module it was given');
  } finally {
    await context.close();
  }
});
