// <quire-article>: an article rendered by quire, from its `src` or from the Markdown it holds.
//
//   <script type="module" src="pkg/quire-article.js"></script>
//   <quire-article src="post.md"></quire-article>
//   <quire-article base-url="https://example.com/posts/"># A title
//
//   Markdown, readable as text where JavaScript does not run.</quire-article>
//
// Attributes: `src` (a URL to fetch the Markdown from; relative links then resolve against it),
// `base-url` (what relative links resolve against), `options` (JSON, the options of renderArticle),
// `shadow` (render into a shadow root instead of the element itself, where the page's styles apply).
// After each render the element fires `quire-render` with the Article as `detail`; when a render
// fails, `quire-error` with the Error. It renders again when an attribute changes, when its
// `markdown` property is set, or when a script replaces its text.
//
// Without JavaScript the Markdown stays in the page as text: style `quire-article:not(:defined)`
// with `white-space: pre-wrap` to keep its lines. The HTML goes in through renderIntoAsync, which
// uses the Trusted Types policy named "quire" where a page enforces Trusted Types.

import init, { renderIntoAsync } from './quire.js';

let ready = null;

class QuireArticle extends HTMLElement {
  static observedAttributes = ['src', 'base-url', 'options', 'shadow'];

  /** The Markdown the element holds (when it has no `src`). */
  #markdown = null;
  /** Counts renders, so that a slow fetch cannot overwrite a newer render. */
  #renders = 0;
  /** Watches for a script replacing the Markdown: in the light DOM, the element's children all
   *  become text again (changes inside the rendered article are the page's business). */
  #observer = new MutationObserver(() => {
    const replaced = this.hasAttribute('shadow') || [...this.childNodes].every((node) => node.nodeType === Node.TEXT_NODE);
    if (!replaced) return;
    this.#markdown = this.textContent;
    this.#render();
  });

  get markdown() {
    return this.#markdown ?? '';
  }

  set markdown(text) {
    this.#markdown = String(text);
    this.#render();
  }

  connectedCallback() {
    this.#markdown ??= this.textContent;
    this.#render();
  }

  disconnectedCallback() {
    this.#observer.disconnect();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  async #render() {
    const render = ++this.#renders;
    try {
      ready ??= init();
      const src = this.getAttribute('src');
      const source = src ? new URL(src, document.baseURI).href : null;
      const markdown = source ? await fetchText(source) : this.markdown;
      const options = JSON.parse(this.getAttribute('options') || '{}');
      const baseUrl = this.getAttribute('base-url') ?? source;
      if (baseUrl) options.baseUrl = new URL(baseUrl, document.baseURI).href;
      await ready;
      if (render !== this.#renders) return; // a newer render has started
      // The element's own text is the source, not a change to it: stop watching while it is replaced.
      this.#observer.disconnect();
      const article = await renderIntoAsync(this.#target(), markdown, options);
      if (render !== this.#renders) return;
      if (!src) {
        const shadow = this.hasAttribute('shadow');
        this.#observer.observe(this, { childList: true, characterData: shadow, subtree: shadow });
      }
      this.dispatchEvent(new CustomEvent('quire-render', { detail: article }));
    } catch (error) {
      if (render === this.#renders) this.dispatchEvent(new CustomEvent('quire-error', { detail: error }));
    }
  }

  /** Where the article goes: the element itself, or a wrapper in its shadow root. */
  #target() {
    if (!this.hasAttribute('shadow')) return this;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    let wrapper = root.querySelector('[part="article"]');
    if (!wrapper) {
      wrapper = document.createElement('div');
      wrapper.setAttribute('part', 'article');
      root.append(wrapper);
    }
    return wrapper;
  }
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`quire-article: ${url} answered ${response.status}`);
  return response.text();
}

if (!customElements.get('quire-article')) customElements.define('quire-article', QuireArticle);

export { QuireArticle };
