// Two small SVG charts drawn with DOM calls (no markup strings, so scenario names cannot inject
// anything): a projection line chart and a sensitivity tornado. A charting library would
// outweigh the rest of the page; both have a table beside them as their text alternative.
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#1f5fd6', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#8f6a00', '#495057', '#5c7cfa'];

export function seriesColour(index) {
  return PALETTE[index % PALETTE.length];
}

function svgElement(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// About `count` round tick values covering [low, high].
export function niceTicks(low, high, count = 5) {
  if (!(high > low)) { high = low + 1; low -= 1; }
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks = [];
  for (let v = Math.floor(low / step) * step; v <= high + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  if (ticks[ticks.length - 1] < high) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

// Widths are measured by the caller before it changes the DOM, so drawing never forces a layout.
function chartWidth(measured) {
  return Math.max(280, Math.round(measured || 600));
}

// series: [{name, colour, values, style}] with values[k] at x = firstX + k; style is 'solid',
// 'dashed', 'dotted', 'points' (observed data) or unset (solid first series, dashed or dotted others).
// divider: {x, label} draws a labelled vertical line, e.g. where a fit ends and a holdout starts.
// bands: [{low, high, colour}] shades between two value arrays (e.g. P10 to P90) under the lines.
// fromZero: false lets the value axis start near the lowest value (differences matter, not levels).
/**
 * @param {HTMLElement} container
 * @param {{width: number, series: any[], formatTick: (v: number) => string, formatX?: (x: number) => string, xTitle: string,
 *   firstX?: number, divider?: {x: number, label: string}, bands?: any[], fromZero?: boolean}} options
 */
export function drawLineChart(container, { width: measured, series, formatTick, formatX = String, xTitle, firstX = 1, divider, bands = [], fromZero = true }) {
  const width = chartWidth(measured);
  const height = Math.round(Math.min(340, Math.max(220, width * 0.5)));
  const margin = { left: 62, right: 14, top: 12, bottom: 36 };
  const lastX = firstX + Math.max(...series.map((s) => s.values.length)) - 1;
  let low = Infinity, high = -Infinity;
  for (const values of [...series.map((s) => s.values), ...bands.flatMap((b) => [b.low, b.high])]) {
    for (const v of values) { if (v < low) low = v; if (v > high) high = v; }
  }
  if (low > 0 && fromZero) low = 0;
  const yTicks = niceTicks(low, high);
  const yMin = yTicks[0], yMax = yTicks[yTicks.length - 1];
  const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
  const x = (at) => margin.left + (lastX <= firstX ? plotW / 2 : ((at - firstX) / (lastX - firstX)) * plotW);
  const y = (value) => margin.top + plotH - ((value - yMin) / (yMax - yMin)) * plotH;

  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height, 'aria-hidden': 'true' });
  const grid = svgElement('g', { class: 'grid' });
  for (const tick of yTicks) {
    grid.append(svgElement('line', { class: 'gridline', x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick) }));
    grid.append(svgElement('text', { class: 'tick', x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, formatTick(tick)));
  }
  for (const tick of niceTicks(firstX, lastX, Math.min(6, lastX - firstX + 1)).filter((t) => t >= firstX && t <= lastX && Number.isInteger(t))) {
    grid.append(svgElement('text', { class: 'tick', x: x(tick), y: height - margin.bottom + 16, 'text-anchor': 'middle' }, formatX(tick)));
  }
  grid.append(svgElement('text', { class: 'tick', x: margin.left + plotW / 2, y: height - 4, 'text-anchor': 'middle' }, xTitle));
  svg.append(grid);
  if (yMin < 0 && yMax > 0) svg.append(svgElement('line', { x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0), class: 'guide' }));

  for (const band of bands) {
    let path = '';
    band.low.forEach((v, k) => { path += `${k ? 'L' : 'M'}${x(firstX + k).toFixed(1)} ${y(v).toFixed(1)}`; });
    for (let k = band.high.length - 1; k >= 0; k--) path += `L${x(firstX + k).toFixed(1)} ${y(band.high[k]).toFixed(1)}`;
    svg.append(svgElement('path', { d: `${path}Z`, fill: band.colour, 'fill-opacity': 0.18, stroke: 'none' }));
  }
  series.forEach((s, index) => {
    if (s.style === 'points') {
      const group = svgElement('g', { fill: s.colour });
      s.values.forEach((v, k) => group.append(svgElement('circle', { cx: x(firstX + k).toFixed(1), cy: y(v).toFixed(1), r: 3.5 })));
      group.append(svgElement('title', {}, s.name));
      svg.append(group);
      return;
    }
    let path = '';
    s.values.forEach((v, k) => { path += `${k ? 'L' : 'M'}${x(firstX + k).toFixed(1)} ${y(v).toFixed(1)}`; });
    const line = svgElement('path', { d: path, fill: 'none', stroke: s.colour, 'stroke-width': index === 0 || s.style === 'solid' ? 3 : 2, 'stroke-linejoin': 'round' });
    const dash = s.style === 'dashed' ? '7 4' : s.style === 'dotted' ? '2 3' : s.style === 'solid' || index === 0 ? null : index % 2 ? '7 4' : '2 3';
    if (dash) line.setAttribute('stroke-dasharray', dash);
    line.append(svgElement('title', {}, s.name));
    svg.append(line);
  });
  if (divider && divider.x > firstX && divider.x < lastX) {
    svg.append(svgElement('line', { x1: x(divider.x), x2: x(divider.x), y1: margin.top, y2: margin.top + plotH, class: 'guide', 'stroke-dasharray': '3 3' }));
    svg.append(svgElement('text', { class: 'tick', x: x(divider.x) + 4, y: margin.top + 12 }, divider.label));
  }
  container.replaceChildren(svg);
}

// rows: [{label, low, high}] around `base`, widest swing first.
export function drawTornado(container, { width: measured, rows, base, formatValue, lowLabel, highLabel }) {
  const width = chartWidth(measured);
  const labelWidth = Math.min(150, Math.round(width * 0.34));
  const rowHeight = 26, top = 8, bottom = 40;
  const height = top + rows.length * rowHeight + bottom;
  let low = base, high = base;
  for (const r of rows) { low = Math.min(low, r.low, r.high); high = Math.max(high, r.low, r.high); }
  const ticks = niceTicks(low, high, 4);
  const min = ticks[0], max = ticks[ticks.length - 1];
  const plotLeft = labelWidth + 8, plotW = width - plotLeft - 24;  // room for the last tick label
  const x = (v) => plotLeft + ((v - min) / (max - min || 1)) * plotW;

  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height, 'aria-hidden': 'true' });
  for (const tick of ticks) {
    svg.append(svgElement('line', { class: 'gridline', x1: x(tick), x2: x(tick), y1: top, y2: height - bottom + 4 }));
    svg.append(svgElement('text', { class: 'tick', x: x(tick), y: height - bottom + 18, 'text-anchor': 'middle' }, formatValue(tick)));
  }
  rows.forEach((r, i) => {
    const cy = top + i * rowHeight;
    svg.append(svgElement('text', { x: labelWidth, y: cy + rowHeight / 2 + 4, 'text-anchor': 'end', fill: 'currentColor' }, r.label));
    for (const [value, colour] of [[r.low, '#7aa2e8'], [r.high, '#1f5fd6']]) {
      const from = Math.min(x(base), x(value)), to = Math.max(x(base), x(value));
      svg.append(svgElement('rect', { x: from, y: cy + 5, width: Math.max(1, to - from), height: rowHeight - 10, fill: colour, rx: 2 }));
    }
  });
  svg.append(svgElement('line', { x1: x(base), x2: x(base), y1: top - 2, y2: height - bottom + 4, stroke: 'currentColor', 'stroke-width': 1.5 }));
  const legendY = height - 6;
  svg.append(svgElement('rect', { x: plotLeft, y: legendY - 9, width: 12, height: 9, fill: '#7aa2e8' }));
  svg.append(svgElement('text', { class: 'tick', x: plotLeft + 16, y: legendY }, lowLabel));
  svg.append(svgElement('rect', { x: plotLeft + 110, y: legendY - 9, width: 12, height: 9, fill: '#1f5fd6' }));
  svg.append(svgElement('text', { class: 'tick', x: plotLeft + 126, y: legendY }, highLabel));
  container.replaceChildren(svg);
}

// The legend under a chart: a swatch (a line, or a dot for observed points) and the name.
export function renderLegend(list, series) {
  list.replaceChildren(...series.map((s) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = s.style === 'points' ? 'swatch dot' : s.style === 'band' ? 'swatch band' : 'swatch';
    swatch.style.background = s.colour;
    const name = document.createElement('span');
    name.textContent = s.name;
    item.append(swatch, name);
    return item;
  }));
}

// Vertical bars with a label under each: a histogram. bars: [{label, shortLabel, value}];
// shortLabel is used when the bars are too narrow for the label.
/**
 * @param {HTMLElement} container
 * @param {{width: number, bars: any[], colour?: string, formatValue: (v: number) => string, xTitle?: string}} options
 */
export function drawBars(container, { width: measured, bars, colour = '#1f5fd6', formatValue, xTitle }) {
  const width = chartWidth(measured);
  const height = 210, margin = { left: 44, right: 8, top: 16, bottom: 40 };
  const high = Math.max(1, ...bars.map((b) => b.value));
  const ticks = niceTicks(0, high, 4);
  const top = ticks[ticks.length - 1];
  const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
  const slot = plotW / bars.length;
  const y = (v) => margin.top + plotH - (v / top) * plotH;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height, 'aria-hidden': 'true' });
  for (const tick of ticks) {
    svg.append(svgElement('line', { class: 'gridline', x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick) }));
    svg.append(svgElement('text', { class: 'tick', x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, formatValue(tick)));
  }
  bars.forEach((bar, i) => {
    const x = margin.left + i * slot;
    svg.append(svgElement('rect', { x: x + slot * 0.12, y: y(bar.value), width: slot * 0.76, height: Math.max(0, y(0) - y(bar.value)), fill: colour }));
    svg.append(svgElement('text', { class: 'tick', x: x + slot / 2, y: height - margin.bottom + 14, 'text-anchor': 'middle' },
      slot < 8 * bar.label.length && bar.shortLabel ? bar.shortLabel : bar.label));
  });
  if (xTitle) svg.append(svgElement('text', { class: 'tick', x: margin.left + plotW / 2, y: height - 2, 'text-anchor': 'middle' }, xTitle));
  container.replaceChildren(svg);
}
