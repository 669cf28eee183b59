// Type-checked by `make test-package` with tsc --strict, "quire" resolved through the installed
// package's `exports` (types conditions), as a TypeScript app sees it (bundler and Node resolution).
import init, { renderArticle, renderHtmlAsync, type Article, type Options } from "quire";
import { initSync, renderHtml } from "quire/sync";
import { QuireArticle } from "quire/article";
import { createWorkerRenderer } from "quire/in-worker";

export async function app(full: WebAssembly.Module): Promise<string> {
  await init({ wasmUrl: "https://cdn.example/quire/" });
  const options: Options = { preset: "gfm", baseUrl: "https://example.com/" };
  const article: Article = renderArticle("# Title", options);
  initSync({ full });
  const element: QuireArticle = document.createElement("quire-article");
  const renderer = createWorkerRenderer();
  const inWorker: Article = await renderer.renderArticle("x");
  // @ts-expect-error: not an option
  renderHtml("x", { nope: true });
  // @ts-expect-error: the async functions return promises
  const html: string = renderHtmlAsync("x");
  return `${article.title} ${element.markdown} ${inWorker.html} ${html}`;
}
