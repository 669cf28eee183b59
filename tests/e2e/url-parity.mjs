// Every build gives the same Article: the core module resolves and checks URLs with the browser's
// own `URL` (the full module with the `url` crate: src/urls.rs), renders raw HTML through
// the fast path alone and reads common YAML front matter without a YAML parser. This renders the
// repository's documents and a list of awkward URLs with both modules, under several base URLs, in
// the browser at hand (www.test.mjs in Chromium, firefox.test.mjs in Firefox), and lists every
// render that differs.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Written for this test: relative forms, hosts (IDNA, IPv4 and IPv6 spellings, bad ports), schemes
// the policy allows and refuses, backslashes, spaces, percent-encoding and non-ASCII paths.
const URLS = [
  '../up/x.png', './a/./b/../c', '/root?q=1#h', '//cdn.example.net/lib.js', '?only=query', '#frag', '',
  'http://EXAMPLE.com:80/a/%7Efoo/', 'https://example.com:443', 'HTTPS://Example.COM/Ä/ü?ö=ß#é',
  'http://bücher.example/', 'http://xn--bcher-kva.example/', 'http://ex%61mple.com/', 'http://faß.example/',
  'http://ﬀ.example/', 'http://ＥＸＡＭＰＬＥ.com/', 'http://example.com./', 'http://EXAMPLE.COM.:443/',
  'http://[::1]:8080/x', 'http://[0:0::1]/', 'http://127.1/', 'http://0x7f.0.0.1/', 'http://4294967295/',
  'http://a:99999/', 'http://[::1', 'http://ex ample.com/', 'http://.example/', 'http://ex..ample/',
  'http://user:p%40ss@example.com/', 'http://user@example.com:8080/', 'mailto:someone@example.com',
  'tel:+1-555-0100', 'data:image/png;base64,iVBORw0KGgo=', 'ftp://files.example/x', 'irc://irc.example/chan',
  'git+ssh://host.example/repo', 'a\\b\\c.png', '/\\\\evil.example/x', '\\\\host\\share', 'http:\\\\host\\path',
  'http:relative', 'https:/one-slash', 'file:///etc/passwd', 'blob:https://example.com/uuid',
  'javascript:alert(1)', ' java\tscript:alert(1)', 'path with spaces.png', '%zz', '%E2%82', 'ü.png',
  '日本語/ページ', '🙂.png', 'http://example.com/a?b=c&d=e', 'HTTP://example.com/%2e%2E/x', 'x:y:z',
  'http://ex%FFample.com/', 'http://ex%00ample.com/', 'http://ex%25ample.com/', 'http://ex%2Fample.com/',
  'http://ex%5Cample.com/', 'http://%5B::1%5D/', 'git+ssh://ho%5Bst/x', 'http://a@b%40c.example/', 'http://ex%C3%BCample.com/',
  'http://ex＜ample.com/', 'http://ex%zzample.com/', 'http://ex|ample.com/', 'http://ex^ample.com/', 'https://a%20b@example.com/',
  'http:a b', 'http:/x y', '//ex ample.com/x', '//ex%5Bample.com/', '\\\\ex ample.com\\x', 'https:ex ample.com',
  'http://example.com/\u00a0nbsp', 'https://[2001:db8::1]/', 'https://example.com:/', 'ws://example.com/',
];

const BASES = [
  null,
  'https://example.com/blog/post.html?x=1#top',
  'http://user:pass@EXAMPLE.com:8080/a/b/',
  'https://bücher.example/ü/dir/',
  'https://[2001:db8::1]:444/',
];

function urlDocument() {
  // Links, images, reference definitions, and the URL as bare text (GFM's autolinks).
  const lines = URLS.map((url, i) => `- [l${i}](<${url}>) ![i${i}](<${url}>) [r${i}] see ${url} now\n\n  [r${i}]: <${url}>`);
  return `# URLs\n\n${lines.join('\n')}\n`;
}

/** The documents and options to render with both modules. */
export function parityCases() {
  const docs = [urlDocument()];
  for (const dir of ['tests/corpus', 'tests/fixtures', 'bench/corpus']) {
    for (const name of readdirSync(`${root}${dir}`).filter((file) => file.endsWith('.md')).sort()) {
      docs.push(readFileSync(`${root}${dir}/${name}`, 'utf8'));
    }
  }
  const cases = [];
  for (const markdown of docs) {
    for (const baseUrl of BASES) {
      for (const rawHtml of ['sanitize', 'escape']) {
        cases.push({ markdown, options: { baseUrl, externalLinksNewTab: baseUrl !== null, rawHtml } });
      }
    }
    cases.push({ markdown, options: { externalLinksNewTab: true, extraUrlSchemes: ['irc', 'git+ssh', 'ws'] } });
  }
  return cases;
}

/** Runs in the page: renders every case with both modules and returns what differs. */
export async function renderWithBothModules(cases) {
  const core = await import('/pkg/quire_core.js');
  await core.default({ module_or_path: '/pkg/quire_core_bg.wasm' });
  const full = await import('/pkg/quire_full.js');
  await full.default({ module_or_path: '/pkg/quire_full_bg.wasm' });
  // The whole Article: html, links, images, removed, front matter, warnings.
  const seen = (article) => JSON.stringify(article);
  const result = { compared: 0, refused: 0, differ: [] };
  for (const { markdown, options } of cases) {
    let fromCore;
    try {
      fromCore = core.renderArticle(markdown, options);
    } catch (error) {
      // The core refuses raw HTML only ammonia cleans and front matter only the parsers read;
      // anything else is a failure.
      if (!/needs the full module/.test(String(error.message))) throw error;
      result.refused++;
      continue;
    }
    result.compared++;
    const fromFull = full.renderArticle(markdown, options);
    const [a, b] = [seen(fromCore), seen(fromFull)];
    if (a !== b) {
      let at = 0;
      while (a[at] === b[at]) at++;
      const around = (text) => text.slice(Math.max(0, at - 120), at + 120);
      result.differ.push({ markdown: markdown.slice(0, 40), options, core: around(a), full: around(b) });
    }
  }
  return result;
}
