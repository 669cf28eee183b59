// bench/chart.svg: a horizontal bar chart of throughput (MB/s of input) per document and contender,
// one panel per browser, drawn by hand. Colours and text follow prefers-color-scheme, and the chart
// paints its own background, so it reads the same on light and dark pages.
import { fmtBytes, fmtRate, throughputOf } from './report.mjs';

const COLORS = {
  quire: '#2f81f7',
  marked: '#e0823d',
  'markdown-it': '#a371f7',
  'markdown-wasm': 'url(#unsafe)',
};

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Greedy word wrap, with an average glyph width for the font size (good enough for labels). */
function wrap(text, maxWidth, fontSize, bold = false) {
  const perChar = fontSize * (bold ? 0.62 : 0.56);
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && next.length * perChar > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The highest 1-minute load average seen at the start of a browser run, if above half the cores. */
function busy(results) {
  const load = Math.max(...results.runs.map((r) => r.loadAverageBefore?.[0] ?? 0));
  return load > results.machine.cores / 2 ? load : 0;
}

const tick = (v) => String(Number(v.toFixed(6)));

/** A "nice" axis step (1, 2 or 5 × 10^k) giving about `count` intervals up to `max`. */
function niceStep(max, count) {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

export function renderChart(results) {
  const { docs, contenders, runs } = results;
  const panelCount = runs.length;
  const W = panelCount > 1 ? 1000 : 760;
  const margin = 24;
  const labelW = 128; // document names, left of each panel's bars
  const gap = 36; // between panels
  const panelW = (W - 2 * margin - (panelCount - 1) * gap) / panelCount;
  const plotW = panelW - labelW - 44; // room on the right for the longest bar's value
  const barH = 11;
  const barGap = 3;
  const groupGap = 16;
  const groupH = contenders.length * (barH + barGap) - barGap;
  const m = results.machine;
  const subtitle =
    `MB/s of Markdown input, median of the timed runs; higher is better · ${m.cpu}, ${m.cores} cores · ` +
    `${results.date.slice(0, 10)} · quire ${results.quire.version}` +
    (busy(results) ? ` · busy machine (load average ${busy(results).toFixed(1)} at the start)` : '');
  const subtitleLines = wrap(subtitle, W - 2 * margin, 12);

  // Legend entries flow left to right and wrap.
  const legend = [];
  let lx = margin;
  let ly = 52 + subtitleLines.length * 16 + 8;
  for (const c of contenders) {
    const label = c.safe ? c.label : `${c.label} (no sanitizing: unsafe)`;
    const width = 20 + label.length * 7.2 + 24;
    if (lx + width > W - margin && lx > margin) {
      lx = margin;
      ly += 22;
    }
    legend.push({ c, label, x: lx, y: ly });
    lx += width;
  }

  const top = ly + 48;
  const plotH = docs.length * (groupH + groupGap) - groupGap;
  const warning = wrap(
    '⚠ markdown-wasm does not sanitize: scripts, iframes and on* handlers pass through. Shown as a speed reference only.',
    W - 2 * margin,
    12.5,
    true,
  );
  const note = wrap(
    'quire, marked + DOMPurify and markdown-it + DOMPurify output sanitized HTML. Headless browsers, one page, same ' +
      'origin; bench/results.md has min–max, cold start, transfer size, memory and scaling.',
    W - 2 * margin,
    11.5,
  );
  const footY = top + plotH + 60;
  const H = footY + warning.length * 17 + note.length * 16 + 14;

  let max = 0;
  for (const run of runs) for (const r of run.throughput) max = Math.max(max, r.mbps.median);
  // The tick count (4 to 8) whose nice step ends the axis closest above the longest bar.
  let step = 0;
  let axisMax = Infinity;
  for (let count = 4; count <= 8; count += 1) {
    const candidate = niceStep(max, count);
    const end = Math.ceil(max / candidate) * candidate;
    if (end < axisMax) [step, axisMax] = [candidate, end];
  }
  const x = (v) => (v / axisMax) * plotW;

  const s = [];
  s.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" ` +
      `aria-labelledby="title desc" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif">`,
  );
  s.push(`<title id="title">Markdown to HTML throughput in the browser: quire and its peers</title>`);
  s.push(
    `<desc id="desc">MB/s of Markdown input, median, per document and contender, in ${esc(runs.map((r) => `${r.browser} ${r.version}`).join(' and '))}. ` +
      `markdown-wasm does not sanitize its output.</desc>`,
  );
  s.push(`<style>
  .bg { fill: #ffffff; stroke: #d1d9e0; }
  .text { fill: #1f2328; }
  .muted { fill: #59636e; }
  .grid { stroke: #d1d9e0; stroke-width: 1; }
  .axis { stroke: #818b98; stroke-width: 1; }
  .hatch-bg { fill: #8c959f; }
  .hatch-line { stroke: #57606a; }
  .warn { fill: #9a6700; }
  @media (prefers-color-scheme: dark) {
    .bg { fill: #0d1117; stroke: #3d444d; }
    .text { fill: #e6edf3; }
    .muted { fill: #9198a1; }
    .grid { stroke: #262c36; }
    .axis { stroke: #656c76; }
    .hatch-bg { fill: #6e7681; }
    .hatch-line { stroke: #b1bac4; }
    .warn { fill: #d29922; }
  }
</style>`);
  s.push(`<defs><pattern id="unsafe" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
  <rect class="hatch-bg" width="6" height="6"/><line class="hatch-line" x1="0" y1="0" x2="0" y2="6" stroke-width="2.5"/>
</pattern></defs>`);
  s.push(`<rect class="bg" x="0.5" y="0.5" width="${W - 1}" height="${H - 1}" rx="8"/>`);

  // Title, subtitle, legend.
  s.push(
    `<text class="text" x="${margin}" y="32" font-size="18" font-weight="600">Markdown → HTML in the browser: quire and its peers</text>`,
  );
  subtitleLines.forEach((line, i) => {
    s.push(`<text class="muted" x="${margin}" y="${54 + i * 16}" font-size="12">${esc(line)}</text>`);
  });
  for (const { c, label, x: ex, y: ey } of legend) {
    s.push(`<rect x="${ex}" y="${ey}" width="14" height="14" rx="2" fill="${COLORS[c.id]}"/>`);
    s.push(`<text class="${c.safe ? 'text' : 'warn'}" x="${ex + 20}" y="${ey + 11.5}" font-size="13">${esc(label)}</text>`);
  }

  // Panels.
  runs.forEach((run, p) => {
    const px = margin + p * (panelW + gap);
    const bx = px + labelW;
    s.push(`<text class="text" x="${bx}" y="${top - 10}" font-size="14" font-weight="600">${esc(`${run.browser} ${run.version}`)}</text>`);
    for (let v = 0; v <= axisMax + 1e-9; v += step) {
      const gx = bx + x(v);
      s.push(`<line class="${v === 0 ? 'axis' : 'grid'}" x1="${gx.toFixed(1)}" y1="${top - 2}" x2="${gx.toFixed(1)}" y2="${top + plotH + 4}"/>`);
      s.push(`<text class="muted" x="${gx.toFixed(1)}" y="${top + plotH + 18}" font-size="11" text-anchor="middle">${tick(v)}</text>`);
    }
    s.push(`<text class="muted" x="${bx + plotW / 2}" y="${top + plotH + 34}" font-size="11" text-anchor="middle">MB/s</text>`);

    docs.forEach((d, i) => {
      const gy = top + i * (groupH + groupGap);
      s.push(`<text class="text" x="${bx - 10}" y="${gy + groupH / 2 - 2}" font-size="12.5" text-anchor="end">${esc(d.label)}</text>`);
      s.push(`<text class="muted" x="${bx - 10}" y="${gy + groupH / 2 + 13}" font-size="11" text-anchor="end">${esc(fmtBytes(d.bytes))}</text>`);
      contenders.forEach((c, j) => {
        const r = throughputOf(run, d.id, c.id);
        const y = gy + j * (barH + barGap);
        if (!r) return;
        const w = Math.max(1, x(r.mbps.median));
        s.push(
          `<rect x="${bx}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="1.5" fill="${COLORS[c.id]}">` +
            `<title>${esc(`${c.label}${c.safe ? '' : ' (unsafe: no sanitizing)'} on ${d.label}: ${fmtRate(r.mbps.median)} MB/s`)}</title></rect>`,
        );
        s.push(
          `<text class="${c.safe ? 'text' : 'warn'}" x="${(bx + w + 4).toFixed(1)}" y="${y + barH - 1.5}" font-size="10.5">${fmtRate(r.mbps.median)}${c.safe ? '' : ' ⚠'}</text>`,
        );
      });
    });
  });

  // The warning, and what the numbers are.
  warning.forEach((line, i) => {
    s.push(`<text class="warn" x="${margin}" y="${footY + i * 17}" font-size="12.5" font-weight="600">${esc(line)}</text>`);
  });
  note.forEach((line, i) => {
    s.push(`<text class="muted" x="${margin}" y="${footY + warning.length * 17 + 2 + i * 16}" font-size="11.5">${esc(line)}</text>`);
  });
  s.push('</svg>');
  return s.join('\n') + '\n';
}
