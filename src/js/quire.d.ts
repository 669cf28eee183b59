// Types of the web package's entry point (quire.js). Options, Article and the rest are generated
// from the Rust sources into quire_core.d.ts.
import type { Article, Options } from "./quire_core.js";

export type { Article, JsonValue, Options, Recovery, Removal, TocEntry, Warning } from "./quire_core.js";

/** What init loads: the core module only ("on-demand", the default: the full module, with the sanitizer,
 *  the front matter parsers and the pasted-text rules, loads when a document needs it), both modules ("eager"), or the full
 *  module alone ("always": one download, for pages whose documents mostly have raw HTML or front matter). */
export interface InitOptions {
  sanitizer?: "on-demand" | "eager" | "always";
  /** The directory the .wasm files are fetched from (a CDN path; relative to the page). Default: next to
   *  quire.js, where a bundler emits them. */
  wasmUrl?: string | URL;
  /** The modules themselves, for runtimes that hand over compiled modules (or their bytes); initSync in
   *  "quire/sync" instantiates them without awaiting. */
  modules?: { core?: WebAssembly.Module | BufferSource; full?: WebAssembly.Module | BufferSource };
}

/** Loads the core module (and, with { sanitizer: "eager" }, the full module). Call it once before the rest.
 *  In Node it reads the .wasm files from the package's folder. */
declare function init(options?: InitOptions): Promise<void>;
export default init;
export { init };

/** Loads the full module (the sanitizer, the front matter parsers, the pasted-text rules) once; later calls return the same promise. */
export function loadSanitizer(): Promise<void>;

/** Whether the full module has loaded. */
export function sanitizerLoaded(): boolean;

/** Renders Markdown to an Article. Throws an Error named "QuireSanitizerNeeded" when the document has raw
 *  HTML beyond what the fast path cleans, front matter beyond the common YAML, or plain text that pastedText
 *  may read as pasted from a web page (plain paragraphs, 5 lines and 40 words or more), and the full module has
 *  not loaded yet (use renderArticleAsync, or await loadSanitizer()). */
export function renderArticle(markdown: string, options?: Options | null): Article;
/** Renders Markdown to an HTML string; same rule as renderArticle. */
export function renderHtml(markdown: string, options?: Options | null): string;
/** Renders Markdown into element and returns the Article; same rule as renderArticle. The element ends up
 *  as if its content had been replaced, but child nodes whose HTML did not change stay (images do not reload,
 *  selection and scroll stay): a live preview calls it on every change. Works on pages that enforce Trusted
 *  Types when they allow a policy named "quire". */
export function renderInto(element: Element, markdown: string, options?: Options | null): Article;
/** Cleans an HTML fragment with quire's sanitizer policy; needs the full module. */
export function sanitizeHtml(html: string, options?: Options | null): string;

/** As renderArticle, loading the full module first when the document needs it. */
export function renderArticleAsync(markdown: string, options?: Options | null): Promise<Article>;
/** As renderHtml, loading the full module first when the document needs it. */
export function renderHtmlAsync(markdown: string, options?: Options | null): Promise<string>;
/** As renderInto, loading the full module first when the document needs it. */
export function renderIntoAsync(element: Element, markdown: string, options?: Options | null): Promise<Article>;
/** As sanitizeHtml, loading the full module first. */
export function sanitizeHtmlAsync(html: string, options?: Options | null): Promise<string>;

/** Markdown arriving in pieces, rendered into an element as it comes. */
export interface QuireStream {
  /** Adds a piece of text. Blocks that can no longer change are appended once; the open tail is rendered
   *  again, at most once per animation frame. Throws a TypeError for a non-string. */
  append(text: string): void;
  /** Renders what is pending now instead of at the next frame. */
  flush(): void;
  /** Renders the whole text into the element as renderInto would (changing only the blocks that differ)
   *  and resolves to its Article. */
  end(): Promise<Article>;
}

/** Starts a stream into element (emptied first). Loads the full module on the way if the text needs it. */
export function createStream(element: Element, options?: Options | null): QuireStream;

/** Renders an article as it downloads (a fetch Response, a ReadableStream or an async iterable of bytes or
 *  strings) and resolves to its Article at the end. */
export function streamInto(
  element: Element,
  source: Response | ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
  options?: Options | null,
): Promise<Article>;

/** The package version. */
export function version(): string;
