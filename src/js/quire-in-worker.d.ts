import type { Article, Options } from './quire.js';

/** A module worker running quire-worker.js (renders off the main thread). */
export interface WorkerRenderer {
  /** Renders Markdown to an Article in the worker. Rejects with the Error the render threw. */
  renderArticle(markdown: string, options?: Options | null): Promise<Article>;
  /** Renders in the worker, then puts the HTML into `element` as renderInto does (unchanged child nodes stay;
   *  through the "quire" Trusted Types policy). */
  renderInto(element: Element, markdown: string, options?: Options | null): Promise<Article>;
  terminate(): void;
}

/** Starts the worker (by default quire-worker.js next to this file). */
export function createWorkerRenderer(workerUrl?: URL | string): WorkerRenderer;
