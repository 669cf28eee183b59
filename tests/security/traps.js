// Installed before anything else on the security test pages (a classic script, so it runs before
// the harness module and before any case is rendered). Every way a payload could announce that it
// ran ends up in window.__quireHits; CSP reports end up in window.__quireViolations.
(function () {
  'use strict';
  var hits = [];
  var violations = [];

  /** The case container (div[data-case]) an event target sits in, if any. */
  function containerOf(node) {
    while (node && node.nodeType !== 1) node = node.parentNode || node.host || null;
    return node && typeof node.closest === 'function' ? node.closest('[data-case]') : null;
  }

  /** Payloads pass their case id as a regular expression literal, /case-id/, or call alert(1). */
  function describeArgument(arg) {
    if (arg instanceof RegExp) return arg.source;
    try {
      return String(arg);
    } catch (_) {
      return '(unprintable)';
    }
  }

  function record(kind, args) {
    var event = window.event;
    var container = event ? containerOf(event.target) : null;
    hits.push({
      kind: kind,
      arg: args.length ? describeArgument(args[0]) : '',
      caseId: container ? container.getAttribute('data-case') : null,
      mode: container ? container.getAttribute('data-mode') : null,
      event: event ? event.type : null,
      batch: window.__quireCurrentBatch || null,
      stack: String(new Error().stack || '').split('\n').slice(0, 4).join(' | '),
    });
    return null;
  }

  function trap(kind) {
    return function () {
      return record(kind, Array.prototype.slice.call(arguments));
    };
  }

  // Not writable, not configurable: a payload (or a clobbering id/name) cannot swap them back.
  var names = ['alert', 'confirm', 'prompt', 'print', '__quireXss'];
  for (var i = 0; i < names.length; i++) {
    Object.defineProperty(window, names[i], { value: trap(names[i]), writable: false, configurable: false, enumerable: false });
  }
  Object.defineProperty(window, '__quireHits', { value: hits, writable: false, configurable: false });
  Object.defineProperty(window, '__quireViolations', { value: violations, writable: false, configurable: false });

  document.addEventListener(
    'securitypolicyviolation',
    function (event) {
      if (!event.isTrusted) return; // the harness's own synthetic pokes
      var container = containerOf(event.target);
      violations.push({
        directive: event.effectiveDirective || event.violatedDirective,
        blocked: String(event.blockedURI || ''),
        sample: String(event.sample || ''),
        caseId: container ? container.getAttribute('data-case') : null,
        mode: container ? container.getAttribute('data-mode') : null,
        batch: window.__quireCurrentBatch || null,
      });
    },
    true,
  );
})();
