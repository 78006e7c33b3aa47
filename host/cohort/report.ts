// The cohort report: one self-contained HTML page over summary.csv: how complete the data
// are, how participants are spread, and a participants x days heat-map of the upright share.
import { barChart, esc } from '../report/charts';

export interface SummaryRow {
  participant: string;
  day: string;
  wornMin: number;
  uprightPct: number | null;
  episodes: number;
  alerts: number;
}

/** Hours a day must be worn to count as a complete day. */
export const COMPLETE_DAY_H = 4;

function colour(p: number | null): string {
  if (p === null) return '#eeeeee';
  // 50 % (red) to 100 % (green), in steps the eye can tell apart.
  const x = Math.max(0, Math.min(1, (p - 50) / 50));
  const r = Math.round(200 - 150 * x), g = Math.round(60 + 110 * x), b = 60;
  return `rgb(${r},${g},${b})`;
}

export function cohortReport(rows: SummaryRow[], o: { built: string }): string {
  const people = [...new Set(rows.map((r) => r.participant))].sort();
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const by = new Map(rows.map((r) => [`${r.participant} ${r.day}`, r]));
  const complete = rows.filter((r) => r.wornMin >= COMPLETE_DAY_H * 60).length;
  // Per participant: the upright share over their still time, as the mean of their days.
  const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
  const perPerson = people.map((p) => {
    const mine = rows.filter((r) => r.participant === p);
    const worn = mine.reduce((a, r) => a + r.wornMin, 0);
    return {
      p, days: mine.length, complete: mine.filter((r) => r.wornMin >= COMPLETE_DAY_H * 60).length,
      upright: mean(mine.map((r) => r.uprightPct).filter((x): x is number => x !== null)),
      alertsPerHour: worn ? mine.reduce((a, r) => a + r.alerts, 0) / (worn / 60) : null,
    };
  });
  const hist = (values: (number | null)[], edges: number[], fmt: (a: number, b: number) => string) =>
    edges.slice(0, -1).map((a, i) => ({ label: fmt(a, edges[i + 1]), value: values.filter((v) => v !== null && v >= a && (v < edges[i + 1] || i === edges.length - 2)).length }));
  const upEdges = [0, 50, 60, 70, 80, 90, 100];
  const alEdges = [0, 0.5, 1, 2, 4, 8, 1000];
  const cell = 10;
  const left = 90, top = 20;
  const heat = `<svg class="chart" data-chart="heatmap" viewBox="0 0 ${left + days.length * cell + 10} ${top + people.length * cell + 10}" width="${left + days.length * cell + 10}" role="img" aria-label="Upright share per participant and day">
${days.map((d, j) => (j % 7 === 0 ? `<text x="${left + j * cell}" y="12" font-size="9">${esc(d.slice(5))}</text>` : '')).join('')}
${people.map((p, i) => `<text x="${left - 4}" y="${top + i * cell + 8}" font-size="8" text-anchor="end">${esc(p)}</text>${days.map((d, j) => {
    const r = by.get(`${p} ${d}`);
    return `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="${colour(r ? r.uprightPct : null)}"><title>${esc(p)} ${esc(d)}: ${r ? `${Math.round(r.wornMin)} min worn, upright ${r.uprightPct ?? '–'} %` : 'no data'}</title></rect>`;
  }).join('')}`).join('\n')}
</svg>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Posture Coach cohort</title><style>
body { font: 10.5pt/1.4 system-ui, sans-serif; color: #222; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
table { border-collapse: collapse; font-size: 9pt; } th, td { border-bottom: 1px solid #e0e0e0; padding: 1mm 2mm; text-align: right; } th:first-child, td:first-child { text-align: left; }
.meta { color: #555; font-size: 9pt; } figure { margin: 3mm 0; overflow-x: auto; }
</style></head><body>
<h1>Posture Coach cohort</h1>
<p class="meta">Built ${esc(o.built)} · ${people.length} participant(s) · ${days.length} day(s), ${esc(days[0] ?? '–')} to ${esc(days[days.length - 1] ?? '–')} (UTC) · a day is complete with at least ${COMPLETE_DAY_H} h of wear</p>
<h2>Data completeness</h2>
<p>${rows.length} participant-days with data, ${complete} of them complete (${rows.length ? Math.round((100 * complete) / rows.length) : 0} %); ${perPerson.filter((x) => x.complete === 0).length} participant(s) without a complete day.</p>
<h2>How participants are spread</h2>
<figure>${barChart('upright-spread', 'Participants by mean upright share of still time', hist(perPerson.map((x) => x.upright), upEdges, (a, b) => `${a}-${b} %`), { unit: ' participants', colour: '#2e7d32' })}<figcaption class="meta">Each participant's days averaged.</figcaption></figure>
<figure>${barChart('alerts-spread', 'Participants by prompts per worn hour', hist(perPerson.map((x) => x.alertsPerHour), alEdges, (a, b) => (b > 100 ? `${a}+` : `${a}-${b}`)), { unit: ' participants', colour: '#e65100' })}</figure>
<h2>Participants x days</h2>
<p class="meta">Upright share of still time per day: red 50 % or less, green 100 %; grey no data.</p>
<figure>${heat}</figure>
</body></html>
`;
}
