// The four contenders of the benchmark, each loaded from this origin and wrapped as
// `render(markdown) -> HTML string`. Importing this module loads nothing: each `load()`
// fetches its own code (and wasm) when called, so a cold-start measurement can time it.
//
// Everything is served from the repository root (bench/serve.mjs): quire from /www/pkg
// (`make build`), the peers from /node_modules (the npm devDependencies).

const NM = '/node_modules';

/** Load a classic (UMD) script; resolves once it has run. */
export function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

async function loadDOMPurify() {
  if (!globalThis.DOMPurify) await loadScript(`${NM}/dompurify/dist/purify.min.js`);
  return globalThis.DOMPurify;
}

export const CONTENDERS = [
  {
    id: 'quire',
    label: 'quire',
    safe: true,
    how: 'renderHtml(md), default options (article preset, raw HTML sanitized)',
    async load() {
      // The core module: what a page showing Markdown without raw HTML downloads.
      const quire = await import('/www/pkg/quire.js');
      await quire.default();
      let wasm = await (await import('/www/pkg/quire_core.js')).default(); // already loaded: its exports
      return {
        version: quire.version(),
        render: (md) => quire.renderHtml(md),
        // Before the timed runs: the sanitizer module too, which then renders every document.
        async prepare() {
          await quire.loadSanitizer();
          wasm = await (await import('/www/pkg/quire_full.js')).default();
        },
        // wasm linear memory never shrinks: its size is the high-water mark so far.
        memoryBytes: () => wasm.memory.buffer.byteLength,
      };
    },
  },
  {
    id: 'marked',
    label: 'marked + DOMPurify',
    safe: true,
    how: 'DOMPurify.sanitize(marked.parse(md)), default options',
    async load() {
      const [, purify] = await Promise.all([loadScript(`${NM}/marked/lib/marked.umd.js`), loadDOMPurify()]);
      const { marked } = globalThis;
      return {
        render: (md) => purify.sanitize(marked.parse(md)),
        memoryBytes: null,
      };
    },
  },
  {
    id: 'markdown-it',
    label: 'markdown-it + DOMPurify',
    safe: true,
    how: 'DOMPurify.sanitize(markdownit({ html: true }).render(md))',
    async load() {
      const [, purify] = await Promise.all([
        loadScript(`${NM}/markdown-it/dist/browser/markdown-it.umd.min.js`),
        loadDOMPurify(),
      ]);
      const md = globalThis.markdownit({ html: true });
      return {
        render: (src) => purify.sanitize(md.render(src)),
        memoryBytes: null,
      };
    },
  },
  {
    id: 'markdown-wasm',
    label: 'markdown-wasm',
    safe: false,
    how: 'markdown.parse(md), default flags — NO sanitizing: raw HTML and scripts pass through',
    async load() {
      // The UMD build finds markdown.wasm next to itself through document.currentScript.
      await loadScript(`${NM}/markdown-wasm/dist/markdown.js`);
      const { markdown } = globalThis;
      await markdown.ready;
      return {
        render: (md) => markdown.parse(md),
        // With `bytes: true` the result is a view into the module's memory; its buffer is the
        // whole (never shrinking) wasm memory.
        memoryBytes: () => markdown.parse('x', { bytes: true }).buffer.byteLength,
      };
    },
  },
];

export const byId = (id) => {
  const found = CONTENDERS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown contender ${id}`);
  return found;
};

/** Raw-HTML constructs that must not survive a sanitizer (checked on each output). */
export function unsafeConstructs(html) {
  const found = [];
  if (/<script\b/i.test(html)) found.push('<script>');
  if (/<iframe\b/i.test(html)) found.push('<iframe>');
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) found.push('on* attribute');
  if (/<[a-z][^>]*\s(?:href|src)\s*=\s*["']?\s*javascript:/i.test(html)) found.push('javascript: URL');
  return found;
}
