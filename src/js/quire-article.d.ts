import type { Article } from './quire.js';

/** `<quire-article src="post.md">` or `<quire-article>` with the Markdown as its text: see
 *  quire-article.js. Fires `quire-render` (detail: the Article) and `quire-error` (detail: the Error). */
export class QuireArticle extends HTMLElement {
  /** The Markdown the element renders when it has no `src`; setting it renders again. */
  markdown: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'quire-article': QuireArticle;
  }
  interface HTMLElementEventMap {
    'quire-render': CustomEvent<Article>;
    'quire-error': CustomEvent<Error>;
  }
}
