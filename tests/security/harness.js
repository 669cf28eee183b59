// The in-browser half of the security suite. Loaded by page.html (strict CSP + Trusted Types) and
// page-permissive.html (inline script allowed, so anything that gets through really runs).
//
// For each case and each mode it renders the Markdown with renderInto (or, with `stream`, streams it
// in pieces through createStream, checking every intermediate state) into a live container, pokes
// every element (events, focus, click, details toggling, real CSS animations), waits, and then checks:
//   executions  - a trap was called (alert/confirm/prompt/print/__quireXss), or the CSP blocked a
//                 script (an inline handler or javascript: URL that reached the DOM and tried to run)
//   forbidden   - a construct that must never be in quire's output (on* attributes, script-capable
//                 URLs, elements outside the allow-list, unprefixed ids, ...)
//   mismatches  - the mXSS idempotence checks (see checkIdempotence)
//   errors      - quire threw, or the harness could not run a case
// The Node test (xss.test.mjs) calls window.__quireSecurity.start(...) and polls window.__results.
// A human can open page.html?autorun to run the corpus in any browser.

import init, { createStream, renderInto, renderHtml, sanitizeHtml, version } from '../../www/pkg/quire.js';
import { CASES } from './corpus.mjs';

/** The option sets every case runs under (rawHtml "trusted" is, by contract, not safe). */
export const MODES = {
  default: undefined,
  gfm: { preset: 'gfm' },
  commonmark: { preset: 'commonmark' },
  strip: { rawHtml: 'strip' },
  escape: { rawHtml: 'escape' },
};

/** Only on explicit request: the harness self-test, which must see the detectors fire. */
const UNSAFE_MODES = { trusted: { rawHtml: 'trusted' } };

const ID_PREFIX = 'user-content-';
const XHTML = 'http://www.w3.org/1999/xhtml';
const XLINK = 'http://www.w3.org/1999/xlink';

/** Elements that must never appear in quire's output. */
const FORBIDDEN_ELEMENTS = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'link', 'svg', 'math',
  'template', 'noscript', 'frame', 'frameset', 'textarea', 'select', 'button', 'applet', 'param',
  'portal', 'fencedframe', 'isindex', 'keygen', 'title', 'xmp', 'plaintext', 'noembed', 'noframes',
  'listing', 'image', 'option', 'optgroup', 'datalist', 'output', 'slot', 'dialog',
]);

/** Attributes whose value is a URL that can run script or load active content. */
const URL_ATTRIBUTES = new Set([
  'href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'poster', 'background', 'data',
  'codebase', 'archive', 'ping', 'lowsrc', 'dynsrc', 'manifest', 'icon',
]);

/** URL attributes that browsers never navigate to or fetch as script: reported, not failed. */
const ADVISORY_URL_ATTRIBUTES = new Set(['cite', 'longdesc', 'classid', 'profile', 'itemtype', 'itemid']);

/** Synthetic events dispatched at every element that has attributes (inline handlers need one). */
const EVENT_TYPES = [
  'load', 'error', 'abort', 'click', 'dblclick', 'auxclick', 'contextmenu', 'mousedown', 'mouseup',
  'mouseover', 'mouseenter', 'mousemove', 'mouseout', 'mouseleave', 'pointerover', 'pointerenter',
  'pointerdown', 'pointerup', 'pointermove', 'pointerout', 'pointerleave', 'gotpointercapture',
  'focus', 'focusin', 'focusout', 'blur', 'keydown', 'keyup', 'keypress', 'beforeinput', 'input',
  'change', 'select', 'selectstart', 'selectionchange', 'wheel', 'scroll', 'scrollend', 'copy', 'cut',
  'paste', 'drag', 'dragstart', 'dragend', 'dragenter', 'dragover', 'dragleave', 'drop', 'toggle',
  'beforetoggle', 'animationstart', 'animationend', 'animationiteration', 'animationcancel',
  'transitionrun', 'transitionstart', 'transitionend', 'transitioncancel', 'submit', 'reset',
  'invalid', 'formdata', 'search', 'play', 'playing', 'pause', 'canplay', 'canplaythrough',
  'loadstart', 'loadeddata', 'loadedmetadata', 'progress', 'suspend', 'stalled', 'waiting',
  'ended', 'emptied', 'timeupdate', 'durationchange', 'ratechange', 'volumechange', 'seeked',
  'seeking', 'cuechange', 'start', 'finish', 'bounce', 'begin', 'beginEvent', 'end', 'endEvent',
  'repeat', 'repeatEvent', 'close', 'cancel', 'show', 'pageshow', 'pagehide', 'hashchange',
  'popstate', 'resize', 'message', 'storage', 'online', 'offline', 'beforeprint', 'afterprint',
  'unload', 'beforeunload', 'readystatechange', 'securitypolicyviolation',
  'contentvisibilityautostatechange', 'touchstart', 'touchend', 'touchmove', 'slotchange',
  'webkitanimationstart', 'webkittransitionend', 'fullscreenchange', 'visibilitychange',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const clip = (text, max = 6000) => (text.length > max ? `${text.slice(0, max)}… [${text.length - max} more chars]` : text);

// --- Trusted Types: the harness needs to parse HTML strings for the idempotence checks. -----------
// The page allows exactly one policy, "quire", and quire creates it (lazily, on first renderInto);
// remember the object it gets so the harness can feed the same sinks. quire's policy is the identity.
let quirePolicy = null;
const tt = globalThis.trustedTypes;
if (tt && typeof tt.createPolicy === 'function') {
  const createPolicy = tt.createPolicy;
  tt.createPolicy = function (name, rules) {
    const policy = createPolicy.call(this, name, rules);
    if (name === 'quire') quirePolicy = policy;
    return policy;
  };
}
const trusted = (html) => (quirePolicy ? quirePolicy.createHTML(html) : html);

// An inert document: parsing into it runs nothing and loads nothing.
const inertDocument = document.implementation.createHTMLDocument('');

/** The browser's parse + re-serialization of an HTML fragment in a div, as the live container sees it. */
function reserialize(html) {
  const div = inertDocument.createElement('div');
  div.innerHTML = trusted(html);
  return div.innerHTML;
}

/**
 * The same, with every element's attributes in sorted order: two fragments are the same DOM when
 * these match (attribute order carries no meaning; ammonia may emit `rel` before or after `href`).
 */
function canonicalDom(html) {
  const div = inertDocument.createElement('div');
  div.innerHTML = trusted(html);
  for (const element of div.querySelectorAll('*')) {
    const attributes = [...element.attributes];
    if (attributes.length < 2) continue;
    attributes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const attribute of attributes) element.removeAttributeNode(attribute);
    for (const attribute of attributes) element.setAttributeNode(attribute);
  }
  return div.innerHTML;
}

// --- Navigation guard -------------------------------------------------------------------------
// Clicking every link must not take the page away. Only javascript: navigations are let through:
// they are the execution we are looking for (blocked by the CSP on page.html, run on the other page).

function hrefOf(element) {
  return element.getAttribute('href') ?? element.getAttributeNS(XLINK, 'href') ?? element.getAttribute('xlink:href');
}

function isJavascriptUrl(value) {
  if (value == null) return false;
  try {
    return new URL(value, document.baseURI).protocol === 'javascript:';
  } catch {
    return false;
  }
}

window.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a, area') : null;
  if (link && !isJavascriptUrl(hrefOf(link))) event.preventDefault();
});
window.addEventListener('submit', (event) => {
  const form = event.target;
  const action = event.submitter?.getAttribute('formaction') ?? form.getAttribute('action');
  if (!isJavascriptUrl(action)) event.preventDefault();
});

// --- Checks --------------------------------------------------------------------------------------

/** Returns the script-capable scheme a URL value resolves to (javascript:, vbscript:, data:), or null. */
function dangerousScheme(value) {
  // As the URL parser reads it: C0 controls and spaces trimmed, tabs and newlines removed anywhere.
  const squeezed = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').toLowerCase();
  const plain = /^(javascript|vbscript|data):/.exec(squeezed);
  if (plain) return `${plain[1]}:`;
  try {
    const { protocol } = new URL(value, document.baseURI);
    if (protocol === 'javascript:' || protocol === 'vbscript:' || protocol === 'data:') return protocol;
  } catch {
    // not a URL at all: harmless
  }
  return null;
}

function urlsIn(name, value) {
  if (name !== 'srcset') return [value];
  // srcset: "url descriptor, url descriptor"; also check the whole string.
  return [value, ...value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')];
}

const snippet = (element) => clip(element.outerHTML.replace(element.innerHTML, element.innerHTML ? '…' : ''), 400);

/** Structural inspection of one rendered container. */
function inspect(container) {
  const forbidden = [];
  const advisories = [];
  const add = (list, kind, element, detail) => list.push({ kind, detail, element: snippet(element) });
  for (const element of container.querySelectorAll('*')) {
    const name = element.localName;
    if (element.namespaceURI !== XHTML) add(forbidden, 'foreign-element', element, `<${name}> in ${element.namespaceURI}`);
    if (FORBIDDEN_ELEMENTS.has(name)) add(forbidden, 'forbidden-element', element, `<${name}>`);
    if (name === 'input' && !(element.getAttribute('type')?.toLowerCase() === 'checkbox' && element.hasAttribute('disabled'))) {
      const type = element.getAttribute('type');
      const what = type === null ? '<input> without a type (a text field)' : `<input type="${type}">`;
      add(forbidden, 'forbidden-element', element, `${what}${element.hasAttribute('disabled') ? ', disabled' : ''}: only disabled checkboxes are allowed`);
    }
    for (const attribute of element.attributes) {
      const attr = attribute.name.toLowerCase();
      const value = attribute.value;
      if (attr.startsWith('on')) add(forbidden, 'event-handler', element, `${attribute.name}="${clip(value, 200)}"`);
      if (URL_ATTRIBUTES.has(attr) || attribute.localName === 'href') {
        for (const url of urlsIn(attr, value)) {
          const scheme = dangerousScheme(url);
          if (scheme) {
            add(forbidden, 'script-url', element, `${attribute.name}="${clip(value, 200)}" (${scheme})`);
            break;
          }
        }
      } else if (ADVISORY_URL_ATTRIBUTES.has(attr) && dangerousScheme(value)) {
        add(advisories, 'inert-script-url', element, `${attribute.name}="${clip(value, 200)}" (never navigated or fetched)`);
      }
      if (attr === 'srcdoc') add(forbidden, 'srcdoc', element, `srcdoc="${clip(value, 200)}"`);
      if (attr === 'formaction' || attr === 'action') add(forbidden, 'form-action', element, `${attr}="${clip(value, 200)}"`);
      if (attr === 'name') add(forbidden, 'name-attribute', element, `name="${clip(value, 100)}" (DOM clobbering; the policy removes name)`);
      if (attr === 'id' && !value.startsWith(ID_PREFIX)) add(forbidden, 'unprefixed-id', element, `id="${clip(value, 100)}"`);
      if (attr === 'style' && !((name === 'td' || name === 'th') && /^text-align: (left|center|right);?$/.test(value))) {
        add(forbidden, 'style-attribute', element, `style="${clip(value, 200)}"`);
      }
    }
    if (name === 'a' && element.hasAttribute('href')) {
      const rel = new Set((element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/));
      const missing = ['noopener', 'noreferrer', 'nofollow', 'ugc'].filter((token) => !rel.has(token));
      if (missing.length) add(forbidden, 'link-rel', element, `<a href> without rel ${missing.join(' ')}`);
    }
  }
  return { forbidden, advisories };
}

/**
 * The mXSS checks for one rendering:
 *  1. quire's policy is idempotent on the browser's serialization of the live output:
 *     sanitizeHtml(container.innerHTML) === sanitizeHtml(sanitizeHtml(container.innerHTML))
 *  2. sanitizing the browser's re-serialization of renderHtml's output changes nothing the browser
 *     can see: reserialize(renderHtml(md)) === reserialize(sanitizeHtml(reserialize(renderHtml(md))))
 */
function checkIdempotence(liveHtml, rendered) {
  const mismatches = [];
  const once = sanitizeHtml(liveHtml);
  const twice = sanitizeHtml(once);
  if (once !== twice) {
    mismatches.push({ kind: 'sanitize-not-idempotent', input: clip(liveHtml), once: clip(once), twice: clip(twice) });
  }
  const browser = reserialize(rendered);
  const resanitized = sanitizeHtml(browser);
  if (browser !== reserialize(resanitized)) {
    const [before, after] = [canonicalDom(browser), canonicalDom(resanitized)];
    if (before !== after) {
      mismatches.push({ kind: 'reserialization-not-stable', input: clip(rendered), browser: clip(before), again: clip(after) });
    }
  }
  return mismatches;
}

/** Snapshot of page state that a clobbering or navigating payload would change. */
function globalState() {
  return {
    getElementById: document.getElementById,
    querySelector: document.querySelector,
    createElement: document.createElement,
    cookieType: typeof document.cookie,
    domainType: typeof document.domain,
    bodyIsBody: document.body instanceof HTMLBodyElement,
    location: window.location,
    href: location.href,
    baseURI: document.baseURI,
    title: document.title,
    forms: document.forms.length,
    scripts: document.scripts.length,
    casesHost: document.getElementById('cases'),
    alert: window.alert,
    trap: window.__quireXss,
    objectPrototype: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
    arrayPrototype: Object.getOwnPropertyNames(Array.prototype).length,
  };
}

function compareGlobals(baseline) {
  const now = globalState();
  return Object.keys(baseline)
    .filter((key) => baseline[key] !== now[key])
    .map((key) => `${key} changed: ${String(baseline[key]).slice(0, 80)} -> ${String(now[key]).slice(0, 80)}`);
}

// --- Poking ---------------------------------------------------------------------------------------

function poke(container) {
  const elements = [container, ...container.querySelectorAll('*')];
  for (const element of elements) {
    // Inline handlers only exist on elements that have attributes; fire every event type at them,
    // plus the type named by any on* attribute that happens to be there.
    if (element.attributes.length > 0) {
      const types = new Set(EVENT_TYPES);
      for (const attribute of element.attributes) {
        if (/^on./i.test(attribute.name)) types.add(attribute.name.slice(2).toLowerCase());
      }
      for (const type of types) {
        if (type === 'click') continue; // real clicks below
        try {
          element.dispatchEvent(new Event(type, { bubbles: false, cancelable: true }));
        } catch {
          // some engines refuse odd event names; nothing to poke then
        }
      }
    }
    for (const type of ['mouseover', 'mouseenter', 'pointerover', 'mousedown', 'mouseup']) {
      element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
    }
    if (typeof element.focus === 'function') element.focus({ preventScroll: true });
    if (element instanceof HTMLElement) {
      element.click();
    } else {
      element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
    }
    if (typeof element.blur === 'function') element.blur();
    if (element.localName === 'details') element.open = !element.open;
  }
}

// --- Running --------------------------------------------------------------------------------------

function newContainer(host, testCase, mode) {
  const container = document.createElement('div');
  container.className = 'case';
  container.dataset.case = testCase.id;
  container.dataset.mode = mode;
  host.append(container);
  return container;
}

/** Renders one case in one mode into a live container; returns what the checks need. */
function renderCase(host, testCase, mode, results) {
  const container = newContainer(host, testCase, mode);
  if (!(mode in MODES) && !(mode in UNSAFE_MODES)) throw new Error(`unknown mode ${mode}`);
  const options = mode in MODES ? MODES[mode] : UNSAFE_MODES[mode];
  const entry = { testCase, mode, container, html: '', live: '' };
  try {
    renderInto(container, testCase.markdown, options);
    entry.live = container.innerHTML;
    entry.html = renderHtml(testCase.markdown, options);
  } catch (error) {
    results.errors.push({ id: testCase.id, mode, kind: 'render-error', detail: String(error?.message ?? error), markdown: testCase.markdown });
    entry.failed = true;
  }
  return entry;
}

/** Where a case is split for streaming: a few places drawn from its id (so a run replays), half of
 *  them right after a `<`, `&`, `(`, `:`, `` ` `` or quote, inside the construct it opens. */
function splitPoints(testCase) {
  const text = testCase.markdown;
  let state = 2166136261;
  for (const c of testCase.id) state = Math.imul(state ^ c.charCodeAt(0), 16777619) >>> 0;
  const random = (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const openers = [];
  for (let i = 0; i < text.length; i += 1) if ('<&(:`"\''.includes(text[i])) openers.push(i + 1 + random(3));
  const points = new Set();
  for (let k = 0; k < 6 && text.length > 1; k += 1) {
    points.add(k % 2 && openers.length ? openers[random(openers.length)] : 1 + random(text.length - 1));
  }
  // Never inside a surrogate pair: the pieces stay well-formed strings.
  return [...points]
    .map((at) => Math.min(at, text.length))
    .map((at) => (/[\uDC00-\uDFFF]/.test(text[at] ?? '') ? at + 1 : at))
    .sort((a, b) => a - b);
}

/** Streams one case in one mode into a live container in pieces, checking every state on the way;
 *  at the end, the container must be what a one-shot renderInto makes. */
async function streamCase(host, testCase, mode, results) {
  const container = newContainer(host, testCase, mode);
  const options = mode in MODES ? MODES[mode] : UNSAFE_MODES[mode];
  const entry = { testCase, mode, container, html: '', live: '' };
  try {
    const stream = createStream(container, options);
    const points = [...splitPoints(testCase), testCase.markdown.length];
    let from = 0;
    for (const [index, at] of points.entries()) {
      if (at <= from) continue;
      stream.append(testCase.markdown.slice(from, at));
      stream.flush();
      from = at;
      results.states += 1;
      // Every state is inspected; the middle one is poked too (events, focus, clicks: the costly
      // part), and the end is poked by the run like any render.
      if (index === points.length >> 1) poke(container);
      for (const item of inspect(container).forbidden) {
        results.forbidden.push(finding(entry, { ...item, detail: `streamed, ${from} of ${testCase.markdown.length} chars in: ${item.detail}` }));
      }
    }
    await stream.end();
    entry.live = container.innerHTML;
    entry.html = renderHtml(testCase.markdown, options);
    const fresh = document.createElement('div');
    renderInto(fresh, testCase.markdown, options);
    if (fresh.innerHTML !== entry.live) {
      results.mismatches.push(finding(entry, { kind: 'stream-end-differs', detail: 'the streamed element differs from a one-shot renderInto', once: entry.live, twice: fresh.innerHTML }));
    }
  } catch (error) {
    results.errors.push({ id: testCase.id, mode, kind: 'stream-error', detail: String(error?.message ?? error), markdown: testCase.markdown });
    entry.failed = true;
  }
  return entry;
}

function finding(entry, fields) {
  return { id: entry.testCase.id, category: entry.testCase.category, mode: entry.mode, markdown: entry.testCase.markdown, html: clip(entry.html), ...fields };
}

function checkEntry(entry, results, seen) {
  if (entry.failed) return;
  const { forbidden, advisories } = inspect(entry.container);
  for (const item of forbidden) {
    const key = `${entry.testCase.id}|${entry.mode}|${item.kind}|${item.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    results.forbidden.push(finding(entry, item));
  }
  for (const item of advisories) {
    const key = `adv|${entry.testCase.id}|${entry.mode}|${item.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    results.advisories.push(finding(entry, item));
  }
}

const SCRIPT_DIRECTIVES = /^(script-src|script-src-elem|script-src-attr|trusted-types|require-trusted-types-for)/;

/**
 * Runs `cases` under `modes`; writes progress to window.__quireProgress and the final report to
 * window.__results.
 */
async function run({ suite = 'corpus', cases = CASES, modes = Object.keys(MODES), batchSize = 20, settleMs = 50, finalWaitMs = 500, stream = false } = {}) {
  const started = performance.now();
  const page = document.body.dataset.page;
  const host = document.getElementById('cases');
  host.replaceChildren();
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const results = {
    done: false,
    suite,
    page,
    userAgent: navigator.userAgent,
    quireVersion: version(),
    trustedTypesPolicyCaptured: Boolean(quirePolicy),
    cases: cases.length,
    modes,
    renders: 0,
    /** Intermediate states of streamed cases, each inspected. */
    states: 0,
    executions: [],
    forbidden: [],
    mismatches: [],
    advisories: [],
    errors: [],
    otherViolations: {},
    globals: [],
    elapsedMs: 0,
  };
  window.__results = results;
  const hitStart = window.__quireHits.length;
  const violationStart = window.__quireViolations.length;
  const seen = new Set();
  const entries = [];
  const batches = [];
  for (let i = 0; i < cases.length; i += batchSize) batches.push(cases.slice(i, i + batchSize));
  const baseline = globalState();

  for (const [index, batch] of batches.entries()) {
    window.__quireCurrentBatch = `${suite}#${index}`;
    window.__quireProgress = { suite, batch: index, batches: batches.length, ids: batch.map((c) => c.id) };
    const current = [];
    for (const testCase of batch) {
      for (const mode of modes) {
        current.push(stream ? await streamCase(host, testCase, mode, results) : renderCase(host, testCase, mode, results));
      }
    }
    results.renders += current.length;
    for (const entry of current) {
      if (entry.failed) continue;
      try {
        poke(entry.container);
      } catch (error) {
        results.errors.push(finding(entry, { kind: 'poke-error', detail: String(error?.message ?? error) }));
      }
    }
    await sleep(settleMs);
    for (const entry of current) {
      checkEntry(entry, results, seen);
      if (entry.failed) continue;
      try {
        for (const mismatch of checkIdempotence(entry.live, entry.html)) results.mismatches.push(finding(entry, mismatch));
      } catch (error) {
        results.errors.push(finding(entry, { kind: 'idempotence-error', detail: String(error?.message ?? error) }));
      }
    }
    for (const problem of compareGlobals(baseline)) {
      results.globals.push({ batch: index, ids: batch.map((c) => c.id), detail: problem });
    }
    entries.push(...current);
  }

  // Late handlers: failed image loads, media errors, toggles, animations, javascript: navigations.
  window.__quireCurrentBatch = `${suite}#final`;
  await sleep(finalWaitMs);
  for (const entry of entries) checkEntry(entry, results, seen);
  for (const problem of compareGlobals(baseline)) results.globals.push({ batch: 'final', ids: [], detail: problem });

  // Attribute every trap call and every blocked script to a case and mode where possible.
  const hits = window.__quireHits.slice(hitStart);
  const violations = window.__quireViolations.slice(violationStart);
  const unattributed = [];
  const attribute = (item, blocked) => {
    // The container of the event target, else the case the trap call names (in its argument, or
    // in the CSP report's sample of the blocked code).
    const named = /__quireXss\(\/([^/]+)\/\)/.exec(item.sample ?? '')?.[1];
    const id = item.caseId ?? (caseById.has(item.arg) ? item.arg : null) ?? (caseById.has(named) ? named : null);
    const testCase = id ? caseById.get(id) : null;
    const mode = item.mode ?? null;
    const entry = testCase ? entries.find((e) => e.testCase.id === id && (mode === null || e.mode === mode)) : null;
    const record = {
      id: id ?? '(unknown)',
      category: testCase?.category ?? null,
      mode: mode ?? '(unknown: the trap names the case, not the mode)',
      kind: blocked ? `csp-blocked ${item.directive}` : `trap ${item.kind}(${item.arg})`,
      blocked,
      detail: blocked ? `blocked ${item.blocked} ${item.sample}` : `event: ${item.event ?? 'none'}; ${item.stack}`,
      batch: item.batch,
      markdown: testCase?.markdown ?? null,
      html: entry ? clip(entry.html) : null,
    };
    results.executions.push(record);
    if (!testCase) unattributed.push(record);
  };
  for (const hit of hits) attribute(hit, false);
  for (const violation of violations) {
    if (SCRIPT_DIRECTIVES.test(violation.directive)) attribute(violation, true);
    else results.otherViolations[violation.directive] = (results.otherViolations[violation.directive] ?? 0) + 1;
  }

  // A trap without a case name (alert(1) in a foreign vector): re-run the cases of its batch one
  // at a time to find the culprit, if the batch is known and small.
  for (const record of unattributed) {
    const match = /#(\d+)$/.exec(record.batch ?? '');
    if (!match) continue;
    const candidates = batches[Number(match[1])] ?? [];
    record.culprits = await isolate(host, candidates, modes, record.blocked);
  }

  results.elapsedMs = Math.round(performance.now() - started);
  results.done = true;
  window.__quireCurrentBatch = null;
  return results;
}

/** Re-runs each (case, mode) alone and returns those that set off a trap or a script violation. */
async function isolate(host, candidates, modes, blocked) {
  const culprits = [];
  for (const testCase of candidates) {
    for (const mode of modes) {
      const hitsBefore = window.__quireHits.length;
      const violationsBefore = window.__quireViolations.length;
      window.__quireCurrentBatch = `isolate:${testCase.id}`;
      const entry = renderCase(host, testCase, mode, { errors: [] });
      if (!entry.failed) poke(entry.container);
      await sleep(150);
      const newHits = window.__quireHits.length - hitsBefore;
      const newBlocked = window.__quireViolations.slice(violationsBefore).filter((v) => SCRIPT_DIRECTIVES.test(v.directive)).length;
      if ((blocked ? newBlocked : newHits) > 0) culprits.push({ id: testCase.id, mode, markdown: testCase.markdown, html: clip(entry.html) });
      entry.container.remove();
    }
  }
  return culprits;
}

function summarize(results) {
  const executed = results.executions.filter((e) => !e.blocked).length;
  const blocked = results.executions.length - executed;
  return [
    `quire ${results.quireVersion} · ${results.page} page · suite ${results.suite}`,
    `cases ${results.cases} × modes ${results.modes.length} = ${results.renders} renders in ${results.elapsedMs} ms`,
    `executions ${executed} (+${blocked} blocked by CSP) · forbidden ${results.forbidden.length} · idempotence mismatches ${results.mismatches.length} · errors ${results.errors.length} · advisories ${results.advisories.length} · globals ${results.globals.length}`,
  ].join('\n');
}

await init({ sanitizer: 'eager' }); // raw HTML in every case: both modules up front
// Create quire's Trusted Types policy now (renderInto creates it lazily), so the harness has it.
renderInto(document.createElement('div'), '');

let running = null;
window.__quireSecurity = {
  ready: true,
  modes: Object.keys(MODES),
  caseCount: CASES.length,
  /** Starts a run and returns at once; poll window.__results.done. */
  start(options = {}) {
    if (running) throw new Error('a run is already in progress');
    window.__results = { done: false };
    running = run(options)
      .catch((error) => {
        window.__results = { done: true, fatal: String(error?.stack ?? error) };
      })
      .finally(() => {
        running = null;
      });
    return true;
  },
  summarize,
};

if (new URLSearchParams(location.search).has('autorun')) {
  window.__quireSecurity.start();
  await running;
  document.getElementById('summary').textContent = window.__results.fatal ?? summarize(window.__results);
}
