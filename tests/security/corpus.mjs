// quire's hostile-input corpus: Markdown that tries, in every way we could think of, to get
// script to run (or a dangerous construct into the DOM) once quire's output is inserted into a
// page. Loaded by tests/security/harness.js in the browser and by xss.test.mjs in Node.
//
// Each case is { id, category, markdown }. Every payload that could execute calls a trap that
// names its case, `__quireXss(/case-id/)` (a regular expression literal, so the call needs no
// quotes and fits in any attribute or URL context), or a classic dialog (alert/confirm/prompt/
// print), which the harness traps too.
//
// Ids are stable: `<group>-<NNN>` numbered in the order of each group's list below. Add new
// cases at the END of a group (or in a new group) so existing ids keep their meaning.

/** The trap call for a case: `__quireXss(/id/)`. */
const trap = (id) => `__quireXss(/${id}/)`;

/** Every character as a decimal character reference, `&#106;` (pad: zero-padding width). */
const dec = (text, { pad = 0, semi = true } = {}) =>
  [...text].map((c) => `&#${String(c.codePointAt(0)).padStart(pad, '0')}${semi ? ';' : ''}`).join('');

/** Every character as a hexadecimal character reference, `&#x6A;`. */
const hex = (text, { pad = 0, semi = true, upper = false } = {}) =>
  [...text]
    .map((c) => `&#${upper ? 'X' : 'x'}${c.codePointAt(0).toString(16).padStart(pad, '0')}${semi ? ';' : ''}`)
    .join('');

/** Alternating case: `jAvAsCrIpT`. */
const mixed = (text) => [...text].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

/** base64 of an ASCII string (works in Node and browsers). */
const b64 = (text) => (typeof btoa === 'function' ? btoa(text) : Buffer.from(text, 'latin1').toString('base64'));

const cases = [];

/**
 * Adds a group of cases. `makers` are functions of (t) returning the Markdown, where t is
 * { id, x: trap call, js: `javascript:` + trap call }.
 */
function group(prefix, category, makers) {
  makers.forEach((make, index) => {
    const id = `${prefix}-${String(index + 1).padStart(3, '0')}`;
    const x = trap(id);
    const markdown = make({ id, x, js: `javascript:${x}` });
    if (typeof markdown !== 'string') throw new Error(`corpus: ${id} did not produce a string`);
    cases.push({ id, category, markdown });
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Event handler attributes, on elements the policy keeps and on elements it removes.
// ---------------------------------------------------------------------------------------------

const HANDLER_ON_ELEMENT = [
  ['img src=x', 'onerror'],
  ['img src="/tests/security/pixel.svg"', 'onload'],
  ['p', 'onclick'],
  ['a href="https://example.invalid/"', 'onmouseover'],
  ['a href="#top"', 'onfocus'],
  ['div tabindex=0 autofocus', 'onfocus'],
  ['span', 'onmouseenter'],
  ['strong', 'onpointerover'],
  ['em', 'onpointerenter'],
  ['code', 'onauxclick'],
  ['kbd', 'oncontextmenu'],
  ['h2', 'ondblclick'],
  ['details open', 'ontoggle'],
  ['details', 'onbeforetoggle'],
  ['summary', 'onclick'],
  ['blockquote', 'onmousedown'],
  ['table', 'onmouseup'],
  ['td', 'onmousemove'],
  ['th', 'onmouseout'],
  ['li', 'onmouseleave'],
  ['ul', 'onwheel'],
  ['pre', 'onscroll'],
  ['abbr title=t', 'onfocusin'],
  ['mark', 'onfocusout'],
  ['sup', 'onblur'],
  ['sub', 'onkeydown'],
  ['figure', 'onkeyup'],
  ['figcaption', 'onkeypress'],
  ['hr', 'onanimationstart'],
  ['h1', 'onanimationend'],
  ['div', 'onanimationiteration'],
  ['b', 'ontransitionend'],
  ['i', 'ontransitionstart'],
  ['q', 'oncopy'],
  ['cite', 'oncut'],
  ['dfn', 'onpaste'],
  ['del', 'ondrag'],
  ['ins', 'ondragstart'],
  ['small', 'ondrop'],
  ['s', 'onselect'],
  ['input type=checkbox', 'onchange'],
  ['input type=checkbox', 'oninput'],
  ['input type=checkbox', 'onclick'],
  ['input type=text autofocus', 'onfocus'],
  ['input type=image src=x', 'onerror'],
  ['textarea autofocus', 'onfocus'],
  ['select autofocus', 'onfocus'],
  ['button', 'onclick'],
  ['form', 'onsubmit'],
  ['input required', 'oninvalid'],
  ['video src=x', 'onerror'],
  ['video', 'onloadstart'],
  ['audio src=x', 'onerror'],
  ['audio autoplay src=x', 'onplay'],
  ['body', 'onload'],
  ['body', 'onpageshow'],
  ['body', 'onhashchange'],
  ['body', 'onresize'],
  ['svg', 'onload'],
  ['svg', 'onclick'],
  ['iframe', 'onload'],
  ['object data=x', 'onerror'],
  ['embed src=x', 'onload'],
  ['marquee', 'onstart'],
  ['style', 'onload'],
  ['link rel=stylesheet href=x', 'onerror'],
  ['script src=x', 'onerror'],
  ['source src=x', 'onerror'],
  ['track src=x', 'onerror'],
  ['frameset', 'onload'],
  ['img src=x', 'OnErRoR'],
  ['img src=x', 'ONERROR'],
  ['a href=x', 'onpointerdown'],
  ['dialog open', 'onclose'],
  ['p', 'onbeforeinput'],
  ['p', 'oncontentvisibilityautostatechange'],
  ['div popover', 'onbeforetoggle'],
  ['p', 'onsecuritypolicyviolation'],
];

group(
  'html-event',
  'event-handler',
  HANDLER_ON_ELEMENT.map(([open, handler]) => (t) => {
    const name = open.split(' ')[0];
    return `Before <${open} ${handler}="${t.x}">${name === 'img' || name === 'input' ? '' : `bait</${name}>`} after.`;
  }),
);

// Handler attributes hidden by tokenizer quirks: unquoted, slashes instead of spaces, no space
// after a quote, duplicates, weird whitespace, entity-encoded values, blocks instead of inline.
group('html-event-syntax', 'event-handler', [
  (t) => `<img src=x onerror=${t.x}>`,
  (t) => `<img/src=x/onerror=${t.x}>`,
  (t) => `<img src="x"onerror="${t.x}">`,
  (t) => `<img src=x onerror\t=\t"${t.x}">`,
  (t) => `<img src=x\nonerror=\n"${t.x}">`,
  (t) => `<img src=x onerror="${t.x}" onerror="${t.x}">`,
  (t) => `<img src=x onerror='${t.x}'>`,
  (t) => `<img src=x onerror=\`${t.x}\`>`,
  (t) => `<img src=x onerror="${dec(t.x)}">`,
  (t) => `<img src=x onerror="${hex(t.x, { semi: false })}">`,
  (t) => `<img src=x ="" onerror="${t.x}">`,
  (t) => `<img src=x "onerror="${t.x}">`,
  (t) => `<img src=x x=" onerror="${t.x}">`,
  (t) => `<img src=x\u000bonerror=${t.x}>`,
  (t) => `<img src=x\u000conerror=${t.x}>`,
  (t) => `<div>\n<img src=x onerror="${t.x}">\n</div>`,
  (t) => `<img src=x onerror="${t.x}"\n/>\n\nafter`,
  (t) => `<a href="#" onclick="${t.x}" onclick2="x">click</a>`,
  (t) => `<p onclick="${t.x}">block paragraph</p>`,
  (t) => `<IMG SRC=x ONERROR="${t.x}">`,
  (t) => `<img src=x on\u0000error="${t.x}">`,
  (t) => `<img src=x onerror\u00a0="${t.x}">`,
  (t) => `<svg><a onclick="${t.x}"><text>t</text></a></svg>`,
  (t) => `<details open ontoggle=${t.x}><summary>s</summary>d</details>`,
  (t) => `<img src=x onerror=alert(1)>`,
  (t) => `<img src=x onerror=confirm(document.domain)>`,
  (t) => `<body onload=prompt(1)>`,
  (t) => `<p onmouseover=print()>hover</p>`,
]);

// ---------------------------------------------------------------------------------------------
// 2. Script-capable URL schemes in every URL attribute, with every encoding trick.
// ---------------------------------------------------------------------------------------------

/** Ways to spell the `javascript:` + code URL. */
const JS_SPELLINGS = [
  ['plain', (x) => `javascript:${x}`],
  ['upper', (x) => `JAVASCRIPT:${x}`],
  ['mixed', (x) => `${mixed('javascript')}:${x}`],
  ['dec', (x) => dec(`javascript:${x}`)],
  ['dec-pad', (x) => dec(`javascript:${x}`, { pad: 7 })],
  ['dec-nosemi', (x) => dec('javascript:', { semi: false }) + x],
  ['hex', (x) => hex(`javascript:${x}`)],
  ['hex-pad-nosemi', (x) => hex('javascript:', { pad: 6, semi: false }) + x],
  ['hex-upper', (x) => hex('javascript:', { upper: true }) + x],
  ['tab', (x) => `java\tscript:${x}`],
  ['tab-entity', (x) => `jav&#x09;ascript:${x}`],
  ['newline-entity', (x) => `jav&#x0A;ascript:${x}`],
  ['cr-entity', (x) => `java&#13;script:${x}`],
  ['named-tab', (x) => `java&Tab;script&colon;${x}`],
  ['named-newline', (x) => `javas&NewLine;cript&colon;${x}`],
  ['nul', (x) => `java\u0000script:${x}`],
  ['nul-entity', (x) => `java&#0;script:${x}`],
  ['leading-space', (x) => `  javascript:${x}`],
  ['leading-control', (x) => `\u0001\u0002javascript:${x}`],
  ['leading-control-entity', (x) => `&#14;javascript:${x}`],
  ['leading-nbsp', (x) => `&#160;javascript:${x}`],
  ['colon-entity', (x) => `javascript&colon;${x}`],
  ['colon-dec', (x) => `javascript&#58;${x}`],
  ['colon-hex-nosemi', (x) => `javascript&#x3a${x}`],
  ['percent', (x) => `javascript%3A${x}`],
  ['trailing-space-scheme', (x) => `javascript :${x}`],
];

/** Element/attribute pairs that take URLs. */
const URL_SLOTS = [
  ['a', 'href', (url) => `<a href="${url}">link</a>`],
  ['img', 'src', (url) => `<img src="${url}">`],
  ['iframe', 'src', (url) => `<iframe src="${url}"></iframe>`],
  ['form', 'action', (url) => `<form action="${url}"><button>go</button></form>`],
  ['button', 'formaction', (url) => `<form><button formaction="${url}">go</button></form>`],
  ['input', 'formaction', (url) => `<form><input type=submit formaction="${url}"></form>`],
  ['svg-a', 'xlink:href', (url) => `<svg><a xlink:href="${url}"><text x=10 y=10>t</text></a></svg>`],
  ['svg-a', 'href', (url) => `<svg><a href="${url}"><circle r=40></circle></a></svg>`],
  ['math', 'href', (url) => `<math href="${url}"><mi>x</mi></math>`],
  ['img', 'srcset', (url) => `<img srcset="${url} 1x" src=y>`],
  ['video', 'poster', (url) => `<video poster="${url}"></video>`],
  ['table', 'background', (url) => `<table background="${url}"><tr><td>c</td></tr></table>`],
  ['object', 'data', (url) => `<object data="${url}"></object>`],
  ['embed', 'src', (url) => `<embed src="${url}">`],
  ['area', 'href', (url) => `<map name=m><area shape=rect coords=0,0,9,9 href="${url}"></map>`],
  ['base', 'href', (url) => `<base href="${url}">`],
  ['link', 'href', (url) => `<link rel=prefetch href="${url}">`],
  ['frame', 'src', (url) => `<frameset><frame src="${url}"></frameset>`],
  ['blockquote', 'cite', (url) => `<blockquote cite="${url}">quoted</blockquote>`],
  ['input', 'src', (url) => `<input type=image src="${url}">`],
];

// Every spelling on the attribute that matters most (a href), and the plain and hardest spellings
// on every other slot.
group(
  'url-js-href',
  'url-scheme',
  JS_SPELLINGS.map(([, spell]) => (t) => `<a href="${spell(t.x)}">link</a> and <img src="${spell(t.x)}">`),
);
group(
  'url-js-slot',
  'url-scheme',
  URL_SLOTS.flatMap(([, , markup]) => [
    (t) => markup(`javascript:${t.x}`),
    (t) => markup(dec(`javascript:${t.x}`, { pad: 3, semi: false })),
    (t) => markup(`\u0001 ${mixed('javascript')}&Tab;:${t.x}`),
  ]),
);
group('url-other-scheme', 'url-scheme', [
  (t) => `<a href="vbscript:msgbox(1)">vb</a>`,
  (t) => `<a href="VBScript:${t.x}">vb</a>`,
  (t) => `<a href="${dec('vbscript:')}${t.x}">vb</a>`,
  (t) => `<a href="data:text/html,<script>${t.x}</script>">data html</a>`,
  (t) => `<a href="data:text/html;base64,${b64(`<script>parent.${t.x}</script>`)}">data b64</a>`,
  (t) => `<a href="DATA:text/html,<svg onload=${t.x}>">upper data</a>`,
  (t) => `<a href="${hex('data:')}text/html,<script>${t.x}</script>">hex data</a>`,
  (t) => `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${t.x}'/>">`,
  (t) => `<iframe src="data:text/html,<script>parent.${t.x}</script>"></iframe>`,
  (t) => `<object data="data:text/html;base64,${b64(`<script>parent.${t.x}</script>`)}"></object>`,
  (t) => `<embed src="data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="parent.${t.x}"/>`)}">`,
  (t) => `<a href="livescript:${t.x}">livescript</a>`,
  (t) => `<a href="mocha:${t.x}">mocha</a>`,
  (t) => `<a href="blob:${'http://127.0.0.1/'}x">blob</a>`,
  (t) => `<a href="filesystem:http://127.0.0.1/temporary/x">fs</a>`,
  (t) => `<a href="jar:http://127.0.0.1/x!/y">jar</a>`,
  (t) => `<a href="view-source:javascript:${t.x}">view-source</a>`,
  (t) => `<a href="feed:javascript:${t.x}">feed</a>`,
  (t) => `<a href="mailto:x@example.invalid?body=%3Cscript%3E${t.x}%3C%2Fscript%3E">mail</a>`,
  (t) => `<a href="tel:javascript:${t.x}">tel</a>`,
  (t) => `<a href="https:javascript:${t.x}">https prefix</a>`,
  (t) => `<a href="//javascript:${t.x}">protocol relative</a>`,
  (t) => `<a href="\\\\javascript:${t.x}">backslashes</a>`,
  (t) => `<img srcset="x 1x, javascript:${t.x} 2x">`,
  (t) => `<img srcset="data:image/svg+xml,<svg/onload=${t.x}> 1x">`,
  (t) => `<picture><source srcset="javascript:${t.x}"><img src=x></picture>`,
  (t) => `<video><source src="javascript:${t.x}"></video>`,
  (t) => `<a ping="javascript:${t.x}" href="https://example.invalid/">ping</a>`,
  (t) => `<img longdesc="javascript:${t.x}" src=x>`,
  (t) => `<img lowsrc="javascript:${t.x}" dynsrc="javascript:${t.x}" src=x>`,
  (t) => `<q cite="javascript:${t.x}">q</q> <del cite="javascript:${t.x}">d</del>`,
]);

// ---------------------------------------------------------------------------------------------
// 3. Dangerous elements, and elements whose content the parser treats specially.
// ---------------------------------------------------------------------------------------------

group('html-element', 'element', [
  (t) => `<script>${t.x}</script>`,
  (t) => `<script src="data:,${t.x}"></script>`,
  (t) => `<SCRIPT>${t.x}</SCRIPT>`,
  (t) => `<script type=module>${t.x}</script>`,
  (t) => `<scr<script>ipt>${t.x}</scr</script>ipt>`,
  (t) => `<script\n>${t.x}</script\n>`,
  (t) => `<script>/*</script><img src=x onerror=${t.x}>*/</script>`,
  (t) => `<style>@import 'javascript:${t.x}';</style>`,
  (t) => `<style></style><img src=x onerror="${t.x}"><style>`,
  (t) => `<style>*{background:url("javascript:${t.x}")}</style>`,
  (t) => `<p style="background:url(javascript:${t.x})">styled</p>`,
  (t) => `<div style="x:expression(${t.x})">ie expression</div>`,
  (t) => `<template><img src=x onerror=${t.x}></template>`,
  (t) => `<template><script>${t.x}</script></template>`,
  (t) => `<noscript><p title="</noscript><img src=x onerror=${t.x}>">`,
  (t) => `<noscript><style></noscript><img src=x onerror="${t.x}"></style></noscript>`,
  (t) => `<select><template><img src=x onerror=${t.x}></template></select>`,
  (t) => `<select><option><img src=x onerror=${t.x}></option></select>`,
  (t) => `<select><style></select><img src=x onerror=${t.x}></style>`,
  (t) => `<textarea></textarea><img src=x onerror=${t.x}></textarea>`,
  (t) => `<textarea><img src=x onerror=${t.x}></textarea>`,
  (t) => `<title><img src=x onerror=${t.x}></title>`,
  (t) => `<title></title><img src=x onerror=${t.x}>`,
  (t) => `<xmp><img src=x onerror=${t.x}></xmp>`,
  (t) => `<xmp></xmp><img src=x onerror=${t.x}></xmp>`,
  (t) => `<plaintext><img src=x onerror=${t.x}>`,
  (t) => `<noembed><img src=x onerror=${t.x}></noembed>`,
  (t) => `<noframes><img src=x onerror=${t.x}></noframes>`,
  (t) => `<iframe srcdoc="<script>parent.${t.x}</script>"></iframe>`,
  (t) => `<iframe srcdoc="&lt;img src=x onerror=parent.${t.x}&gt;"></iframe>`,
  (t) => `<iframe src="/tests/security/page.html" onload="${t.x}"></iframe>`,
  (t) => `<object data="/tests/security/page.html" type="text/html"></object>`,
  (t) => `<object><param name=src value="javascript:${t.x}"></object>`,
  (t) => `<embed type="image/svg+xml" src="/tests/security/pixel.svg">`,
  (t) => `<applet code="x" codebase="javascript:${t.x}"></applet>`,
  (t) => `<base href="javascript:${t.x}//"><a href="/x">relative</a>`,
  (t) => `<base href="https://example.invalid/"><a href="x">relative</a>`,
  (t) => `<meta http-equiv="refresh" content="0;url=javascript:${t.x}">`,
  (t) => `<meta http-equiv="Content-Security-Policy" content="script-src *">`,
  (t) => `<meta charset="utf-7">+ADw-script+AD4-${t.x}+ADw-/script+AD4-`,
  (t) => `<form id=f action="javascript:${t.x}"><input name=q value=1><button>go</button></form>`,
  (t) => `<button form=f formaction="javascript:${t.x}">outside form</button>`,
  (t) => `<form><button formaction="javascript:${t.x}" type=submit>submit</button></form>`,
  (t) => `<isindex action="javascript:${t.x}" type=image>`,
  (t) => `<link rel=import href="data:text/html,<script>${t.x}</script>">`,
  (t) => `<link rel=stylesheet href="data:text/css,*{x:y}">`,
  (t) => `<svg><animate attributeName=href values="javascript:${t.x}" /><a><text y=20>anim</text></a></svg>`,
  (t) => `<svg><a><animate attributeName=href to="javascript:${t.x}" begin=0 /><text y=20>anim to</text></a></svg>`,
  (t) => `<svg><set attributeName="xlink:href" to="javascript:${t.x}" /></svg>`,
  (t) => `<svg><a><set attributeName=href to="javascript:${t.x}"/><text y=20>set</text></a></svg>`,
  (t) => `<svg><animate onbegin="${t.x}" attributeName=x dur=1s /></svg>`,
  (t) => `<svg><script>${t.x}</script></svg>`,
  (t) => `<svg><script href="data:,${t.x}" /></svg>`,
  (t) => `<svg><foreignObject><img src=x onerror=${t.x}></foreignObject></svg>`,
  (t) => `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${t.x}'/></svg>#x" /></svg>`,
  (t) => `<svg><image href=x onerror="${t.x}" /></svg>`,
  (t) => `<math><maction actiontype=statusline xlink:href="javascript:${t.x}">m</maction></math>`,
  (t) => `<frameset onload=${t.x}><frame src=x></frameset>`,
  (t) => `<video><source onerror="${t.x}"></video>`,
  (t) => `<audio src=x onerror=${t.x}></audio>`,
  (t) => `<marquee onstart=${t.x}>scroll</marquee>`,
  (t) => `<portal src="javascript:${t.x}"></portal>`,
  (t) => `<keygen autofocus onfocus=${t.x}>`,
  (t) => `<image src=x onerror=${t.x}>`,
  (t) => `<input type=hidden value=secret><input type=password><input type=file>`,
  (t) => `<input type=checkbox onclick=${t.x}> <input type=checkbox checked>`,
  (t) => `<slot name=x onclick=${t.x}>slot</slot>`,
  (t) => `<custom-element onclick=${t.x}>custom</custom-element>`,
  (t) => `<div is="x-y" onclick=${t.x}>is</div>`,
  (t) => `<xss:script xmlns:xss="http://www.w3.org/1999/xhtml">${t.x}</xss:script>`,
  (t) => `<dialog open><form method=dialog><button onclick=${t.x}>close</button></form></dialog>`,
  (t) => `<div popover id=p>pop</div><button popovertarget=p onclick=${t.x}>open</button>`,
  (t) => `<object type="application/x-shockwave-flash" data="x"><param name=allowScriptAccess value=always></object>`,
]);

// SVG and MathML namespace confusion: content that is text in one namespace and markup in another.
group('namespace', 'namespace', [
  (t) => `<svg><style><img src=x onerror=${t.x}></style></svg>`,
  (t) => `<svg></p><style><a id="</style><img src=x onerror=${t.x}>">`,
  (t) => `<math><style><img src=x onerror=${t.x}></style></math>`,
  (t) => `<math><mtext><table><mglyph><style><img src=x onerror=${t.x}></style></mglyph></table></mtext></math>`,
  (t) => `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src=x onerror=${t.x}>"></style></mtext></svg></mglyph></h1></mtext></math>`,
  (t) => `<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=${t.x}>`,
  (t) => `<svg><desc><style><img src=x onerror=${t.x}></style></desc></svg>`,
  (t) => `<svg><title><style><img src=x onerror=${t.x}></style></title></svg>`,
  (t) => `<svg><foreignObject><style><img src=x onerror=${t.x}></style></foreignObject></svg>`,
  (t) => `<math><annotation-xml encoding="text/html"><style><img src=x onerror=${t.x}></style></annotation-xml></math>`,
  (t) => `<math><annotation-xml encoding="application/xhtml+xml"><img src=x onerror=${t.x}></annotation-xml></math>`,
  (t) => `<svg><![CDATA[><img src=x onerror=${t.x}>]]></svg>`,
  (t) => `<svg><p><style><img src=x onerror=${t.x}></style></p></svg>`,
  (t) => `<math><mi><svg><style><img src=x onerror=${t.x}></style></svg></mi></math>`,
  (t) => `<table><svg><style><img src=x onerror=${t.x}></style></svg></table>`,
  (t) => `<svg><noscript><img src=x onerror=${t.x}></noscript></svg>`,
  (t) => `<noscript><svg><style><img src=x onerror=${t.x}></style></svg></noscript>`,
  (t) => `<svg><iframe><img src=x onerror=${t.x}></iframe></svg>`,
  (t) => `<svg><xmp><img src=x onerror=${t.x}></xmp></svg>`,
  (t) => `<svg><textarea><img src=x onerror=${t.x}></textarea></svg>`,
  (t) => `<math><mtext><select><mglyph><style><img src=x onerror=${t.x}>`,
  (t) => `<svg><a xlink:href="javascript:${t.x}"><rect width=50 height=50 /></a></svg>`,
  (t) => `<svg xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:${t.x}"><rect width=9 height=9 /></a></svg>`,
  (t) => `<svg><svg onload=${t.x}></svg></svg>`,
  (t) => `<svg><feImage href="javascript:${t.x}" /></svg>`,
  (t) => `<math><mi xlink:href="data:x,<script>${t.x}</script>">m</mi></math>`,
]);

// Comments, CDATA, processing instructions and doctypes used to hide or reveal markup.
group('comment', 'comment-cdata', [
  (t) => `<!--><img src=x onerror=${t.x}>-->`,
  (t) => `<!---><img src=x onerror=${t.x}>-->`,
  (t) => `<!-- --!><img src=x onerror=${t.x}> -->`,
  (t) => `<!-- a -- b --><img src=x onerror=${t.x}>`,
  (t) => `<!--<img src=x onerror=${t.x}>-->`,
  (t) => `<!-- <a title="--><img src=x onerror=${t.x}>"> -->`,
  (t) => `<a title="<!--"><img src=x onerror=${t.x}>-->">x</a>`,
  (t) => `<![CDATA[<img src=x onerror=${t.x}>]]>`,
  (t) => `<![CDATA[ ]]><img src=x onerror=${t.x}>`,
  (t) => `<?xml version="1.0"?><img src=x onerror=${t.x}>`,
  (t) => `<? ><img src=x onerror=${t.x}> ?>`,
  (t) => `<!DOCTYPE html><img src=x onerror=${t.x}>`,
  (t) => `<!x><img src=x onerror=${t.x}>`,
  (t) => `<!--\n\n<img src=x onerror=${t.x}>\n\n-->`,
  (t) => `Text <!-- inline <script>${t.x}</script> --> text`,
  (t) => `<!--[if IE]><img src=x onerror=${t.x}><![endif]-->`,
]);

// Unclosed tags, broken quoting and attribute values that try to break out.
group('html-break', 'markup-breaking', [
  (t) => `<img src="x" alt="\\"onerror=${t.x}//">`,
  (t) => `<img src=x alt='a' onerror='${t.x}' title='b>`,
  (t) => `<a href="https://example.invalid/" title="a" onclick="${t.x}" x=">link</a>`,
  (t) => `<img src="x\` \`<script>${t.x}</script>"\` \`>`,
  (t) => `<img alt="x" src="x" onerror=${t.x}`,
  (t) => `<img src=x onerror=${t.x}\n\nnext paragraph`,
  (t) => `<a href="https://example.invalid/<script>${t.x}</script>">x</a>`,
  (t) => `<img src="x" alt="</p><img src=x onerror=${t.x}>">`,
  (t) => `<div title="</div><img src=x onerror=${t.x}>">d</div>`,
  (t) => `<<img src=x onerror=${t.x}>>`,
  (t) => `<img src=x onerror=${t.x}//`,
  (t) => `<a href="x" <img src=x onerror=${t.x}>>a</a>`,
  (t) => `<p>unclosed <b><i><a href="x"><img src=x onerror=${t.x}>`,
  (t) => `</p><img src=x onerror=${t.x}><p>`,
  (t) => `</div></td></table><img src=x onerror=${t.x}>`,
  (t) => `<table><tr><td><img src=x onerror=${t.x}></table>`,
  (t) => `<table><img src=x onerror=${t.x}><tr><td>foster parented</td></tr></table>`,
  (t) => `<a href="x"><a href="javascript:${t.x}">nested</a></a>`,
  (t) => `<img src="x" alt="${'\u2028'}" onerror="${t.x}">`,
  (t) => `<img src=x alt="&quot; onerror=&quot;${t.x}">`,
  (t) => `<img src=x alt=\`\` onerror=${t.x}>`,
  (t) => `<div id="a"\u0000onclick="${t.x}">nul between</div>`,
  (t) => `<img src=x onerror="${t.x}"/ title="a">`,
  (t) => `<img src=x title="\n\n" onerror="${t.x}">`,
  (t) => `<img\n\nsrc=x onerror=${t.x}>`,
]);

// DOM clobbering: ids and names that would shadow globals or document properties.
group('clobber', 'dom-clobbering', [
  (t) => `<img id="location" src=x> <a id="location" href="javascript:${t.x}">l</a>`,
  (t) => `<img name="cookie" src=x> <form name="cookie"></form>`,
  (t) => `<img name="getElementById" src=x><img name="getElementById" src=y>`,
  (t) => `<a id="__proto__" href="x">proto</a> <a id="__quireXss" href="x">trap</a>`,
  (t) => `<form name="body"><input name="innerHTML"></form>`,
  (t) => `<form id="x"><input id="attributes"><input name="nodeName"></form>`,
  (t) => `<a id="defaultView" href="x">d</a><a id="defaultView" name="alert" href="javascript:${t.x}">a</a>`,
  (t) => `<img name="currentScript" src=x>`,
  (t) => `<img id="alert" src=x><img id="confirm" src=x>`,
  (t) => `<embed name="title"><object name="domain"></object>`,
  (t) => `<div id="user-content-x">already prefixed</div><div id="user-content-">empty rest</div>`,
  (t) => `<h2 id="location">heading with id</h2>`,
  (t) => `<a href="#location">in-page</a> <a href="#__proto__">proto</a>`,
  (t) => `<iframe name="self" src=x></iframe><iframe name="top"></iframe>`,
  (t) => `<p id="  location  ">spaces</p><p id="">empty</p>`,
  (t) => `<p id="location" id="cookie">duplicate ids</p>`,
  (t) => `<map name="status"><area id="status" href="x"></map>`,
  (t) => `# location\n\n## cookie\n\n### getElementById\n\n#### __proto__`,
]);

// ---------------------------------------------------------------------------------------------
// 4. Markdown constructs: links, images, definitions, autolinks.
// ---------------------------------------------------------------------------------------------

group('md-link', 'markdown-link', [
  (t) => `[x](${t.js})`,
  (t) => `[x](<${t.js}>)`,
  (t) => `[x](java&#115;cript:${t.x})`,
  (t) => `[x](java&#x73;cript:${t.x})`,
  (t) => `[x](JAVASCRIPT:${t.x})`,
  (t) => `[x](JaVaScRiPt:${t.x})`,
  (t) => `[x](javascript&colon;${t.x})`,
  (t) => `[x]( javascript:${t.x})`,
  (t) => `[x](\n${t.js}\n)`,
  (t) => `[x](${dec('javascript:')}${t.x})`,
  (t) => `[x](${hex('javascript:', { semi: false })}${t.x})`,
  (t) => `[x](jav\tascript:${t.x})`,
  (t) => `[x](<jav\tascript:${t.x}>)`,
  (t) => `[x](<java\nscript:${t.x}>)`,
  (t) => `[x](java%09script:${t.x})`,
  (t) => `[x](java\\script:${t.x})`,
  (t) => `[x](javascript\\:${t.x})`,
  (t) => `[x](\u0001javascript:${t.x})`,
  (t) => `[x](java\u0000script:${t.x})`,
  (t) => `[x](&#0;javascript:${t.x})`,
  (t) => `[x](vbscript:msgbox(1))`,
  (t) => `[x](VBSCRIPT:${t.x})`,
  (t) => `[x](data:text/html;base64,${b64(`<script>parent.${t.x}</script>`)})`,
  (t) => `[x](data:text/html,%3Cscript%3E${t.x}%3C/script%3E)`,
  (t) => `[x](DaTa:text/html,<svg/onload=${t.x}>)`,
  (t) => `![x](${t.js})`,
  (t) => `![x](<javascript:${t.x}>)`,
  (t) => `![x](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${t.x}"/>`)})`,
  (t) => `![x" onerror="${t.x}](x)`,
  (t) => `![x](x" onerror="${t.x})`,
  (t) => `![x](<x" onerror="${t.x}>)`,
  (t) => `[x](https://example.invalid/" onclick="${t.x})`,
  (t) => `[x](<https://example.invalid/"onmouseover="${t.x}>)`,
  (t) => `[x](https://example.invalid/?q=<script>${t.x}</script>)`,
  (t) => `[x](#"onclick="${t.x})`,
  (t) => `[x](?javascript:${t.x}) [y](/javascript:${t.x}) [z](./javascript:${t.x})`,
  (t) => `[x](javascript:/*https://example.invalid/*/${t.x})`,
  (t) => `[x](javascript://%0A${t.x})`,
  (t) => `[x](javascript://example.invalid/%0a${t.x})`,
  (t) => `[![img](x)](${t.js})`,
  (t) => `[x][1]\n\n[1]: ${t.js}`,
  (t) => `[x]\n\n[x]: <javascript:${t.x}>`,
  (t) => `[x][]\n\n[X]: ${dec('javascript:', { semi: false })}${t.x} "t"`,
  (t) => `![x][i]\n\n[i]: ${t.js}`,
  (t) => `[x][r]\n\n[r]:\n  ${t.js}\n  'title'`,
  (t) => `[x](${t.js} "title")`,
  (t) => `[x](javascript:${t.x}#https://example.invalid/)`,
  (t) => `[<img src=x onerror=${t.x}>](https://example.invalid/)`,
  (t) => `[x](<https://example.invalid/><img src=x onerror=${t.x}>)`,
  (t) => `[x](javascript:${encodeURIComponent(t.x)})`,
]);

group('md-title', 'markdown-title', [
  (t) => `[x](https://example.invalid/ "a\\" onclick=\\"${t.x}")`,
  (t) => `[x](https://example.invalid/ 'a" onmouseover="${t.x}')`,
  (t) => `[x](https://example.invalid/ (a" onfocus="${t.x}" autofocus="))`,
  (t) => `![x](x "a&quot; onerror=&quot;${t.x}")`,
  (t) => `![x](x 'a&#34; onerror=&#34;${t.x}')`,
  (t) => `[x](x "<script>${t.x}</script>")`,
  (t) => `[x](x "a\n\n" onclick="${t.x}")`,
  (t) => `[x][t]\n\n[t]: https://example.invalid/ "a\\" onclick=\\"${t.x}"`,
  (t) => `[x][t]\n\n[t]: https://example.invalid/\n  'a" onclick="${t.x}'`,
  (t) => `![x](x "\`\` onerror=${t.x}")`,
  (t) => `[x](x "&#x22; onclick=&#x22;${t.x}")`,
]);

group('md-autolink', 'markdown-autolink', [
  (t) => `<${t.js}>`,
  (t) => `<JavaScript:${t.x}>`,
  (t) => `<vbscript:${t.x}>`,
  (t) => `<data:text/html,<script>${t.x}</script>>`,
  (t) => `<data:text/html;base64,${b64(`<script>${t.x}</script>`)}>`,
  (t) => `<javascript:${t.x}@example.invalid>`,
  (t) => `<https://example.invalid/"onclick="${t.x}>`,
  (t) => `<https://example.invalid/'onclick='${t.x}>`,
  (t) => `<mailto:x@example.invalid"onclick="${t.x}>`,
  (t) => `<x@example.invalid"onclick="${t.x}">`,
  (t) => `https://example.invalid/"onclick="${t.x} www.example.invalid/<script>${t.x}</script>`,
  (t) => `www.example.invalid/?"><img src=x onerror=${t.x}>`,
  (t) => `<${dec('javascript')}:${t.x}>`,
]);

// ---------------------------------------------------------------------------------------------
// 5. Other Markdown constructs that end up in attributes or next to raw HTML.
// ---------------------------------------------------------------------------------------------

group('md-heading', 'markdown-heading', [
  (t) => `# <img src=x onerror=${t.x}>`,
  (t) => `# Title {#x onclick=${t.x}}`,
  (t) => `## Title {#location .x onmouseover="${t.x}"}`,
  (t) => `## Title {id="a" onclick="${t.x}"}`,
  (t) => `### Title {#"><img src=x onerror=${t.x}>}`,
  (t) => `Setext <b onclick=${t.x}>heading</b>\n===`,
  (t) => `# "><script>${t.x}</script>`,
  (t) => `# a\n# a\n# a-1\n\n[jump](#a-1)`,
  (t) => `# javascript:${t.x}\n\n[self](#javascript${t.x.replace(/[^a-z]/gi, '')})`,
  (t) => `# __proto__\n\n# constructor`,
  (t) => `#### Heading with [link](${t.js}) and \`<code>\``,
]);

group('md-code', 'markdown-code', [
  (t) => `\`\`\`"><script>${t.x}</script>\nbody\n\`\`\``,
  (t) => `\`\`\`js" onclick="${t.x}\nbody\n\`\`\``,
  (t) => `\`\`\`<img src=x onerror=${t.x}>\nbody\n\`\`\``,
  (t) => `~~~ rust onmouseover=${t.x}\nbody\n~~~`,
  (t) => `\`\`\`javascript:${t.x}\nbody\n\`\`\``,
  (t) => `\`\`\`&quot;&gt;&lt;img src=x onerror=${t.x}&gt;\nbody\n\`\`\``,
  (t) => `\`\`\`{.x onclick=${t.x}}\nbody\n\`\`\``,
  (t) => `\`\`\`\n</code></pre><img src=x onerror=${t.x}>\n\`\`\``,
  (t) => `\`</code><img src=x onerror=${t.x}>\``,
  (t) => `    <img src=x onerror=${t.x}>`,
  (t) => `\`\`\`math\n</code><script>${t.x}</script>\n\`\`\``,
  (t) => `\`\`\`mermaid\nclick A href "javascript:${t.x}"\n\`\`\``,
]);

group('md-footnote', 'markdown-footnote', [
  (t) => `Text[^a"onclick="${t.x}]\n\n[^a"onclick="${t.x}]: note`,
  (t) => `Text[^<img src=x onerror=${t.x}>]\n\n[^<img src=x onerror=${t.x}>]: note`,
  (t) => `Text[^location]\n\n[^location]: clobber`,
  (t) => `Text[^1]\n\n[^1]: <img src=x onerror=${t.x}>`,
  (t) => `Text[^1]\n\n[^1]: [x](${t.js})`,
  (t) => `Text[^javascript:${t.x}]\n\n[^javascript:${t.x}]: label`,
  (t) => `Text[^__proto__]\n\n[^__proto__]: proto`,
  (t) => `Text[^x]\n\n[^x]:\n    <script>${t.x}</script>`,
]);

group('md-table', 'markdown-table', [
  (t) => `| a | b |\n|---|---|\n| <img src=x onerror=${t.x}> | c |`,
  (t) => `| <script>${t.x}</script> | b |\n|---|---|\n| c | d |`,
  (t) => `| a | b |\n|:---|---:|\n| [x](${t.js}) | <a href="javascript:${t.x}">y</a> |`,
  (t) => `| a |\n|---|\n| <td onclick=${t.x}>cell</td> |`,
  (t) => `| a |\n|---|\n| </table><img src=x onerror=${t.x}> |`,
  (t) => `<table><tr><td style="text-align: center;background:url(javascript:${t.x})">c</td></tr></table>`,
  (t) => `| a \\| <img src=x onerror=${t.x} \\| b |\n|---|\n| c |`,
  (t) => `| a |\n|---|\n| <td style="text-align: left" onmouseover="${t.x}"> |`,
]);

group('md-tasklist', 'markdown-tasklist', [
  (t) => `- [x] <input type=checkbox onclick=${t.x}>done`,
  (t) => `- [ ] <input type="text" autofocus onfocus="${t.x}">`,
  (t) => `- [ ] <input type=checkbox checked disabled=false onchange=${t.x}>`,
  (t) => `- [x] [x](${t.js})`,
]);

group('md-alert', 'markdown-alert', [
  (t) => `> [!NOTE]\n> <img src=x onerror=${t.x}>`,
  (t) => `> [!WARNING]\n> [x](${t.js})`,
  (t) => `> [!<script>${t.x}</script>]\n> body`,
  (t) => `> [!NOTE" onclick="${t.x}]\n> body`,
  (t) => `> [!TIP]\n> <details open ontoggle=${t.x}><summary>s</summary></details>`,
  (t) => `> [!CAUTION]\n>\n> <svg onload=${t.x}>`,
]);

group('md-frontmatter', 'markdown-frontmatter', [
  (t) => `---\ntitle: "<script>${t.x}</script>"\n---\n\nbody`,
  (t) => `---\ntitle: <img src=x onerror=${t.x}>\n---\n\nbody`,
  (t) => `---\nauthor: "[x](${t.js})"\nurl: "${t.js}"\n---\n\nbody`,
  (t) => `---\ntitle: '" onclick="${t.x}'\nimage: "javascript:${t.x}"\n---\n\nbody`,
  (t) => `+++\ntitle = "<script>${t.x}</script>"\n+++\n\nbody`,
  (t) => `---\n__proto__: {polluted: true}\nconstructor: {prototype: {x: 1}}\n---\n\nbody`,
  (t) => `---\ntags: [<svg onload=${t.x}>]\n---\n# Heading`,
  (t) => `---\nlang: 'en" onclick="${t.x}'\ndir: 'rtl" onmouseover="${t.x}'\n---\n\nbody`,
  (t) => `---\ndate: '2024-01-01" onclick="${t.x}'\nupdated: "<img src=x onerror=${t.x}>"\n---\n\nbody`,
  (t) => `---\ncanonical: "javascript:${t.x}"\nimage: "data:text/html,<script>${t.x}</script>"\n---\n\nbody`,
  (t) => `---\nauthors:\n  - "<img src=x onerror=${t.x}>"\n  - '" onclick="${t.x}'\ndescription: "<svg onload=${t.x}>"\n---\n\nbody`,
  (t) => `+++\nlang = "en\\" onclick=\\"${t.x}"\ndate = 2024-01-01T00:00:00Z\ntitle = "<img src=x onerror=${t.x}>"\n+++\n\nbody`,
  (t) => `---\ntitle: !!js/function "function () { ${t.x} }"\nauthor: !<tag:yaml.org,2002:js/undefined> ''\n---\n\nbody`,
  (t) => `---\nx: &a ["<img src=x onerror=${t.x}>"]\ntitle: *a\ntags: [*a, *a]\n---\n\nbody`,
  (t) => `---\ntitle: "&lt;img src=x onerror=${t.x}&gt;"\nauthor: "&#60;script&#62;${t.x}&#60;/script&#62;"\n---\n\nbody`,
]);

group('md-attribution', 'markdown-attribution', [
  (t) => `> text\n>\n> — <img src=x onerror=${t.x}>`,
  (t) => `> text\n>\n> — [Someone](${t.js})`,
  (t) => `> text\n>\n> -- <script>${t.x}</script>`,
  (t) => `> text\n>\n> — <a href="x" onclick="${t.x}">Name</a>, <cite onmouseover=${t.x}>Work</cite>`,
  (t) => `> — <svg onload=${t.x}>`,
]);

group('md-math', 'markdown-math', [
  (t) => `$<img src=x onerror=${t.x}>$`,
  (t) => `$$\n<script>${t.x}</script>\n$$`,
  (t) => `$\\href{javascript:${t.x}}{x}$`,
  (t) => `$$\\url{javascript:${t.x}}$$`,
  (t) => `$x$"><img src=x onerror=${t.x}>`,
  (t) => `$a < b > c$ <img src=x onerror=${t.x}> $d$`,
  (t) => `Inline $\\htmlData{onclick=${t.x}}{x}$ math`,
]);

// Emphasis, links and raw HTML nested so that Markdown and HTML disagree about where things end.
group('md-nesting', 'markdown-nesting', [
  (t) => `*<img src=x onerror=${t.x}>*`,
  (t) => `*a <b onclick=${t.x}>b* c</b>`,
  (t) => `**<a href="javascript:${t.x}">**x</a>`,
  (t) => `[a <b>b](${t.js})</b>`,
  (t) => `[a](x) <a href="x" title="[b](y)" onclick="${t.x}">c</a>`,
  (t) => `<a href="x">[inner](${t.js})</a>`,
  (t) => `*<a title="*" onclick="${t.x}">x</a>*`,
  (t) => `_<img alt="_" src=x onerror=${t.x}>_`,
  (t) => `~~<s onclick=${t.x}>~~x</s>`,
  (t) => `[x](<img src=x onerror=${t.x}>)`,
  (t) => `<em>[x](https://example.invalid/ "</em><img src=x onerror=${t.x}>")</em>`,
  (t) => `\`<img src=x\` onerror=${t.x}>\``,
  (t) => `<img src=x alt="\`" onerror=${t.x}>\``,
  (t) => `**[<img src=x onerror=${t.x}>](#a)**`,
  (t) => `<a href="x">*<i onclick=${t.x}>x</a>*</i>`,
  (t) => `- <b>\n- <img src=x onerror=${t.x}>\n- </b>`,
  (t) => `> <b>\n> <img src=x onerror=${t.x}>\n\n</b>`,
]);

// HTML blocks interleaved with Markdown.
group('md-htmlblock', 'markdown-htmlblock', [
  (t) => `<div>\n\n*md* <img src=x onerror=${t.x}>\n\n</div>`,
  (t) => `<div onclick="${t.x}">\n\n# heading inside\n\n</div>`,
  (t) => `<details>\n<summary onclick=${t.x}>s</summary>\n\n[x](${t.js})\n\n</details>`,
  (t) => `<table><tr><td>\n\n<img src=x onerror=${t.x}>\n\n</td></tr></table>`,
  (t) => `<pre>\n<img src=x onerror=${t.x}>\n</pre>`,
  (t) => `<script>\n\n${t.x}\n\n</script>`,
  (t) => `<style>\n\n</style><img src=x onerror=${t.x}>\n\n</style>`,
  (t) => `<textarea>\n\n</textarea><img src=x onerror=${t.x}>`,
  (t) => `<!--\n\n--><img src=x onerror=${t.x}>`,
  (t) => `<div\n  onclick="${t.x}"\n>\ntext\n</div>`,
  (t) => `<a href="javascript:${t.x}">\n\n*link around a paragraph*\n\n</a>`,
  (t) => `- item\n\n  <img src=x onerror=${t.x}>\n- item`,
  (t) => `> <div onmouseover="${t.x}">\n> quoted block\n> </div>`,
  (t) => `<svg>\n\n<style><img src=x onerror=${t.x}></style>\n\n</svg>`,
  (t) => `<math>\n\n<mtext><table><mglyph><style><img src=x onerror=${t.x}>\n\n</math>`,
]);

// Entities and character-reference tricks.
group('entity', 'entity', [
  (t) => `&lt;img src=x onerror=${t.x}&gt;`,
  (t) => `&amp;lt;img src=x onerror=${t.x}&amp;gt;`,
  (t) => `&#60;script&#62;${t.x}&#60;/script&#62;`,
  (t) => `&#x3C;img src=x onerror=${t.x}&#x3E;`,
  (t) => `<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A${t.x}">no semicolons</a>`,
  (t) => `<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58${t.x}">dec no semicolons</a>`,
  (t) => `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${t.x}">padded</a>`,
  (t) => `<a href="javascript&#x3A;${t.x}">colon</a> <a href="javascript&#58${t.x}">colon2</a>`,
  (t) => `<a href="&Jfr;avascript:${t.x}">not j</a> <a href="java&shy;script:${t.x}">shy</a>`,
  (t) => `<img src=x onerror="${hex('__')}quireXss(/${t.id}/)">`,
  (t) => `<a href="jav&#x0D;ascript:${t.x}">cr</a> <a href="jav&#x0C;ascript:${t.x}">ff</a>`,
  (t) => `<a href="&#xFEFF;javascript:${t.x}">bom</a> <a href="&#8203;javascript:${t.x}">zwsp</a>`,
  (t) => `<a href="javascript&#x3A&#x2F&#x2F%0A${t.x}">mixed</a>`,
  (t) => `<img src=x onerror="${dec('__')}quireXss&lpar;/${t.id}/&rpar;">`,
  (t) => `[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${t.x})`,
  (t) => `&#0;<img src=x onerror=${t.x}>&#xD800;`,
]);

// Control characters, Unicode oddities, and sizes.
group('unicode', 'unicode-control', [
  (t) => `\u0000<img src=x onerror=${t.x}>`,
  (t) => `<img src=x\u0000 onerror=${t.x}>`,
  (t) => `\uFEFF<script>${t.x}</script>`,
  (t) => `<\u0000script>${t.x}</script>`,
  (t) => `<scr\u0000ipt>${t.x}</scr\u0000ipt>`,
  (t) => `\u202e<img src=x onerror=${t.x}>`,
  (t) => `<img src=x onerror=${t.x}\u2028>`,
  (t) => `<a href="\u000bjavascript:${t.x}">vt</a> <a href="\u001fjavascript:${t.x}">us</a>`,
  (t) => `<img\u00a0src=x\u00a0onerror=${t.x}>`,
  (t) => `<ſcript>${t.x}</ſcript> <ſvg onload=${t.x}>`,
  (t) => `<İmg src=x onerror=${t.x}>`,
  (t) => `${'<div>'.repeat(300)}<img src=x onerror=${t.x}>${'</div>'.repeat(300)}`,
  (t) => `${'> '.repeat(120)}<img src=x onerror=${t.x}>`,
  (t) => `${'['.repeat(200)}x](${t.js})`,
  (t) => `${'*'.repeat(500)}<img src=x onerror=${t.x}>${'*'.repeat(500)}`,
]);

// Whole little documents that mix many of the above.
group('mixed', 'mixed', [
  (t) =>
    `# Review\n\nGreat post! <img src=x onerror=${t.x}>\n\n> [!NOTE]\n> [click](${t.js})\n\n| a |\n|---|\n| <svg onload=${t.x}> |\n\n\`\`\`"><script>${t.x}</script>\ncode\n\`\`\`\n\n[^1]: <iframe srcdoc="<script>parent.${t.x}</script>">`,
  (t) =>
    `---\ntitle: "<script>${t.x}</script>"\n---\n\n# T {#location onclick=${t.x}}\n\n$<img src=x onerror=${t.x}>$\n\n> q\n>\n> — <a href="javascript:${t.x}">me</a>`,
  (t) =>
    `<details open>\n<summary>More</summary>\n\n- [x] <input type=checkbox onclick=${t.x}>\n- [ ] [y](java&#115;cript:${t.x})\n\n</details>\n\n<form name=cookie><button formaction="javascript:${t.x}">go</button></form>`,
  (t) =>
    `Paragraph with <kbd>Ctrl</kbd>+<kbd onclick=${t.x}>C</kbd>, <abbr title="&quot;><img src=x onerror=${t.x}>">abbr</abbr>, <mark>mark</mark>.\n\n<figure><img src="x" alt="a" onload=${t.x}><figcaption onclick=${t.x}>cap</figcaption></figure>`,
]);

// Text pasted from a web page: its recovered title, dek, byline, sections and quote attributions
// move into the header and into new elements, and must stay text. (Raw HTML makes a document
// Markdown, so these carry their markup as entities or bare URLs.)
const pastedBody =
  'The council voted on Tuesday to add forty kilometres of protected lanes across the city, after a year of debate.\n' +
  'Work starts in the spring and the first stretch opens before the summer holidays, the city said in a statement.\n';
group('pasted', 'pasted-text', [
  (t) => `Skip to main content\nTitle &lt;script&gt;${t.x}&lt;/script&gt; of the story\nBy Jane Smith\nMarch 3, 2025\n${pastedBody}`,
  (t) => `Bike lanes approved\nThe dek &lt;img src=x onerror=${t.x}&gt; in one sentence.\nBy Jane Smith\n${pastedBody}`,
  (t) => `Bike lanes approved\nBy Jane &lt;svg onload=${t.x}&gt; Smith\nPosted on March 3, 2025 by ${t.js}\n${pastedBody}`,
  (t) => `Bike lanes approved\nBy Jane Smith\n${pastedBody}“We will not wait for ${t.js} any longer,” — Maria &lt;img src=x onerror=${t.x}&gt; Lopez\n${pastedBody}`,
  (t) => `Bike lanes approved\nBy Jane Smith\n${pastedBody}Section &lt;iframe srcdoc=&quot;&lt;script&gt;parent.${t.x}&lt;/script&gt;&quot;&gt;\n${pastedBody}`,
  (t) => `Bike lanes approved\nBy Jane Smith\n${pastedBody}Read more: ${t.js}\n${pastedBody}<img src=x onerror=${t.x}>\n`,
  (t) => `Subject: &lt;script&gt;${t.x}&lt;/script&gt;\nFrom: Jane Smith <${t.js}>\nTo: everyone\n\nHi,\n\n${pastedBody}`,
]);

if (new Set(cases.map((c) => c.id)).size !== cases.length) throw new Error('corpus: duplicate case ids');

/** The corpus, in a stable order. */
export const CASES = Object.freeze(cases.map((c) => Object.freeze(c)));

export default CASES;
