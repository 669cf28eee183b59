// Pages that enforce Trusted Types refuse plain strings for innerHTML and for a worker's URL. One
// policy named "quire" vouches for quire's HTML (sanitized already) and for quire's own worker
// script, nothing else. It is created once per page and shared under a registered symbol, since a
// page's CSP may allow the name only once: the wasm modules (each has a copy of this file, see
// src/wasm.rs) and quire-in-worker.js all use it.

function policy() {
  const tt = globalThis.trustedTypes;
  if (!tt || typeof tt.createPolicy !== 'function') return null;
  const key = Symbol.for('quire.trustedTypesPolicy');
  globalThis[key] ??= tt.createPolicy('quire', {
    createHTML: (html) => html,
    createScriptURL: (url) => {
      const parsed = new URL(url, globalThis.location?.href);
      if (parsed.origin !== globalThis.location?.origin || !parsed.pathname.endsWith('/quire-worker.js')) {
        throw new TypeError(`quire: the "quire" policy only vouches for quire-worker.js on this origin, not ${url}`);
      }
      return parsed.href;
    },
  });
  return globalThis[key];
}

export function quireTrustedHtml(html) {
  return policy()?.createHTML(html) ?? html;
}

export function quireTrustedScriptUrl(url) {
  return policy()?.createScriptURL(String(url)) ?? url;
}
