// A small line chart of one per-epoch series, drawn as inline SVG (no library, nothing external).
import { s, formatNumber } from './dom.js';

const W = 320;
const H = 180;
const PAD = { left: 52, right: 12, top: 24, bottom: 30 };

export function lineChart(name, values) {
  const points = (values || []).map(Number).filter((v) => Number.isFinite(v));
  const svg = s('svg', {
    class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
    'aria-label': `${name}: ${points.length} epochs`, dataset: { series: name },
  });
  svg.append(s('text', { x: PAD.left, y: 15, class: 'chart-title' }, name));
  if (points.length === 0) {
    svg.append(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'chart-label' }, 'no values'));
    return svg;
  }
  const plotW = W - PAD.left - PAD.right;
  const x = (i) => PAD.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  // Axes with min / max labels and the first and last epoch.
  const { y } = valueAxis(svg, points, W, H);
  svg.append(s('text', { x: x(0), y: H - 10, 'text-anchor': 'middle', class: 'chart-label' }, '1'));
  if (points.length > 1) {
    svg.append(s('text', { x: x(points.length - 1), y: H - 10, 'text-anchor': 'middle', class: 'chart-label' }, String(points.length)));
  }
  svg.append(s('text', { x: PAD.left + plotW / 2, y: H - 2, 'text-anchor': 'middle', class: 'chart-label' }, 'epoch'));

  svg.append(s('polyline', { points: points.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '), class: 'chart-line' }));
  points.forEach((v, i) => {
    svg.append(s('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 2.5, class: 'chart-point' },
      s('title', null, `epoch ${i + 1}: ${formatNumber(v)}`)));
  });
  return svg;
}

/**
 * A study's optimization history: each finished trial's objective value by trial number (pruned
 * trials grey, at their last reported value) and the best value so far as a step line.
 */
export function historyChart(trials, direction) {
  const W2 = 640;
  const H2 = 260;
  const scored = (trials || []).filter((t) => (t.state === 'COMPLETE' || t.state === 'PRUNED') && Number.isFinite(t.value));
  const svg = s('svg', {
    class: 'chart', id: 'study-history', viewBox: `0 0 ${W2} ${H2}`, width: W2, height: H2, role: 'img',
    'aria-label': `optimization history: ${scored.length} trials`,
  });
  svg.append(s('text', { x: PAD.left, y: 15, class: 'chart-title' }, 'Optimization history'));
  if (scored.length === 0) {
    svg.append(s('text', { x: W2 / 2, y: H2 / 2, 'text-anchor': 'middle', class: 'chart-label' }, 'no finished trials yet'));
    return svg;
  }
  const last = Math.max(...(trials || []).map((t) => t.number), 1);
  const plotW = W2 - PAD.left - PAD.right;
  const x = (n) => PAD.left + (n * plotW) / last;
  const { y } = valueAxis(svg, scored.map((t) => t.value), W2, H2);
  svg.append(s('text', { x: x(0), y: H2 - 10, 'text-anchor': 'middle', class: 'chart-label' }, '0'));
  svg.append(s('text', { x: x(last), y: H2 - 10, 'text-anchor': 'middle', class: 'chart-label' }, String(last)));
  svg.append(s('text', { x: PAD.left + plotW / 2, y: H2 - 2, 'text-anchor': 'middle', class: 'chart-label' }, 'trial'));

  // Best so far over the completed trials, in trial order.
  const better = direction === 'minimize' ? (a, b) => a < b : (a, b) => a > b;
  let best = null;
  const steps = [];
  for (const t of [...scored].sort((a, b) => a.number - b.number)) {
    if (t.state !== 'COMPLETE') continue;
    const previous = best;
    if (best === null || better(t.value, best)) best = t.value;
    if (previous !== null) steps.push(`${x(t.number).toFixed(1)},${y(previous).toFixed(1)}`);
    steps.push(`${x(t.number).toFixed(1)},${y(best).toFixed(1)}`);
  }
  if (steps.length > 0) svg.append(s('polyline', { points: steps.join(' '), class: 'chart-best' }));
  for (const t of scored) {
    svg.append(s('circle', {
      cx: x(t.number).toFixed(1), cy: y(t.value).toFixed(1), r: 3.5,
      class: t.state === 'COMPLETE' ? 'chart-point' : 'chart-point pruned', dataset: { trial: String(t.number) },
    }, s('title', null, `trial ${t.number} (${t.state.toLowerCase()}): ${formatNumber(t.value)}`)));
  }
  return svg;
}

/**
 * Draws both axes of a chart width x height and the value axis's min / max labels and grid lines;
 * answers the value -> y mapping. Equal values get a band of 5 % around them.
 */
function valueAxis(svg, values, width, height) {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    const pad = Math.abs(min) * 0.05 || 1;
    min -= pad;
    max += pad;
  }
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  svg.append(s('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + plotH, class: 'chart-axis' }));
  svg.append(s('line', { x1: PAD.left, y1: PAD.top + plotH, x2: PAD.left + plotW, y2: PAD.top + plotH, class: 'chart-axis' }));
  for (const [v, yy] of [[max, PAD.top], [min, PAD.top + plotH]]) {
    svg.append(s('text', { x: PAD.left - 4, y: yy + 4, 'text-anchor': 'end', class: 'chart-label' }, formatNumber(Number(v.toPrecision(4)))));
    svg.append(s('line', { x1: PAD.left, y1: yy, x2: PAD.left + plotW, y2: yy, class: 'chart-grid' }));
  }
  return { y: (v) => PAD.top + plotH - ((v - min) / (max - min)) * plotH };
}
