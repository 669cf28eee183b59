// Markdown tables of a benchmark run (bench/results.json) for bench/results.md and stdout.

import { renderPageLoad } from './page-load.mjs';
import { livePreviewMarkdown } from './live-preview.mjs';

export const UNSAFE_NOTE =
  '⚠ markdown-wasm does not sanitize: raw HTML, including `<script>`, iframes and `on*` handlers, passes ' +
  'through, so its output is unsafe for untrusted input. It is here as a speed reference only; the other ' +
  'three produce sanitized HTML.';

export function fmtRate(x) {
  if (!Number.isFinite(x)) return 'n/a';
  if (x >= 100) return x.toFixed(0);
  if (x >= 1) return x.toFixed(1);
  return x.toFixed(2);
}

export function fmtBytes(n) {
  if (n == null) return 'n/a';
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  return `${(n / 1e3).toFixed(1)} KB`;
}

const fmtMiB = (n) => (n == null ? 'n/a' : `${(n / 2 ** 20).toFixed(1)} MiB`);
const fmtMs = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function fmtRatio(r) {
  if (!Number.isFinite(r)) return 'n/a';
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function table(header, rows, align) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map((_, i) => ((align?.[i] ?? 'r') === 'l' ? ':---' : '---:'))),
    ...rows.map(line),
  ].join('\n');
}

/** Column label of a contender; markdown-wasm carries the warning mark in every table. */
export function contenderLabel(c) {
  return c.safe ? c.label : `${c.label} ⚠ unsafe`;
}

export function throughputOf(run, doc, contender) {
  return run.throughput.find((r) => r.doc === doc && r.contender === contender);
}

export function renderMarkdown(results) {
  const { docs, contenders, runs } = results;
  const quire = contenders.find((c) => c.id === 'quire');
  const peers = contenders.filter((c) => c.id !== 'quire');
  const browserName = (run) => `${run.browser} ${run.version}`;
  const out = [];

  out.push('# quire benchmark results', '');
  out.push(
    `${results.date.slice(0, 10)} · ${results.machine.cpu}, ${results.machine.cores} cores, ` +
      `${results.machine.os} · ${runs.map(browserName).join(', ')} (headless) · ` +
      `quire ${results.quire.version} (${results.quire.commit ?? 'no git'}) · ` +
      Object.entries(results.packages)
        .filter(([name]) => ['marked', 'markdown-it', 'dompurify', 'markdown-wasm'].includes(name))
        .map(([name, version]) => `${name} ${version}`)
        .join(', '),
    '',
  );
  out.push(
    `Produced by \`node bench/run.mjs\` in ${results.durationSeconds} s. Contenders: ` +
      contenders.map((c) => `**${c.label}** — \`${c.how}\``).join('; ') +
      '.',
    '',
  );
  out.push(`> ${UNSAFE_NOTE}`, '');
  const load = Math.max(...runs.map((r) => r.loadAverageBefore?.[0] ?? 0));
  if (load > results.machine.cores / 2) {
    out.push(
      `> Busy machine: the 1-minute load average was up to ${load.toFixed(1)} on ${results.machine.cores} cores when a ` +
        'browser run started, so these numbers are lower and more scattered than on an idle machine. The ratios ' +
        'hold up better than the absolute numbers: the contenders are measured interleaved.',
      '',
    );
  }
  if (results.quire.wasmOlderThanSources) {
    out.push('> Note: www/pkg was older than src/ when this ran; the numbers are for that build.', '');
  }
  for (const s of results.skipped ?? []) out.push(`> ${s.browser} was not run: ${s.reason}`, '');

  // Throughput, one table per browser.
  for (const run of runs) {
    out.push(`## Throughput — ${browserName(run)}`, '');
    const header = [
      'document',
      'size',
      ...contenders.map(contenderLabel),
      ...peers.map((p) => `quire ÷ ${contenderLabel(p)}`),
    ];
    const rows = docs.map((d) => {
      const q = throughputOf(run, d.id, quire.id);
      return [
        d.label,
        fmtBytes(d.bytes),
        ...contenders.map((c) => {
          const r = throughputOf(run, d.id, c.id);
          return r ? `**${fmtRate(r.mbps.median)}** (${fmtRate(r.mbps.min)}–${fmtRate(r.mbps.max)})` : 'n/a';
        }),
        ...peers.map((p) => {
          const r = throughputOf(run, d.id, p.id);
          return q && r ? fmtRatio(q.mbps.median / r.mbps.median) : 'n/a';
        }),
      ];
    });
    out.push(table(header, rows, ['l', 'r']), '');
    const load = run.loadAverageBefore?.map((x) => x.toFixed(2)).join(' ');
    out.push(
      'MB/s of Markdown input (10⁶ bytes/s), median (min–max over the samples); a ratio above 1× means quire is ' +
        `faster. Load average when the run started: ${load}. ${UNSAFE_NOTE}`,
      '',
    );
  }

  // Cold start.
  out.push('## Cold start', '');
  {
    const header = ['contender'];
    for (const run of runs) header.push(`${browserName(run)}: total ms`, 'load + init / first render (ms)');
    const rows = contenders.map((c) => {
      const row = [contenderLabel(c)];
      for (const run of runs) {
        const mine = run.cold.filter((r) => r.contender === c.id);
        if (!mine.length) {
          row.push('n/a', 'n/a');
          continue;
        }
        const totals = mine.map((r) => r.totalMs);
        row.push(
          `**${fmtMs(median(totals))}** (${fmtMs(Math.min(...totals))}–${fmtMs(Math.max(...totals))})`,
          `${fmtMs(median(mine.map((r) => r.loadMs)))} / ${fmtMs(median(mine.map((r) => r.firstRenderMs)))}`,
        );
      }
      return row;
    });
    out.push(table(header, rows, ['l']), '');
    const rounds = Math.max(...runs.map((r) => r.cold.filter((x) => x.contender === 'quire').length));
    out.push(
      `Fetch of the code (JS and wasm) from 127.0.0.1, compile, instantiate and first render of the news brief, each in a ` +
        `fresh browser context with an empty cache; median (min–max) of ${rounds}. n/a: not measured (a fresh Firefox ` +
        `session costs seconds, so Firefox measures the two wasm contenders only). ${UNSAFE_NOTE}`,
      '',
    );
  }

  // Sizes.
  out.push('## Transfer size', '');
  {
    const s = results.sizes;
    const part = (x, key) => (x ? fmtBytes(x[key]) : '—');
    // quire's sanitizer module is a row of its own: only documents with raw HTML download it.
    const entries = contenders.flatMap((c) =>
      c.id === 'quire' && s['quire-sanitizer']
        ? [[c, contenderLabel(c) + ' (core module: Markdown, common raw HTML)'], [c, '+ quire full module (other raw HTML, front matter)', 'quire-sanitizer']]
        : [[c, contenderLabel(c)]],
    );
    const rows = entries.map(([c, label, key = c.id]) => {
      const { wasm, js } = s[key];
      const total = (key) => (wasm ? wasm[key] : 0) + js[key];
      return [
        label,
        part(wasm, 'raw'),
        part(wasm, 'gzip'),
        part(wasm, 'brotli'),
        part(js, 'raw'),
        part(js, 'gzip'),
        part(js, 'brotli'),
        `**${fmtBytes(total('gzip'))}**`,
        `**${fmtBytes(total('brotli'))}**`,
      ];
    });
    out.push(
      table(
        ['contender', 'wasm raw', 'wasm gzip', 'wasm brotli', 'JS raw', 'JS gzip', 'JS brotli', 'total gzip', 'total brotli'],
        rows,
        ['l'],
      ),
      '',
    );
    const files = entries.map(([c, label, key = c.id]) => {
      const list = [...(s[key].wasm?.files ?? []), ...s[key].js.files].map((f) => `\`${f.file}\``);
      return `${label}: ${list.join(', ')}`;
    });
    out.push(
      `KB = 1000 bytes; gzip -9 and brotli -q 11 (Node zlib), each file compressed on its own. Files: ${files.join('; ')}. ` +
        `quire's JS is the glue wasm-bindgen generates (not minified); the peers' JS is their published minified build. ` +
        UNSAFE_NOTE,
      '',
    );
  }

  // Memory.
  out.push('## Memory', '');
  {
    const header = ['contender'];
    for (const run of runs) header.push(`${browserName(run)}: wasm memory after load → after the 5 MB document`, 'that first render (ms)');
    const rows = contenders.map((c) => {
      const row = [contenderLabel(c)];
      for (const run of runs) {
        const m = run.memory.find((x) => x.contender === c.id);
        if (!m || m.after == null) row.push('n/a (JavaScript: no wasm memory)', 'n/a');
        else row.push(`${fmtMiB(m.before)} → **${fmtMiB(m.after)}**`, fmtMs(m.renderMs));
      }
      return row;
    });
    out.push(table(header, rows, ['l', 'l', 'r', 'l', 'r']), '');
    out.push(
      'Size of the WebAssembly linear memory on a freshly loaded page, before and after one render of the 5 MB ' +
        'document; it never shrinks, so the second number is the peak. The render time is that of the first, ' +
        `unwarmed render (compare the scaling table for warmed-up times). ${UNSAFE_NOTE}`,
      '',
    );
  }

  // Scaling.
  out.push('## Scaling', '');
  {
    const [small, large] = docs.filter((d) => d.kind !== 'small');
    const header = ['contender'];
    for (const run of runs) header.push(`${browserName(run)}: ${fmtBytes(small.bytes)} (ms)`, `${fmtBytes(large.bytes)} (ms)`, 'ratio');
    const rows = contenders.map((c) => {
      const row = [contenderLabel(c)];
      for (const run of runs) {
        const a = throughputOf(run, small.id, c.id);
        const b = throughputOf(run, large.id, c.id);
        row.push(a ? fmtMs(a.ms.median) : 'n/a', b ? fmtMs(b.ms.median) : 'n/a', a && b ? `**${(b.ms.median / a.ms.median).toFixed(2)}**` : 'n/a');
      }
      return row;
    });
    out.push(table(header, rows, ['l']), '');
    out.push(
      `Median time for the long-read repeated ${small.copies} and ${large.copies} times: the input ratio is exactly ` +
        `${(large.bytes / small.bytes).toFixed(2)}, so a ratio near 4 is linear and above it is worse than linear. ${UNSAFE_NOTE}`,
      '',
    );
  }

  // What a reader waits for: cold page loads.
  if (results.pageLoad) {
    out.push('## Time to article', '');
    out.push(
      'A page that imports the library, fetches the article and puts the sanitized HTML into an `<article>`, the same ' +
        'plain way for every contender (`bench/page-load/`): cold cache (a fresh browser context per load), responses ' +
        'brotli-compressed (quality 11), wasm as `application/wasm`; from navigation start to the article in the page. ' +
        'Contenders interleaved within each round. Firefox is measured unthrottled only (WebDriver has no network or CPU ' +
        'throttling), with its HTTP cache turned off instead of a fresh context per load.',
      '',
    );
    out.push(renderPageLoad(results.pageLoad), '');
    if (results.pageLoadFirefox) out.push(renderPageLoad(results.pageLoadFirefox), '');
  }

  // Hostile input, timed natively.
  if (results.pathological) {
    out.push('## Pathological input', '');
    out.push(results.pathological.table, '');
    out.push(
      `\`cargo run --release --example scaling -- ${results.pathological.bytes}\` on the same machine, native code (the ` +
        `pipeline the wasm modules run): cmark's pathological cases and deep nesting at n bytes and at 4n, median of 3 ` +
        `renders with default options. A ratio near 4 is linear; the target is at most 4.5. Below a millisecond, timer ` +
        `noise says more than the ratio.`,
      '',
    );
  }

  // The pipeline's own cost, natively.
  if (results.native) {
    out.push('## Native render beside pulldown-cmark', '');
    if (results.native.instructions) {
      out.push(results.native.instructions, '');
      out.push(
        'Instructions per render (valgrind; the difference of 11 and 1 renders, so start-up cancels): `quire::render` ' +
          "with default options beside pulldown-cmark's bare parse + `push_html` with the same extensions. The target " +
          '(issue "One model of HTML") is at most 1.5x on the articles and 2x with raw HTML.',
        '',
      );
    }
    out.push(results.native.times, '');
    out.push('The same, timed: the fastest twentieth of 300 interleaved renders each (`examples/throughput.rs`).', '');
    if (results.native.streaming) {
      out.push('## Streaming, natively', '', results.native.streaming, '');
      out.push(
        '`quire::Stream` (`examples/streaming.rs`): every push, the final flush and `finish` (the render of the whole text that ends a ' +
          'stream), best of 3, beside one render. Re-rendering the whole text for every piece is timed on 50 evenly spaced prefixes ' +
          'and summed over every piece (the mean × the number of pieces).',
        '',
      );
    }
  }
  if (results.livePreview) out.push(livePreviewMarkdown(results.livePreview));

  // What came out of the raw-HTML article.
  out.push('## Output check (raw-HTML article)', '');
  {
    const run = runs[0];
    const rows = contenders.map((c) => {
      const r = throughputOf(run, 'html-article', c.id);
      return [contenderLabel(c), r ? String(r.outputChars) : 'n/a', r ? (r.unsafe.length ? r.unsafe.map((u) => `\`${u}\``).join(', ') : 'none') : 'n/a'];
    });
    out.push(table(['contender', 'output (chars)', 'unsafe constructs in the output'], rows, ['l', 'r', 'l']), '');
    out.push(
      `In ${browserName(run)}. The article carries what real pasted content carries: an embed \`<script>\`, an ` +
        `\`<iframe>\`, \`onclick\`/\`onerror\` attributes. ${UNSAFE_NOTE}`,
      '',
    );
  }
  return out.join('\n');
}
