// The report as one self-contained HTML file (inline CSS and SVG, no script, nothing
// fetched), laid out for A4 paper. All numbers come from ReportData.
import { FIELD_HELP, FIELD_LABEL, showValue, unitAfter } from '../../shared/config-docs';
import { FIELDS } from '../../shared/config';
import { EVA_LABELS } from '../metrics/inclination';
import { barChart, esc, histogramChart, timelineChart, trendChart } from './charts';
import { DeviceReport, ReportData } from './data';
import { ExerciseFigures } from '../metrics/exercise';

/** An ISO instant as "2026-11-02 10:00" on the report's clock (utcOffsetMin from UTC). */
export function localTime(iso: string | null, utcOffsetMin: number): string {
  if (!iso) return '–';
  const d = new Date(Date.parse(iso) + utcOffsetMin * 60000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

export function zoneName(utcOffsetMin: number): string {
  if (utcOffsetMin === 0) return 'UTC';
  const a = Math.abs(utcOffsetMin);
  return `UTC${utcOffsetMin > 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const f1 = (x: number | null | undefined, unit = '') => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(Math.round(x * 10) / 10).toString()}${unit}`);

export function duration(min: number): string {
  const m = Math.round(min);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Plain words for the wearer: what happened and whether it got better. */
export function wearerSummary(d: DeviceReport): string[] {
  const m = d.metrics;
  const out: string[] = [];
  const hist = d.history.days;
  if (!m.minutes && !hist.length) return ['The clip logged no wear in this period.'];
  const wornMin = hist.length ? hist.reduce((a, x) => a + x.wornMin, 0) : m.wornMin;
  out.push(`You wore the clip for ${duration(wornMin)}${d.period.days > 1 ? ` over ${d.period.days} days` : ''}.`);
  if (m.uprightPct !== null) out.push(`While sitting still you were upright ${Math.round(m.uprightPct)}% of the time${d.history.hoursFromSummaries ? ' (over the days the clip still held minute by minute)' : ''}.`);
  // The trend runs over every day the archive knows of: the hourly summaries reach weeks back.
  const days = (d.history.hoursFromSummaries ? hist.map((x) => ({ uprightPct: x.uprightPct })) : m.perDay).filter((x) => x.uprightPct !== null);
  if (days.length >= 2) {
    const a = days[0].uprightPct!, b = days[days.length - 1].uprightPct!;
    const diff = Math.round(b - a);
    out.push(diff >= 3 ? `That went up from ${Math.round(a)}% on the first day to ${Math.round(b)}% on the last: the coaching is working.`
      : diff <= -3 ? `That went down from ${Math.round(a)}% on the first day to ${Math.round(b)}% on the last: worth a word with your therapist.`
        : `That stayed about the same from the first day (${Math.round(a)}%) to the last (${Math.round(b)}%).`);
  }
  // Counts, not percentages, and said from what went well: the wearer reads this page.
  const n = m.alerts.count;
  const answered = Math.round(((m.response.within60Pct ?? 0) * n) / 100);
  if (n) {
    out.push(`The clip reminded you ${n} time${n === 1 ? '' : 's'}` +
      (answered ? `, and ${answered === n ? (n === 1 ? 'you sat up within a minute' : 'every time you sat up within a minute') : `${answered} time${answered === 1 ? '' : 's'} you sat up within a minute`}.` : '.'));
  } else out.push('The clip did not need to remind you once.');
  if (m.breaks.longestSittingMin) out.push(`Your longest stretch of sitting without a break was ${duration(m.breaks.longestSittingMin)}.`);
  const x = d.exercise;
  if (x.prescribed && x.setsPrescribed) {
    const full = x.days.filter((day) => day.extension.setsDone + day.sideBend.setsDone >= day.extension.setsPrescribed + day.sideBend.setsPrescribed).length;
    out.push(x.setsDone
      ? `You did ${x.setsDone} of the ${x.setsPrescribed} exercise sets your therapist asked for${full ? `, all of them on ${full} day${full === 1 ? '' : 's'}` : ''}.`
      : `Your therapist asked for ${x.setsPrescribed} exercise sets in this period; the clip counted none yet. When it buzzes for exercises, stand up and do a set.`);
  }
  // One thing to try next: the one that matters most in this period.
  if (m.breaks.longestSittingMin > 60) out.push('To try next: stand up and move for a minute at least once an hour.');
  else if (n && answered < n) out.push('To try next: when the clip buzzes, sit up straight away, even for a moment.');
  else if (m.uprightPct !== null && m.uprightPct < 80) out.push('To try next: when you notice yourself leaning forward to the screen, sit back and bring the screen to you.');
  else out.push('To try next: keep it up; it is becoming a habit.');
  return out;
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 0 auto; max-width: 186mm; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #ccc; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; }
.meta { color: #555; font-size: 9pt; }
.summary { background: #f1f8e9; border-left: 4px solid #2e7d32; padding: 3mm 4mm; margin: 3mm 0; }
.summary p { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 2mm 0; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 1mm 2mm; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: #555; }
section.device { break-before: page; } section.device:first-of-type { break-before: auto; }
section.clinician { break-before: page; margin-top: 8mm; }
dl.definitions { font-size: 9pt; display: grid; grid-template-columns: 38mm 1fr; gap: 1mm 3mm; margin: 2mm 0; }
dl.definitions dt { font-weight: 600; } dl.definitions dd { margin: 0; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
.figures div { border: 1px solid #e0e0e0; padding: 2mm; } .figures b { display: block; font-size: 13pt; }
@media print { body { padding: 0; } a { color: inherit; text-decoration: none; } }
`;

function figures(d: DeviceReport): string {
  const m = d.metrics;
  const items: [string, string][] = [
    ['wear time', duration(m.wornMin)], ['upright (of still time)', f1(m.uprightPct, ' %')],
    ['slouch episodes', `${m.episodes.count}`], ['longest episode', m.episodes.longestS === null ? '–' : duration(m.episodes.longestS / 60)],
    ['alerts (per worn hour)', `${m.alerts.count} (${f1(m.alerts.perWornHour)})`], ['alerts answered within 1 min', m.alerts.count ? `${Math.round(((m.response.within60Pct ?? 0) * m.alerts.count) / 100)} of ${m.alerts.count}` : '–'],
    ['breaks taken (reminders)', `${m.breaks.count} (${m.breaks.reminders})`], ['longest sitting stretch', duration(m.breaks.longestSittingMin)],
  ];
  return `<div class="figures">${items.map(([k, v]) => `<div>${esc(k)}<b>${esc(v)}</b></div>`).join('')}</div>`;
}

function inclinationTable(d: DeviceReport): string {
  const inc = d.samples ? d.samples.inclination : d.metrics.inclination;
  if (!inc) return '<p>No still, worn time: no inclination figures.</p>';
  const src = d.samples ? `raw samples, ${duration(d.samples.minutes)} in ${d.samples.files.length} recording(s)` : `per-minute means, ${duration(d.metrics.inclination!.basisMin)} of still time`;
  return `<table><tr><th>from</th><th class="n">P10</th><th class="n">P50</th><th class="n">P90</th><th class="n">leaning back</th><th class="n">&lt; 20°</th><th class="n">20–60°</th><th class="n">&gt; 60°</th>${inc.above.filter((a) => a.angle !== 60).map((a) => `<th class="n">above ${a.angle}°</th>`).join('')}</tr>
<tr><td>${esc(src)}</td><td class="n">${f1(inc.p10, '°')}</td><td class="n">${f1(inc.p50, '°')}</td><td class="n">${f1(inc.p90, '°')}</td><td class="n">${f1(inc.bands.back, ' %')}</td><td class="n">${f1(inc.bands.acceptable, ' %')}</td><td class="n">${f1(inc.bands.conditional, ' %')}</td><td class="n">${f1(inc.bands.notAcceptable, ' %')}</td>${inc.above.filter((a) => a.angle !== 60).map((a) => `<td class="n">${f1(a.pct, ' %')}</td>`).join('')}</tr></table>`;
}

function prescription(d: DeviceReport, tz: number): string {
  const label = (name: string) => `${esc(FIELD_LABEL[name] ?? name)} <span class="meta">${esc(name)}</span>`;
  const rows = FIELDS.map((f) => `<tr><td>${label(f.name)}</td><td class="n">${esc(showValue(f.name, d.prescription.config[f.name]))} ${esc(unitAfter(f.unit))}</td><td>${esc(FIELD_HELP[f.name] ?? '')}</td></tr>`).join('');
  const changes = d.prescription.changes.length
    ? `<h3>Changes in this period</h3><table><tr><th>when (${esc(zoneName(tz))})</th><th>change</th></tr>${d.prescription.changes.map((c) => `<tr><td>${esc(c.at ? localTime(c.at, tz) : 'before the clock was set')}</td><td>${c.fields.map((f) => `${label(f.field)}: ${f.old === null ? '' : `${esc(showValue(f.field, f.old))} `}→ ${esc(showValue(f.field, f.value))}`).join('<br>')}</td></tr>`).join('')}</table>`
    : '<p>No changes in this period.</p>';
  return `<p class="meta">In force: ${esc(d.prescription.source)}.</p><table><tr><th>setting</th><th class="n">value</th><th>meaning</th></tr>${rows}</table>${changes}`;
}

/** What each figure on the therapist's pages means (docs/report-and-metrics.md has the formulas). */
function definitions(d: DeviceReport): string {
  const t = d.prescription.config.threshold_deg;
  const items: [string, string][] = [
    ['Wear time', 'time the clip was on the body: upright, slouched, moving or lying (not off).'],
    ['Still time', 'worn time sitting or standing still: upright plus slouched. The upright share is upright / still time.'],
    ['Slouch episode', `forward flexion beyond the slouch angle (${t}°) from the calibrated upright, held still; it ends when the wearer sits up, moves, lies back or takes the clip off. Counted on the day it began.`],
    ['Alert', 'a buzz (or, in tracking mode, a recorded prompt) after a slouch held for the buzz delay; answered when the wearer sat up within 1 minute.'],
    ['Break', 'anything between two stretches of sitting minutes (a minute with at least 30 s still): walking, standing, lying or taking the clip off.'],
    ['Inclination', 'forward flexion of the upper back (T2–T4) from the calibrated upright, not of the whole trunk; per-minute means weighted by still time, or 0.4 s blocks of raw recordings.'],
    ['P10 / P50 / P90', 'the inclination that 10 %, 50 % and 90 % of still time stayed below.'],
    ['ISO 11226 bands', 'share of still time leaning back (< 0°), under 20° (acceptable), 20–60° (acceptable only for limited holding) and beyond 60° (not acceptable).'],
    ['EVA', `exposure variation analysis: bouts beyond one angle, the slouch angle (${t}°), counted by their length.`],
    ...(d.exercise.prescribed ? [['Exercise repetition', 'a lean back (extension) or to the side past the target angle, held still for the hold time, and back toward upright within twice the hold plus 10 s; a set is the prescribed repetitions (side bends: to each side), unfinished after a minute without one.'] as [string, string]] : []),
  ];
  return `<h3>Definitions</h3><dl class="definitions">${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

/** The exercise programme, day by day: sets done against prescribed, repetitions, angle and hold against target. */
function exerciseSection(d: DeviceReport): string {
  const x = d.exercise;
  if (!x.prescribed) return '';
  const cell = (f: ExerciseFigures) => f.setsPrescribed || f.reps || f.setsDone || f.setsAbandoned
    ? `<td class="n">${f.setsDone} of ${f.setsPrescribed}${f.setsAbandoned ? ` <span class="meta">(+${f.setsAbandoned} unfinished)</span>` : ''}</td><td class="n">${f.reps}</td><td class="n">${f.peakDegMean === null ? '–' : `${f1(f.peakDegMean, '°')} / ${f.targetDeg}°`}</td><td class="n">${f.holdSMean === null ? '–' : `${f1(f.holdSMean, ' s')} / ${f.holdTargetS} s`}</td>`
    : '<td class="n">–</td><td class="n">–</td><td class="n">–</td><td class="n">–</td>';
  const rows = x.days.map((day) => `<tr><td>${esc(day.day)}</td>${cell(day.extension)}${cell(day.sideBend)}<td class="n">${day.reminders}</td></tr>`).join('');
  return `<h3>Exercises</h3>
<p class="meta">${x.setsDone} of ${x.setsPrescribed} prescribed sets done, ${x.reps} repetitions. Angle and hold: the day's mean against the target in force that day.</p>
<table><tr><th rowspan="2">day</th><th colspan="4">back extension</th><th colspan="4">side bends</th><th class="n" rowspan="2">reminders</th></tr>
<tr><th class="n">sets</th><th class="n">reps</th><th class="n">angle</th><th class="n">hold</th><th class="n">sets</th><th class="n">reps</th><th class="n">angle</th><th class="n">hold</th></tr>${rows}</table>`;
}

/** Weeks of days from the hourly summaries, shown when they reach beyond the minutes. */
function historySection(d: DeviceReport): string {
  const h = d.history;
  if (!h.hoursFromSummaries) return '';
  const rows = h.days.map((x) => `<tr><td>${esc(x.day)}</td><td>${x.source === 'minutes' ? 'minutes' : x.source === 'hours' ? 'hourly' : 'both'}</td><td class="n">${duration(x.wornMin)}</td><td class="n">${f1(x.uprightPct, ' %')}</td><td class="n">${f1(x.flexionMeanDeg, '°')}</td><td class="n">${x.alerts}</td><td class="n">${x.alertsPerWornHour.toFixed(1)}</td></tr>`).join('');
  return `<h3>Every day the clip kept (hourly summaries)</h3>
<p class="meta">${h.hoursFromSummaries} hour(s) come from the clip's hourly summaries alone, their minutes having left the clip before a pull${h.unplacedHours ? ` · ${h.unplacedHours} hourly record(s) made before the clock was set are not placed` : ''}. Episodes and responses need minutes and are not shown for those days.</p>
<figure>${trendChart(h.days.map((x) => ({ key: x.day, uprightPct: x.uprightPct })), 'history')}<figcaption>Upright share of still time, every day the archive knows of.</figcaption></figure>
<table><tr><th>day</th><th>from</th><th class="n">worn</th><th class="n">upright</th><th class="n">flexion mean</th><th class="n">alerts</th><th class="n">alerts / worn h</th></tr>${rows}</table>`;
}

function deviceSection(d: DeviceReport, tz: number): string {
  const m = d.metrics;
  const dev = d.device as { fw?: string; board?: string; imu?: string };
  const hours = m.perHour.filter((h) => h.wornMin > 0);
  const perDay = m.perDay.map((x) => `<tr><td>${esc(x.key)}</td><td class="n">${duration(x.wornMin)}</td><td class="n">${f1(x.uprightPct, ' %')}</td><td class="n">${x.episodes}</td><td class="n">${x.alerts}</td></tr>`).join('');
  const evaSamples = d.samples
    ? `<figure>${barChart('eva-samples', `Bouts above ${d.samples.inclination.eva.angle} degrees by length`, d.samples.inclination.eva.bins.map((b) => ({ label: b.label, value: b.count })), { unit: ' bouts' })}<figcaption>Exposure variation (EVA) from the raw samples: bouts above the prescribed slouch angle (${d.samples.inclination.eva.angle}°), by length; any movement counts, unlike the clip's episodes above.</figcaption></figure>`
    : '';
  return `<section class="device" data-device="${esc(d.id)}">
<h2>Clip ${esc(d.id)}</h2>
<p class="meta">${esc(localTime(d.period.first, tz))} to ${esc(localTime(d.period.last, tz))} (${esc(zoneName(tz))}) · ${d.period.days} day(s)</p>
<section class="wearer">
<h3>How it went</h3>
<div class="summary">${wearerSummary(d).map((s) => `<p>${esc(s)}</p>`).join('')}</div>
<figure>${trendChart(d.history.hoursFromSummaries ? d.history.days.map((x) => ({ key: x.day, uprightPct: x.uprightPct })) : m.perDay)}<figcaption>How much of your sitting time you sat upright, day by day. Higher is better.</figcaption></figure>
</section>
<section class="clinician">
<h2>For the therapist: clip ${esc(d.id)}</h2>
<p class="meta">Firmware ${esc(dev.fw ?? '?')} on ${esc(dev.board ?? '?')} with ${esc(dev.imu ?? '?')}${m.unplacedMinutes ? ` · ${m.unplacedMinutes} minute(s) logged before the clock was set count in the totals but not on the timeline` : ''}${d.excludedRecords ? ` · ${d.excludedRecords} record(s) outside the period left out` : ''}</p>
${figures(d)}
<h3>The days</h3>
<figure>${timelineChart(d.timeline)}<figcaption>Each row is a day, each minute coloured by the state the clip saw most; triangles are alerts.</figcaption></figure>
<h3>Upright by hour of day</h3>
<figure>${barChart('hours', 'Upright share of still time per hour of day', (hours.length ? m.perHour : []).map((h) => ({ label: h.key, value: h.wornMin > 0 ? h.uprightPct : null })), { max: 100, unit: ' %', colour: '#2e7d32' })}<figcaption>Upright share of still (sitting) time per hour of day; "-" where nothing was logged.</figcaption></figure>
<h3>Day by day</h3>
<table><tr><th>day</th><th class="n">worn</th><th class="n">upright</th><th class="n">episodes</th><th class="n">alerts</th></tr>${perDay}</table>
${historySection(d)}
<h3>Upper-back inclination (T2–T4, from calibrated upright)</h3>
<figure>${histogramChart(d.histogram.bins, d.histogram.source === 'samples' ? 'raw samples' : 'per-minute means')}<figcaption>Time per 5° of forward inclination over the ISO 11226 bands.</figcaption></figure>
${inclinationTable(d)}
<h3>Held slouches by length</h3>
<figure>${barChart('eva', 'Held slouch episodes by length', m.episodeEva.map((b, i) => ({ label: EVA_LABELS[i], value: b.count })), { unit: ' episodes', colour: '#e65100' })}<figcaption>Exposure variation (EVA) of the clip's slouch episodes: held, still time above the prescribed slouch angle (${d.prescription.config.threshold_deg}°), by length.</figcaption></figure>
${evaSamples}
${exerciseSection(d)}
<h3>Prescription</h3>
${prescription(d, tz)}
${definitions(d)}
</section>
</section>`;
}

export function renderReport(data: ReportData): string {
  const tz = zoneName(data.utcOffsetMin);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Posture Coach report</title><style>${CSS}</style></head>
<body>
<h1>Posture Coach report</h1>
<p class="meta">Generated ${esc(localTime(data.generated, data.utcOffsetMin))} · times and hours of day in ${tz} · ${data.devices.length} clip(s) · the first page of each clip is for its wearer; the therapist's pages end with the definitions.</p>
${data.devices.map((d) => deviceSection(d, data.utcOffsetMin)).join('\n')}
</body></html>
`;
}
