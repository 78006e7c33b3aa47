// Inline SVG charts for the report: no script, no fonts or images from anywhere, so the file
// renders offline and prints as drawn. Each chart is an <svg class="chart" data-chart=NAME>
// with an aria-label, which the browser test looks for.
import { HistogramBin, TimelineDay } from './data';

export const STATE_COLOURS: Record<string, string> = { u: '#2e7d32', s: '#e65100', m: '#1565c0', l: '#6a1b9a', o: '#9e9e9e' };
const INK = '#222', GRID = '#ddd', MUTED = '#666';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const n1 = (x: number) => (Math.round(x * 10) / 10).toString();

function svg(name: string, label: string, w: number, h: number, body: string): string {
  return `<svg class="chart" data-chart="${name}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${w} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="10">${body}</svg>`;
}

/** The hours (multiples of 3) that hold every logged minute and mark, at least 6 h. */
export function hourSpan(days: TimelineDay[]): [number, number] {
  let first = 1440, last = -1;
  for (const d of days) {
    for (let m = 0; m < 1440; m++) {
      if (d.minutes[m] !== '.' && d.minutes[m] !== undefined) {
        if (m < first) first = m;
        if (m > last) last = m;
      }
    }
    for (const m of [...d.alerts, ...d.changes]) {
      if (m < first) first = m;
      if (m > last) last = m;
    }
  }
  if (last < 0) return [0, 24];
  // The whole hours the data covers; over 12 h, whole 3-hour steps so the ticks fall on them.
  let h0 = Math.floor(first / 60), h1 = Math.ceil((last + 1) / 60);
  if (h1 - h0 > 12) {
    h0 = Math.floor(h0 / 3) * 3;
    h1 = Math.ceil(h1 / 3) * 3;
  }
  if (h1 - h0 < 2) h1 < 24 ? h1++ : h0--; // at least two hour lines
  return [h0, h1];
}

/** One row per day over the hours worn, coloured by the minute's state; alerts and prescription changes marked. */
export function timelineChart(days: TimelineDay[]): string {
  const left = 70, width = 600, row = 18, top = 16;
  const [h0, h1] = hourSpan(days);
  const m0 = h0 * 60, span = (h1 - h0) * 60;
  const X = (minute: number) => left + ((minute - m0) / span) * width;
  const h = top + days.length * row + 24;
  let b = '';
  for (let hr = h0; hr <= h1; hr += h1 - h0 > 12 ? 3 : 1) {
    const x = X(hr * 60);
    b += `<line x1="${n1(x)}" y1="${top - 4}" x2="${n1(x)}" y2="${top + days.length * row}" stroke="${GRID}"/>`;
    b += `<text x="${n1(x)}" y="${top - 6}" text-anchor="middle" fill="${MUTED}">${String(hr).padStart(2, '0')}:00</text>`;
  }
  days.forEach((d, i) => {
    const y = top + i * row + 3;
    b += `<text x="${left - 6}" y="${y + 10}" text-anchor="end" fill="${INK}">${esc(d.day)}</text>`;
    let start = 0;
    for (let m = 1; m <= 1440; m++) {
      if (m < 1440 && d.minutes[m] === d.minutes[start]) continue;
      const c = STATE_COLOURS[d.minutes[start]];
      if (c) b += `<rect class="state" x="${n1(X(start))}" y="${y}" width="${n1((m - start) / span * width)}" height="12" fill="${c}"/>`;
      start = m;
    }
    for (const a of d.alerts) {
      const x = X(a);
      b += `<path class="alert" d="M${n1(x)} ${y - 2}l-2.5 -4h5z" fill="${INK}"><title>alert</title></path>`;
    }
    for (const c of d.changes) {
      const x = X(c);
      b += `<path class="change" d="M${n1(x)} ${y + 6}l4 -6 4 6 -4 6z" fill="#0277bd" stroke="#fff"><title>prescription changed</title></path>`;
    }
  });
  const ly = top + days.length * row + 14;
  let lx = left;
  for (const [code, name] of [['u', 'upright'], ['s', 'slouched'], ['m', 'moving'], ['l', 'lying'], ['o', 'off']]) {
    b += `<rect x="${lx}" y="${ly - 8}" width="10" height="10" fill="${STATE_COLOURS[code]}"/><text x="${lx + 14}" y="${ly}" fill="${INK}">${name}</text>`;
    lx += 78;
  }
  b += `<path d="M${lx + 5} ${ly - 1}l-2.5 -4h5z" fill="${INK}"/><text x="${lx + 12}" y="${ly}" fill="${INK}">alert</text>`;
  b += `<path d="M${lx + 56} ${ly - 4}l4 -6 4 6 -4 6z" fill="#0277bd"/><text x="${lx + 68}" y="${ly}" fill="${INK}">prescription change</text>`;
  return svg('timeline', `Timeline of ${days.length} day(s) by state, with alerts`, 700, h, b);
}

export interface Bar {
  label: string;
  value: number | null;
  colour?: string;
}

/** Vertical bars; null values are drawn as a gap with "-". */
export function barChart(name: string, label: string, bars: Bar[], o: { max?: number; unit?: string; colour?: string } = {}): string {
  const w = 700, h = 190, left = 40, bottom = 150, top = 14;
  const max = o.max ?? Math.max(1, ...bars.map((x) => x.value ?? 0));
  const step = (w - left - 10) / Math.max(1, bars.length);
  let b = '';
  for (let k = 0; k <= 4; k++) {
    const y = bottom - ((bottom - top) * k) / 4;
    b += `<line x1="${left}" y1="${n1(y)}" x2="${w - 10}" y2="${n1(y)}" stroke="${GRID}"/><text class="tick-y" x="${left - 4}" y="${n1(y + 3)}" text-anchor="end" fill="${MUTED}">${n1((max * k) / 4)}</text>`;
  }
  bars.forEach((x, i) => {
    const cx = left + step * i;
    if (x.value === null) b += `<text x="${n1(cx + step / 2)}" y="${bottom - 3}" text-anchor="middle" fill="${MUTED}">-</text>`;
    else {
      const bh = (Math.min(x.value, max) / max) * (bottom - top);
      b += `<rect class="bar" x="${n1(cx + step * 0.15)}" y="${n1(bottom - bh)}" width="${n1(step * 0.7)}" height="${n1(bh)}" fill="${x.colour ?? o.colour ?? '#455a64'}"><title>${esc(x.label)}: ${n1(x.value)}${o.unit ?? ''}</title></rect>`;
    }
    const rotate = bars.length > 14 ? ` transform="rotate(-45 ${n1(cx + step / 2)} ${bottom + 12})"` : '';
    b += `<text x="${n1(cx + step / 2)}" y="${bottom + 12}" text-anchor="${rotate ? 'end' : 'middle'}" fill="${INK}"${rotate}>${esc(x.label)}</text>`;
  });
  if (o.unit) b += `<text x="4" y="${top - 4}" fill="${MUTED}">${esc(o.unit.trim())}</text>`;
  return svg(name, label, w, h, b);
}

const BANDS: [number, number, string, string][] = [
  [-20, 0, '#e3f2fd', 'leaning back'],
  [0, 20, '#e8f5e9', '< 20° acceptable'],
  [20, 60, '#fff3e0', '20-60° conditional'],
  [60, 90, '#ffebee', '> 60° not acceptable'],
];

/** Minutes per 5° of upper-back inclination, over the ISO 11226 bands. */
export function histogramChart(bins: HistogramBin[], source: string): string {
  const w = 700, h = 200, left = 40, bottom = 160, top = 20;
  const x0 = bins[0].from, x1 = bins[bins.length - 1].to;
  const X = (deg: number) => left + ((deg - x0) / (x1 - x0)) * (w - left - 10);
  const max = Math.max(1e-9, ...bins.map((b) => b.minutes));
  let b = '';
  for (const [f, t, c, name] of BANDS) {
    b += `<rect class="band" x="${n1(X(f))}" y="${top}" width="${n1(X(t) - X(f))}" height="${bottom - top}" fill="${c}"/><text x="${n1((X(f) + X(t)) / 2)}" y="${top - 6}" text-anchor="middle" fill="${MUTED}">${esc(name)}</text>`;
  }
  // Minutes on the y axis, in four steps from zero.
  for (let k = 0; k <= 4; k++) {
    const y = bottom - ((bottom - top) * k) / 4;
    b += `<line x1="${left}" y1="${n1(y)}" x2="${w - 10}" y2="${n1(y)}" stroke="${GRID}"/><text class="tick-y" x="${left - 4}" y="${n1(y + 3)}" text-anchor="end" fill="${MUTED}">${n1((max * k) / 4)}</text>`;
  }
  for (const bin of bins) {
    const bh = (bin.minutes / max) * (bottom - top);
    b += `<rect class="bar" x="${n1(X(bin.from) + 1)}" y="${n1(bottom - bh)}" width="${n1(X(bin.to) - X(bin.from) - 2)}" height="${n1(bh)}" fill="#37474f"><title>${bin.from} to ${bin.to}°: ${n1(bin.minutes)} min</title></rect>`;
  }
  for (let d = x0; d <= x1; d += 10) b += `<text x="${n1(X(d))}" y="${bottom + 12}" text-anchor="middle" fill="${INK}">${d}°</text>`;
  b += `<text x="4" y="${top + 4}" fill="${MUTED}">min</text><text x="${w - 10}" y="${bottom + 26}" text-anchor="end" fill="${MUTED}">upper-back inclination from calibrated upright (${esc(source)})</text>`;
  return svg('inclination', 'Histogram of upper-back inclination with the ISO 11226 bands', w, h + 10, b);
}

/** Upright % per day as a line with its points; days without still time are skipped. */
export function trendChart(days: { key: string; uprightPct: number | null }[], name = 'trend'): string {
  const w = 700, h = 170, left = 40, bottom = 130, top = 10;
  const step = (w - left - 50) / Math.max(1, days.length - 1);
  const X = (i: number) => (days.length === 1 ? (w + left) / 2 : left + 20 + step * i);
  const Y = (p: number) => bottom - ((bottom - top) * p) / 100;
  let b = '';
  for (const p of [0, 25, 50, 75, 100]) b += `<line x1="${left}" y1="${Y(p)}" x2="${w - 10}" y2="${Y(p)}" stroke="${GRID}"/><text class="tick-y" x="${left - 4}" y="${Y(p) + 3}" text-anchor="end" fill="${MUTED}">${p}%</text>`;
  const pts = days.map((d, i) => (d.uprightPct === null ? null : [X(i), Y(d.uprightPct)] as const));
  const path = pts.filter(Boolean).map((p, i) => `${i ? 'L' : 'M'}${n1(p![0])} ${n1(p![1])}`).join('');
  if (path) b += `<path d="${path}" fill="none" stroke="#2e7d32" stroke-width="2"/>`;
  days.forEach((d, i) => {
    const p = pts[i];
    if (p) b += `<circle class="point" cx="${n1(p[0])}" cy="${n1(p[1])}" r="3.5" fill="#2e7d32"><title>${esc(d.key)}: ${n1(d.uprightPct!)}% upright</title></circle>`;
    if (days.length <= 31) b += `<text x="${n1(X(i))}" y="${bottom + 14}" text-anchor="middle" fill="${INK}">${esc(d.key.slice(5))}</text>`;
  });
  return svg(name, 'Upright share of still time per day', w, h, b);
}
