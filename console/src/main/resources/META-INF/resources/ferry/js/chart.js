// An inline SVG line chart of per-minute counts: no library.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const e = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  return e;
}

export function lineChart(series, from, minutes) {
  const w = 900, h = 220, left = 36, bottom = 20, top = 10;
  const max = Math.max(1, ...series.flatMap(s => s.values));
  const chart = svg('svg', { class: 'chart', id: 'activity-chart', viewBox: `0 0 ${w} ${h}`, role: 'img',
    'aria-label': 'Per minute over the last ' + minutes + ' minutes' });
  const x = i => left + (w - left - 8) * (minutes <= 1 ? 0 : i / (minutes - 1));
  const y = v => top + (h - top - bottom) * (1 - v / max);
  chart.append(svg('line', { class: 'axis', x1: left, y1: y(0), x2: w - 8, y2: y(0) }));
  chart.append(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: y(0) }));
  [0, max].forEach(v => {
    const t = svg('text', { x: 4, y: y(v) + 3 }); t.textContent = String(v); chart.append(t);
  });
  const start = new Date(from);
  [0, Math.floor((minutes - 1) / 2), minutes - 1].forEach(i => {
    const t = svg('text', { x: x(i) - 14, y: h - 4 });
    t.textContent = new Date(start.getTime() + i * 60000).toISOString().substring(11, 16);
    chart.append(t);
  });
  for (const s of series) {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    chart.append(svg('polyline', { class: s.name, points, 'data-series': s.name }));
  }
  return chart;
}
