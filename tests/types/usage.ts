// Compiled with `tsc --noEmit --strict` by `make test`: quire.d.ts (src/js) and the generated
// quire_core.d.ts must describe the API, Options and Article precisely enough that mistakes fail to
// type-check.
import init, {
  createStream,
  loadSanitizer,
  renderArticle,
  renderArticleAsync,
  renderHtml,
  renderHtmlAsync,
  renderInto,
  renderIntoAsync,
  sanitizeHtml,
  sanitizerLoaded,
  streamInto,
  version,
  type Article,
  type Options,
  type Recovery,
  type TocEntry,
} from "../../www/pkg/quire.js";
import { init as namedInit, initSync } from "../../www/pkg/quire-sync.js";
import { QuireArticle } from "../../www/pkg/quire-article.js";
import { createWorkerRenderer } from "../../www/pkg/quire-in-worker.js";

export async function usage(element: Element): Promise<string> {
  await init();
  const options: Options = { preset: "gfm", rawHtml: "escape", maxInputBytes: 1024, idPrefix: "doc-", headingIds: true, tables: null };
  const article: Article = renderArticle("# Title", options);
  const title: string | null = article.title;
  const entries: TocEntry[] = article.toc;
  const level: number = entries[0]?.level ?? 0;
  const minutes: number = article.readingMinutes + article.wordCount;
  const series = article.frontMatter["series"];
  const lines: (number | null)[] = article.warnings.map((w) => w.line);
  const dir: "ltr" | "rtl" | "auto" | null = article.dir;
  renderHtml("x", { baseUrl: "https://example.com/", tocMaxLevel: 3, bodyOnly: true, figures: false, extraUrlSchemes: ["xmpp"], linkRel: "nofollow" });
  const removedLines: number[] = article.removed.map((r) => r.line);
  const kinds: ("element" | "attribute" | "url")[] = article.removed.map((r) => r.kind);
  const recovered: Recovery[] = renderArticle("pasted text", { pastedText: "always" }).recovered;
  const sections: string[] = recovered.filter((r) => r.kind === "section").map((r) => `${r.line} ${r.text} ${r.reason}`);
  // @ts-expect-error: not a pastedText mode
  renderHtml("x", { pastedText: "maybe" });
  const html: string = renderHtml("*x*");
  renderInto(element, "text", null);
  const withLines: (number | undefined)[] = renderInto(element, "## A", { sourceLines: true }).toc.map((entry) => entry.line);
  const stream = createStream(element, { preset: "gfm" });
  stream.append("# Hello");
  stream.flush();
  const streamed: Article = await stream.end();
  // @ts-expect-error: append takes text
  stream.append(42);
  // @ts-expect-error: end is a promise
  const notArticle: Article = stream.end();
  const fetched: string = (await streamInto(element, new Response("# x"), { sourceLines: true })).html;
  await init({ sanitizer: "eager" });
  await loadSanitizer();
  const loaded: boolean = sanitizerLoaded();
  const later: Article = await renderArticleAsync("<b>raw</b>", { rawHtml: "sanitize" });
  const laterHtml: string = (await renderHtmlAsync("x")) + (await renderIntoAsync(element, "x")).html + sanitizeHtml("<b>x</b>");
  // @ts-expect-error: not a sanitizer mode
  await init({ sanitizer: "sometimes" });
  // @ts-expect-error: async results are promises
  const notYet: string = renderHtmlAsync("x");
  // @ts-expect-error: not a preset
  renderHtml("x", { preset: "fancy" });
  // @ts-expect-error: not an option
  renderHtml("x", { nope: true });
  // @ts-expect-error: markdown is a string
  renderHtml(42);
  // @ts-expect-error: html is a string, not a number
  const wrong: number = article.html;
  return `${loaded} ${later.title} ${laterHtml} ${notYet} ${version()} ${title} ${level} ${html} ${wrong} ${minutes} ${JSON.stringify(series)} ${lines} ${dir} ${removedLines} ${kinds} ${sections}`;
}

// The custom element: its tag, its `markdown` property and its events are typed.
export function element(): string {
  const article = document.createElement("quire-article");
  article.markdown = "# Title";
  article.addEventListener("quire-render", (event) => console.log(event.detail.title, event.detail.wordCount));
  article.addEventListener("quire-error", (event) => console.log(event.detail.message));
  // @ts-expect-error: the Markdown is a string
  article.markdown = 42;
  return article instanceof QuireArticle ? article.markdown : "";
}

// Rendering in a worker: the renderer's promises carry Articles.
export async function inWorker(target: Element): Promise<string> {
  const renderer = createWorkerRenderer();
  const article: Article = await renderer.renderInto(target, "# Title", { bodyOnly: true });
  // @ts-expect-error: not an option
  await renderer.renderArticle("x", { nope: 1 });
  renderer.terminate();
  return article.html;
}

// Where the wasm comes from: a CDN directory, or modules handed over.
export async function sources(core: WebAssembly.Module, bytes: ArrayBuffer): Promise<void> {
  await init({ wasmUrl: "https://cdn.example/quire/0.1.0/" });
  await init({ wasmUrl: new URL("https://cdn.example/quire/"), modules: { core, full: bytes } });
  // @ts-expect-error: not an init option
  await init({ wasm: "https://cdn.example/" });
}

// Runtimes that hand over compiled modules: initSync (quire-sync.js, which also has the whole API).
export function handedOver(core: WebAssembly.Module, full: WebAssembly.Module, bytes: Uint8Array): Promise<void> {
  initSync({ full });
  initSync({ core, full: bytes });
  initSync({ core: bytes });
  // @ts-expect-error: at least one module
  initSync({});
  return namedInit({ modules: { core } });
}
