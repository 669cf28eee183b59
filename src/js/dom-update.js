// Putting quire's HTML into the page, touching only what changed. The wasm modules import this
// file (a wasm-bindgen snippet, like trusted-types.js); each module has its own copy, so anything
// kept between calls lives on the element, not here.
//
// renderInto updates an element in place: its child nodes whose HTML is unchanged stay (images do
// not reload, selection and scroll stay), an element that changed only inside is updated inside,
// and the rest is replaced. The element then serializes exactly as if its innerHTML had been set.
//
// A stream appends committed blocks once and replaces only its tail (see src/stream.rs).

import { quireTrustedHtml } from './trusted-types.js';

function parse(html) {
  const template = document.createElement('template');
  template.innerHTML = quireTrustedHtml(html);
  return template.content;
}

/** What a node serializes as: equal keys, equal nodes. */
function key(node) {
  return node.nodeType === Node.ELEMENT_NODE ? node.outerHTML : `${node.nodeType}:${node.nodeValue}`;
}

function sameAttributes(target, source) {
  for (const { name } of Array.from(target.attributes)) {
    if (!source.hasAttribute(name)) target.removeAttribute(name);
  }
  for (const { name, value } of Array.from(source.attributes)) {
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}

/** Makes `parent`'s children those of `fresh` (a parsed fragment or element), keeping equal ones. */
function updateChildren(parent, fresh) {
  const old = Array.from(parent.childNodes);
  // Old nodes by what they serialize as, each list taken from the front (an index, not shift(),
  // which is linear: a document has as many "\n" text nodes as blocks).
  const unchanged = new Map();
  for (const node of old) {
    const k = key(node);
    if (unchanged.has(k)) unchanged.get(k).nodes.push(node);
    else unchanged.set(k, { nodes: [node], next: 0 });
  }
  const kept = new Set();
  const wanted = Array.from(fresh.childNodes).map((node) => {
    const equal = unchanged.get(key(node));
    const same = equal && equal.next < equal.nodes.length ? equal.nodes[equal.next++] : undefined;
    if (same) kept.add(same);
    return { node, same };
  });
  // A new node without an equal old one may update the next old element of its name in place:
  // a block whose text changed, the <article> around changed blocks.
  const leftover = old.filter((node) => !kept.has(node));
  let next = 0;
  const result = wanted.map(({ node, same }) => {
    if (same) return same;
    const candidate = leftover[next];
    if (candidate?.nodeType === Node.ELEMENT_NODE && candidate.nodeName === node.nodeName) {
      next += 1;
      kept.add(candidate);
      sameAttributes(candidate, node);
      updateChildren(candidate, node);
      return candidate;
    }
    return node;
  });
  for (const node of old) if (!kept.has(node)) node.remove();
  let at = parent.firstChild;
  for (const node of result) {
    if (node === at) at = at.nextSibling;
    else parent.insertBefore(node, at);
  }
}

/** renderInto: `element` shows `html`, changed only where it differs. */
export function quireUpdateInto(element, html) {
  updateChildren(element, parse(html));
}

const STREAMS = Symbol.for('quire.streams');
const streams = (globalThis[STREAMS] ??= new WeakMap());

/** A stream starts on an emptied element, inside an <article> when the article is framed (so that
 *  the final update finds its blocks where the whole render has them). */
export function quireStreamStart(element, framed) {
  element.replaceChildren();
  const container = framed ? element.appendChild(document.createElement('article')) : element;
  streams.set(element, { container, tail: [] });
}

/** Appends committed blocks (before the tail) and replaces the tail. */
export function quireStreamUpdate(element, commit, tail) {
  const stream = streams.get(element);
  if (!stream) return;
  const { container } = stream;
  if (commit) container.insertBefore(parse(commit), stream.tail[0] ?? null);
  for (const node of stream.tail) node.remove();
  const fresh = parse(tail);
  stream.tail = Array.from(fresh.childNodes);
  container.append(fresh);
}

/** The stream's end: the whole render, as renderInto puts it. */
export function quireStreamEnd(element, html) {
  streams.delete(element);
  quireUpdateInto(element, html);
}
