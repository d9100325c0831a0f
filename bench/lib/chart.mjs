/**
 * A hand-written SVG chart of a benchmark run: throughput as a share of `floor` (with each
 * scenario's target) and p99 latency, one bar per scale.
 */

const COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One grouped bar panel. `groups` are [{ label, values: [number|null per series], target? }].
 * Returns SVG elements translated to (x, y).
 */
function panel({ x, y, width, height, title, unit, groups, series, format, targetLabel }) {
  const top = 34;
  const left = 56;
  const bottom = 40;
  const plotW = width - left - 10;
  const plotH = height - top - bottom;
  const all = groups.flatMap((g) => [...g.values, g.target ?? 0]).filter((v) => v != null);
  const max = niceMax(Math.max(1, ...all));
  const yOf = (v) => top + plotH - (v / max) * plotH;
  const groupW = plotW / groups.length;
  const barW = Math.min(34, (groupW - 16) / series.length);
  const out = [`<g transform="translate(${x},${y})">`];
  out.push(`<text x="${left}" y="18" font-size="15" font-weight="600">${esc(title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const yy = yOf(v).toFixed(1);
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    out.push(
      `<text x="${left - 6}" y="${Number(yy) + 4}" font-size="11" text-anchor="end" fill="#555">${esc(format(v))}${esc(unit)}</text>`,
    );
  }
  groups.forEach((g, gi) => {
    const gx = left + gi * groupW + (groupW - barW * series.length) / 2;
    g.values.forEach((v, si) => {
      if (v == null) return;
      const bx = gx + si * barW;
      const by = yOf(v);
      out.push(
        `<rect x="${bx.toFixed(1)}" y="${by.toFixed(1)}" width="${(barW - 3).toFixed(1)}" height="${(top + plotH - by).toFixed(1)}" fill="${COLOURS[si % COLOURS.length]}"><title>${esc(`${g.label} at ${series[si]}: ${format(v)}${unit}`)}</title></rect>`,
      );
      out.push(
        `<text x="${(bx + (barW - 3) / 2).toFixed(1)}" y="${(by - 3).toFixed(1)}" font-size="9.5" text-anchor="middle" fill="#333">${esc(format(v))}</text>`,
      );
    });
    if (g.target != null) {
      const ty = yOf(g.target).toFixed(1);
      out.push(
        `<line x1="${(gx - 4).toFixed(1)}" x2="${(gx + barW * series.length + 1).toFixed(1)}" y1="${ty}" y2="${ty}" stroke="#c00" stroke-width="2" stroke-dasharray="5,3"><title>${esc(`${targetLabel} ${format(g.target)}${unit}`)}</title></line>`,
      );
    }
    out.push(
      `<text x="${(left + gi * groupW + groupW / 2).toFixed(1)}" y="${top + plotH + 18}" font-size="12" text-anchor="middle">${esc(g.label)}</text>`,
    );
  });
  out.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`,
  );
  out.push('</g>');
  return out.join('\n');
}

function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** The SVG text of the chart for a results object (see run.mjs): two panels per cache mode. */
export function chartSvg(results) {
  const width = 940;
  const panelH = 280;
  const modes = ['off', 'on'].filter((c) => results.runs.some((r) => r.cache === c));
  const modeTitle = {
    off: 'response cache off (data path)',
    on: 'response cache on (as configured)',
  };
  const scales = [...new Set(results.runs.map((r) => r.scale))];
  const panels = [];
  let y = 0;
  for (const cache of modes) {
    const runs = scales.map((scale) =>
      results.runs.find((r) => r.scale === scale && r.cache === cache),
    );
    const names = runs.find(Boolean).scenarios.map((s) => s.name);
    const value = (name, pick) =>
      runs.map((run) => {
        const row = run?.scenarios.find((r) => r.name === name);
        return row ? pick(row) : null;
      });
    const targetOf = (name) => runs.find(Boolean).scenarios.find((r) => r.name === name)?.target;
    panels.push(
      panel({
        x: 0,
        y,
        width,
        height: panelH,
        title: `Throughput as a share of floor, ${modeTitle[cache]}; dashed: target`,
        unit: '%',
        groups: names
          .filter((n) => n !== 'floor')
          .map((name) => ({
            label: name,
            values: value(name, (r) => 100 * r.ratio),
            target: targetOf(name) * 100,
          })),
        series: scales.map((s) => `${s}x`),
        format: (v) => v.toFixed(0),
        targetLabel: 'target',
      }),
    );
    y += panelH;
    panels.push(
      panel({
        x: 0,
        y,
        width,
        height: panelH,
        title: `p99 latency (ms), ${modeTitle[cache]}, ${results.meta.options.connections} connections on loopback`,
        unit: '',
        groups: names.map((name) => ({ label: name, values: value(name, (r) => r.p99Ms) })),
        series: scales.map((s) => `${s}x`),
        format: (v) => (v >= 10 ? v.toFixed(0) : v.toFixed(1)),
        targetLabel: '',
      }),
    );
    y += panelH;
  }
  const legend = scales
    .map(
      (scale, i) =>
        `<rect x="${70 + i * 90}" y="${y + 12}" width="14" height="14" fill="${COLOURS[i % COLOURS.length]}"/><text x="${90 + i * 90}" y="${y + 24}" font-size="12">${esc(scale)}x graph</text>`,
    )
    .join('\n');
  const m = results.meta;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 40}" viewBox="0 0 ${width} ${y + 40}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    ...panels,
    legend,
    `<text x="${width - 10}" y="${y + 24}" font-size="11" text-anchor="end" fill="#666">${esc(`${m.date.slice(0, 10)} · ${m.cpu} × ${m.cores} · Node ${m.node} · ${m.mode} run`)}</text>`,
    '</svg>',
  ].join('\n');
}
