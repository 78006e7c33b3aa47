// The live view's two drawings, as SVG built with DOM calls (the page allows no inline script
// or style): a gauge of the forward lean and a trace of the last minute.
const NS = 'http://www.w3.org/2000/svg';

function el(name: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const MAX = 60; // degrees shown

/** A half-circle gauge from -20° (leaning back) to 60°, the slouch angle and sit-up band marked. */
export function drawGauge(svg: SVGSVGElement, flex: number | null, threshold: number, hysteresis: number): void {
  const ang = (d: number) => Math.PI - ((Math.max(-20, Math.min(MAX, d)) + 20) / (MAX + 20)) * Math.PI;
  const pt = (d: number, r: number) => `${(r * Math.cos(ang(d))).toFixed(1)},${(-r * Math.sin(ang(d))).toFixed(1)}`;
  const arc = (a: number, b: number, r: number) => `M${pt(a, r)} A${r},${r} 0 0 1 ${pt(b, r)}`;
  svg.replaceChildren(
    el('path', { d: arc(-20, MAX, 90), fill: 'none', stroke: '#ddd', 'stroke-width': 14 }),
    el('path', { d: arc(threshold - hysteresis, threshold, 90), fill: 'none', stroke: '#f3c98b', 'stroke-width': 14 }),
    el('path', { d: arc(threshold, MAX, 90), fill: 'none', stroke: '#e65100', 'stroke-width': 14 }),
  );
  for (const d of [-20, 0, 20, 40, 60]) {
    const t = el('text', { x: pt(d, 108).split(',')[0], y: Number(pt(d, 108).split(',')[1]) + 4, 'font-size': 10, 'text-anchor': 'middle', fill: '#333' });
    t.textContent = `${d}°`;
    svg.append(t);
  }
  if (flex !== null) svg.append(el('line', { x1: 0, y1: 0, x2: pt(flex, 80).split(',')[0], y2: pt(flex, 80).split(',')[1], stroke: '#1b1b1b', 'stroke-width': 4, 'stroke-linecap': 'round' }));
  svg.append(el('circle', { cx: 0, cy: 0, r: 6, fill: '#1b1b1b' }));
}

/** The last minute of forward lean, with the slouch angle, the sit-up band and the buzzes. */
export function drawTrace(svg: SVGSVGElement, points: { t: number; flex: number | null }[], alerts: number[], threshold: number, hysteresis: number): void {
  const W = 600, H = 200, L = 36;
  if (!points.length) return svg.replaceChildren();
  const end = points[points.length - 1].t;
  const x = (t: number) => L + ((t - (end - 60000)) / 60000) * (W - L - 4);
  const y = (d: number) => H - 16 - ((Math.max(-20, Math.min(MAX, d)) + 20) / (MAX + 20)) * (H - 24);
  const parts: SVGElement[] = [
    el('rect', { x: L, y: y(threshold), width: W - L - 4, height: y(threshold - hysteresis) - y(threshold), fill: '#fbe3c2' }),
    el('line', { x1: L, x2: W - 4, y1: y(threshold), y2: y(threshold), stroke: '#e65100', 'stroke-width': 1.5 }),
  ];
  for (const d of [-20, 0, 20, 40, 60]) {
    parts.push(el('line', { x1: L, x2: W - 4, y1: y(d), y2: y(d), stroke: '#eee' }));
    const t = el('text', { x: L - 4, y: y(d) + 4, 'font-size': 10, 'text-anchor': 'end', fill: '#333', class: 'tick-y' });
    t.textContent = `${d}°`;
    parts.push(t);
  }
  let d = '';
  for (const p of points) {
    if (p.flex === null) continue;
    d += `${d ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.flex).toFixed(1)}`;
  }
  parts.push(el('path', { d, fill: 'none', stroke: '#1f5fa8', 'stroke-width': 2 }));
  for (const a of alerts) parts.push(el('path', { d: `M${x(a) - 5},6 L${x(a) + 5},6 L${x(a)},14 Z`, fill: '#1b1b1b', class: 'alert' }));
  svg.replaceChildren(...parts);
}
