// Time to article: what each contender's page does, written the same plain way for all five. The
// page (pages/ID.html?contender=ID&doc=URL, which preloads the library's files) starts the library and the
// article fetch together, renders the article into <article> and records, in ms since navigation
// start, when it was inserted.
// Nothing here is timed by itself: page-load.mjs reads window.articleReady from the page.
const NM = '/node_modules';

// (contenders.js has the same helper; importing it would put one more request before every
// contender's library and article, and the page is what is being timed.)
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

const fetchText = (url) => fetch(url).then((response) => response.text());

const PAGES = {
  // quire's documented embed: init() and the fetch in parallel, then renderIntoAsync (which loads
  // the full module only if the article needs it).
  async quire(article, doc) {
    const [quire, markdown] = await Promise.all([
      import('/www/pkg/quire.js').then(async (module) => (await module.default(), module)),
      fetchText(doc),
    ]);
    await quire.renderIntoAsync(article, markdown);
  },
  async marked(article, doc) {
    const [markdown] = await Promise.all([
      fetchText(doc),
      loadScript(`${NM}/marked/lib/marked.umd.js`),
      loadScript(`${NM}/dompurify/dist/purify.min.js`),
    ]);
    article.innerHTML = DOMPurify.sanitize(marked.parse(markdown));
  },
  async 'markdown-it'(article, doc) {
    const [markdown] = await Promise.all([
      fetchText(doc),
      loadScript(`${NM}/markdown-it/dist/browser/markdown-it.umd.min.js`),
      loadScript(`${NM}/dompurify/dist/purify.min.js`),
    ]);
    article.innerHTML = DOMPurify.sanitize(markdownit({ html: true }).render(markdown));
  },
  // markdown-wasm's UMD build fetches markdown.wasm next to itself.
  async 'markdown-wasm'(article, doc) {
    const [markdown] = await Promise.all([
      fetchText(doc),
      loadScript(`${NM}/markdown-wasm/dist/markdown.js`).then(() => globalThis.markdown.ready),
      loadScript(`${NM}/dompurify/dist/purify.min.js`),
    ]);
    article.innerHTML = DOMPurify.sanitize(globalThis.markdown.parse(markdown));
  },
  // md4w's small build, and the browser's own sanitizer (Element.setHTML, default configuration).
  async md4w(article, doc) {
    const [md4w, markdown] = await Promise.all([
      import(`${NM}/md4w/js/md4w.js`).then(async (module) => {
        module.initWasm(await WebAssembly.compileStreaming(fetch(`${NM}/md4w/js/md4w-small.wasm`)));
        return module;
      }),
      fetchText(doc),
    ]);
    article.setHTML(md4w.mdToHtml(markdown));
  },
};

const params = new URLSearchParams(location.search);
const article = document.querySelector('article');
PAGES[params.get('contender')](article, params.get('doc')).then(
  () => {
    window.articleReady = { ms: performance.now(), chars: article.innerHTML.length };
  },
  (error) => {
    window.articleReady = { error: String(error?.message ?? error) };
  },
);
