// Normalizes HTML for spec comparisons the way the CommonMark test runner does: parse it,
// sort attributes, decode entities, collapse whitespace outside <pre>, and drop whitespace
// around block-level tags. Differences that a browser would render differently survive.
import { parseFragment } from 'parse5';

const BLOCK = new Set([
  'article', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s) => escapeText(s).replace(/"/g, '&quot;');

function serialize(nodes, inPre, out) {
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      out.push(inPre ? escapeText(node.value) : escapeText(node.value.replace(/\s+/g, ' ')));
    } else if (node.nodeName === '#comment') {
      out.push(`<!--${node.data}-->`);
    } else if (node.tagName) {
      const attrs = [...node.attrs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      out.push(`<${node.tagName}${attrs.map((a) => (a.value === '' ? ` ${a.name}` : ` ${a.name}="${escapeAttr(a.value)}"`)).join('')}>`);
      const children = node.tagName === 'template' ? node.content.childNodes : node.childNodes;
      serialize(children, inPre || node.tagName === 'pre', out);
      if (!VOID.has(node.tagName)) out.push(`</${node.tagName}>`);
    }
  }
}

export function normalizeHtml(html) {
  const out = [];
  serialize(parseFragment(html).childNodes, false, out);
  let text = out.join('');
  // Whitespace next to block-level tags does not render.
  text = text.replace(/\s*(<\/?([a-z0-9]+)[^>]*>)\s*/g, (match, tag, name) => (BLOCK.has(name) ? tag : match));
  return text.trim();
}
