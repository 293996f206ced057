// SVG charts drawn from numbers, readable on a projector. Labels go in through textContent;
// every chart sits beside a table with the same numbers.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function shorten(label, max) {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Horizontal bars: [{label, value}], largest first. Shows at most `limit` rows. */
export function barChart(rows, { limit = 10, unit = '', title = '' } = {}) {
  const shown = rows.slice(0, limit);
  const width = 560;
  const labelWidth = 210;
  const rowHeight = 30;
  const height = Math.max(1, shown.length) * rowHeight + 8;
  const max = Math.max(1, ...shown.map((row) => row.value));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart bar-chart', role: 'img', 'aria-label': title });
  shown.forEach((row, index) => {
    const y = index * rowHeight + 4;
    const barWidth = ((width - labelWidth - 60) * row.value) / max;
    const label = svg('text', { x: labelWidth - 8, y: y + 19, 'text-anchor': 'end', class: 'chart-label' }, shorten(row.label, 26));
    label.append(svg('title', {}, row.label));
    chart.append(
      label,
      svg('rect', { x: labelWidth, y: y + 3, width: Math.max(barWidth, 2), height: rowHeight - 8, rx: 3, class: 'chart-bar' }),
      svg('text', { x: labelWidth + barWidth + 6, y: y + 19, class: 'chart-value' }, `${row.value}${unit}`),
    );
  });
  return chart;
}

/** Vertical columns over time: [{label, value}], oldest first. */
export function columnChart(points, { title = '' } = {}) {
  const width = 600;
  const height = 220;
  const bottom = 30;
  const top = 20;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = width / points.length;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart column-chart', role: 'img', 'aria-label': title });
  chart.append(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'chart-axis' }));
  points.forEach((point, index) => {
    const barHeight = ((height - bottom - top) * point.value) / max;
    const x = index * step + step * 0.18;
    const last = index === points.length - 1;
    chart.append(
      svg('rect', { x, y: height - bottom - barHeight, width: step * 0.64, height: Math.max(barHeight, 1), rx: 3, class: last ? 'chart-bar current' : 'chart-bar' }),
      svg('text', { x: x + step * 0.32, y: height - bottom - barHeight - 6, 'text-anchor': 'middle', class: 'chart-value' }, point.value),
      svg('text', { x: x + step * 0.32, y: height - 10, 'text-anchor': 'middle', class: 'chart-label small' }, point.label),
    );
  });
  return chart;
}
