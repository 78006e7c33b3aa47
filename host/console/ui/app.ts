// The console page: plain DOM, one screen at a time, everything through the console's API.
// The prescription is checked here with the same code and words as the CLI before it is sent.
import { FIELD_LABEL, unitAfter } from '../../../shared/config-docs';
import { configProblem, fieldProblem } from '../../config-errors';
import { STATE_NAMES } from '../../../shared/events';
import { EV_ALERT, EV_SLOUCH_END, EV_SLOUCH_START } from '../../../shared/events';
import { drawGauge, drawTrace } from './live-draw';
import { exerciseIdle, exerciseLine, ExercisePrescription } from './live-exercise';

type Json = Record<string, unknown>;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function api<T = Json>(path: string, body?: unknown): Promise<T> {
  const r = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  const data = text ? JSON.parse(text) : {};
  if (!r.ok) throw new Error((data as { error?: string }).error ?? `${r.status} ${r.statusText}`);
  return data as T;
}

function say(text: string, ok = false) {
  const m = $('message');
  m.textContent = text;
  m.className = ok ? 'ok' : '';
  m.hidden = !text;
}

async function run(fn: () => Promise<void>) {
  try {
    say('');
    await fn();
  } catch (e) {
    say((e as Error).message);
  }
}

// ---- screens
const screens = ['status', 'live', 'calibrate', 'prescription', 'pull', 'patients'];
function show(name: string) {
  for (const s of screens) $(`screen-${s}`).hidden = s !== name;
  for (const b of document.querySelectorAll<HTMLButtonElement>('nav button')) {
    if (b.dataset.screen === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  if (name === 'status') void run(loadStatus);
  if (name === 'prescription') void run(loadPrescription);
  if (name === 'patients') void run(loadPatients);
  if (name === 'live') void run(() => startLive(50));
}

// ---- clip picker and status
async function loadPorts() {
  const p = await api<{ ports: { path: string; espruino: boolean; label: string }[]; virtual: string; current: string | null; isVirtual: boolean }>('/api/ports');
  const sel = $<HTMLSelectElement>('port');
  sel.replaceChildren();
  for (const port of p.ports) sel.append(new Option(`${port.path}${port.espruino ? ' (Espruino board)' : ''}`, port.path));
  sel.append(new Option('Virtual clip (demo and training)', p.virtual));
  if (p.current) {
    if (![...sel.options].some((o) => o.value === p.current) && !p.isVirtual) sel.append(new Option(p.current, p.current));
    sel.value = p.isVirtual ? p.virtual : p.current;
  }
}

function fact(list: HTMLElement, k: string, v: string) {
  const dt = document.createElement('dt');
  dt.textContent = k;
  const dd = document.createElement('dd');
  dd.textContent = v;
  list.append(dt, dd);
}

async function loadStatus() {
  const s = await api<Json & { clipId: string; firmware: Json; board: string; imu: string; batteryPct: number; clock: { set: boolean; offsetS: number | null; rate: number }; config: { hash: string; locked: boolean }; log: { records: number; bytes: number; capacityBytes: number }; virtual: boolean; warnings: string[] }>('/api/status');
  const list = $('status-list');
  list.replaceChildren();
  fact(list, 'Clip', `${s.clipId}${s.virtual ? ' (virtual)' : ''}`);
  fact(list, 'Battery', `${s.batteryPct} %`);
  fact(list, 'Clock', s.clock.set ? `set, ${s.clock.offsetS?.toFixed(1)} s from this computer${s.clock.rate !== 1 ? ` (runs ${s.clock.rate}x fast)` : ''}` : 'not set: set it before the patient leaves');
  fact(list, 'Log', `${Math.round((100 * s.log.bytes) / Math.max(1, s.log.capacityBytes))} % full (${s.log.records} records)`);
  fact(list, 'Firmware', `${s.firmware.version} on Espruino ${s.firmware.espruino ?? '?'} (${s.board}, ${s.imu})`);
  fact(list, 'Prescription', s.config.locked ? 'locked by a PIN' : 'not locked');
  for (const w of s.warnings) fact(list, 'Note', w);
  $('link-state').textContent = `Clip ${s.clipId} open.`;
}

// ---- live
let source: EventSource | null = null;
let liveHz = 0;
const trace: { t: number; flex: number | null }[] = [];
const alerts: number[] = [];
let heldSince: number | null = null;
let raw = { n: 0, first: -1, last: -1 };
let rx: { threshold: number; hysteresis: number } = { threshold: 15, hysteresis: 5 };
let exRx: ExercisePrescription = { extensionDeg: 0, sideDeg: 0, holdS: 5, reps: 5 };

function onLive(m: Json) {
  if (m.kind === 'raw') {
    const t = m.t as number;
    if (raw.first < 0) raw.first = t;
    raw.last = t;
    raw.n++;
    return;
  }
  if (m.kind === 'sample') {
    const state = m.state as number;
    const cal = state !== 0;
    const flex = cal ? (m.flex as number) / 10 : null;
    $('live-flex').textContent = flex === null ? 'not calibrated' : `${flex.toFixed(1)}°`;
    $('live-lat').textContent = cal ? `${((m.lat as number) / 10).toFixed(1)}°` : '–';
    $('live-state').textContent = STATE_NAMES[state] ?? '?';
    $('live-held').textContent = heldSince === null ? '–' : `${(((m.t as number) - heldSince) / 1000).toFixed(0)} s`;
    trace.push({ t: m.t as number, flex });
    while (trace.length && trace[0].t < (m.t as number) - 60000) trace.shift();
    while (alerts.length && alerts[0] < (m.t as number) - 60000) alerts.shift();
    drawGauge($('gauge') as unknown as SVGSVGElement, flex, rx.threshold, rx.hysteresis);
    drawTrace($('trace') as unknown as SVGSVGElement, trace, alerts, rx.threshold, rx.hysteresis);
    const expected = raw.first < 0 || !liveHz ? 0 : Math.round(((raw.last - raw.first) * liveHz) / 1000) + 1;
    const st = $('live-stats');
    st.dataset.received = String(raw.n);
    st.dataset.expected = String(expected);
    st.textContent = `${raw.n} of ${expected} at ${liveHz} Hz`;
    return;
  }
  if (m.kind === 'event') {
    if (m.type === EV_SLOUCH_START) heldSince = m.t as number;
    if (m.type === EV_SLOUCH_END) heldSince = null;
    if (m.type === EV_ALERT) alerts.push(m.t as number);
    const line = exerciseLine(m.type as number, m.a as number, m.b as number, exRx);
    if (line) $('live-ex').textContent = line;
    return;
  }
  if (m.kind === 'progress') {
    const p = $<HTMLProgressElement>('pull-progress');
    p.max = Math.max(1, m.total as number);
    p.value = m.records as number;
    return;
  }
  if (m.kind === 'link') $('link-state').textContent = m.connected ? 'Clip connected.' : m.path ? 'The clip was unplugged: plug it back in.' : 'No clip open.';
}

function ensureSource() {
  if (source) return;
  source = new EventSource('/api/live');
  source.onmessage = (e) => onLive(JSON.parse(e.data) as Json);
}

async function startLive(hz: number) {
  const c = await api<{ values: Record<string, number | string> }>('/api/config');
  rx = { threshold: Number(c.values.threshold_deg), hysteresis: Number(c.values.hysteresis_deg) };
  exRx = { extensionDeg: Number(c.values.ex_extension_deg), sideDeg: Number(c.values.ex_side_deg), holdS: Number(c.values.ex_hold_s), reps: Number(c.values.ex_reps) };
  $('live-ex').textContent = exerciseIdle(exRx);
  raw = { n: 0, first: -1, last: -1 };
  liveHz = hz;
  await api('/api/stream', { hz });
}

// ---- calibration
async function calibrate() {
  const btn = $<HTMLButtonElement>('calibrate');
  btn.disabled = true;
  $('cal-result').textContent = '';
  try {
    for (let n = 3; n > 0; n--) {
      $('cal-count').textContent = String(n);
      await new Promise((r) => setTimeout(r, 1000));
    }
    $('cal-count').textContent = 'Hold still…';
    const r = await api<{ calibrated: boolean; uprightFromVerticalDeg: number | null; refusal: { message: string } | null }>('/api/calibrate', {});
    $('cal-count').textContent = '';
    $('cal-result').textContent = r.calibrated
      ? `Calibrated: this is the patient's upright (the upper back is ${r.uprightFromVerticalDeg}° from vertical).`
      : `Not calibrated: ${r.refusal?.message}. Start again when the patient is still.`;
  } finally {
    btn.disabled = false;
    $('cal-count').textContent = '';
  }
}

// ---- prescription
interface Field { name: string; label: string; help: string; unit: string; min: number; max: number; default: number; step: number; choices: string[] | null }
let fields: Field[] = [];
let current: Record<string, number | string> = {};

// Times of day (unit hh:mm) are hhmm numbers on the clip and HH:MM in a time input; empty is none.
const isTime = (name: string) => fields.find((f) => f.name === name)?.unit === 'hh:mm';
const hhmm = (v: number) => (v ? `${String(Math.floor(v / 100)).padStart(2, '0')}:${String(v % 100).padStart(2, '0')}` : '');

const numeric = (name: string, v: string | number): number => {
  if (isTime(name) && typeof v === 'string') {
    const m = /^(\d{1,2}):(\d{2})/.exec(v.trim());
    return v.trim() === '' ? 0 : m ? Number(m[1]) * 100 + Number(m[2]) : NaN;
  }
  const choices = fields.find((f) => f.name === name)?.choices;
  return choices && typeof v === 'string' && choices.includes(v) ? choices.indexOf(v) : Number(v);
};

async function loadPrescription() {
  const c = await api<{ fields: Field[]; values: Record<string, number | string>; locked: boolean }>('/api/config');
  fields = c.fields;
  current = c.values;
  $('rx-lock').textContent = c.locked ? 'Locked: changes need the therapist PIN.' : 'Not locked: anyone with the clip can change it. Lock it below before the patient leaves.';
  const body = $('rx-fields');
  body.replaceChildren();
  for (const f of fields) {
    const tr = document.createElement('tr');
    const id = `f-${f.name}`;
    const label = document.createElement('td');
    label.innerHTML = '';
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = f.label ?? FIELD_LABEL[f.name];
    label.append(l);
    const cell = document.createElement('td');
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.choices) {
      input = document.createElement('select');
      for (const ch of f.choices) input.append(new Option(ch, ch));
    } else if (f.unit === 'hh:mm') {
      input = document.createElement('input');
      input.type = 'time';
    } else {
      input = document.createElement('input');
      input.type = 'number';
      input.min = String(f.min);
      input.max = String(f.max);
      input.step = String(f.step);
    }
    input.id = id;
    input.name = f.name;
    input.value = f.unit === 'hh:mm' ? hhmm(Number(current[f.name])) : String(current[f.name]);
    input.setAttribute('aria-describedby', `${id}-help ${id}-err`);
    input.addEventListener('input', showChanges);
    const err = document.createElement('span');
    err.id = `${id}-err`;
    err.className = 'error';
    cell.append(input, document.createTextNode(unitAfter(f.unit) ? ` ${f.unit}` : ''), err);
    const help = document.createElement('td');
    help.id = `${id}-help`;
    help.className = 'meta';
    help.textContent = f.unit === 'hh:mm'
      ? `${f.help.replace(/; none = 0$/, '')} (local time; leave empty for none)`
      : `${f.help} (${f.choices ? f.choices.join(' or ') : `${f.min} to ${f.max}`}, default ${f.choices ? f.choices[f.default] : f.default})`;
    tr.append(label, cell, help);
    body.append(tr);
  }
  showChanges();
}

/** The edited fields, checked as the CLI checks them; problems shown beside each field. */
function edits(): { changed: Record<string, number>; problems: number } {
  const changed: Record<string, number> = {};
  const all: Record<string, number> = {};
  let problems = 0;
  for (const f of fields) {
    const input = document.getElementById(`f-${f.name}`) as HTMLInputElement;
    const v = numeric(f.name, input.value);
    all[f.name] = v;
    const p = input.value.trim() === '' && f.unit !== 'hh:mm' ? `${f.name} needs a value` : fieldProblem(f.name, v);
    (document.getElementById(`f-${f.name}-err`) as HTMLElement).textContent = p;
    input.setAttribute('aria-invalid', p ? 'true' : 'false');
    if (p) problems++;
    if (v !== numeric(f.name, current[f.name])) changed[f.name] = v;
  }
  if (!problems) {
    const p = configProblem(all);
    if (p) {
      (document.getElementById('f-hysteresis_deg-err') as HTMLElement).textContent = p;
      problems++;
    }
  }
  return { changed, problems };
}

function showChanges() {
  const { changed } = edits();
  const names = Object.keys(changed);
  const show = (n: string, v: number | string) => (n === 'mode' ? (Number(v) ? 'tracking' : 'coaching') : isTime(n) ? hhmm(Number(v)) || 'none' : String(v));
  $('rx-changes').textContent = names.length
    ? `To write: ${names.map((n) => `${FIELD_LABEL[n] ?? n} ${show(n, current[n])} → ${show(n, changed[n])}`).join('; ')}`
    : 'No changes.';
}

async function writePrescription() {
  const { changed, problems } = edits();
  if (problems) throw new Error('Some values are not valid: see the messages beside them.');
  if (!Object.keys(changed).length) throw new Error('Nothing to write: no value was changed.');
  const pin = $<HTMLInputElement>('rx-pin').value || undefined;
  const r = await api<{ changed: Record<string, number | string>; prescription: Record<string, number | string> }>('/api/config', { values: changed, ...(pin ? { pin } : {}) });
  current = r.prescription;
  await loadPrescription();
  say(`Written and read back from the clip: ${Object.entries(r.changed).map(([k, v]) => `${FIELD_LABEL[k] ?? k} = ${v}`).join(', ')}.`, true);
}

async function importFile(file: File) {
  const pin = $<HTMLInputElement>('rx-pin').value || undefined;
  const r = await api<{ changed: Record<string, { old: unknown; new: unknown }>; unchanged: string[] }>('/api/config/import', { name: file.name, text: await file.text(), ...(pin ? { pin } : {}) });
  await loadPrescription();
  const n = Object.keys(r.changed);
  say(n.length ? `Applied ${file.name}: ${n.map((k) => `${FIELD_LABEL[k] ?? k} ${r.changed[k].old} → ${r.changed[k].new}`).join(', ')}.` : `${file.name} is what the clip already has: nothing written.`, true);
}

async function lock(unlock: boolean) {
  const pin = $<HTMLInputElement>('lock-pin').value;
  const old = $<HTMLInputElement>('lock-old').value;
  const r = await api<{ locked: boolean }>(unlock ? '/api/unlock' : '/api/lock', unlock ? { pin } : { pin, ...(old ? { old } : {}) });
  $<HTMLInputElement>('lock-pin').value = '';
  $<HTMLInputElement>('lock-old').value = '';
  await loadPrescription();
  say(r.locked ? 'Locked: the prescription now needs the PIN to change.' : 'Unlocked.', true);
}

// ---- pull, report, patients
async function pull() {
  $<HTMLProgressElement>('pull-progress').value = 0;
  const r = await api<{ clipId: string; log: { addedRecords: number; heldRecords: number }; warnings: string[] }>('/api/pull', {});
  const p = $<HTMLProgressElement>('pull-progress');
  p.value = p.max;
  $('pull-result').textContent = `Pulled ${r.log.addedRecords} new records; the archive holds ${r.log.heldRecords} for clip ${r.clipId}.${r.warnings.length ? ` Note: ${r.warnings.join(' ')}` : ''}`;
  showReport(r.clipId);
}

function showReport(id: string) {
  const src = `/api/report?clip=${id}`;
  const f = $<HTMLIFrameElement>('report');
  f.src = src;
  f.hidden = false;
  const a = $<HTMLAnchorElement>('report-open');
  a.href = src;
  a.hidden = false;
}

async function loadPatients() {
  const r = await api<{ clips: { clipId: string; lastPull: string | null; days: number; wornMinutes: number; uprightPct: number | null; alerts: number }[] }>('/api/patients');
  const body = $<HTMLTableSectionElement>('patients');
  body.replaceChildren();
  if (!r.clips.length) {
    const tr = body.insertRow();
    tr.insertCell().textContent = 'No clip pulled yet.';
  }
  for (const c of r.clips) {
    const tr = body.insertRow();
    const cells = [c.clipId, c.lastPull ? new Date(c.lastPull).toLocaleString() : '–', String(c.days), `${Math.round(c.wornMinutes / 6) / 10} h`, c.uprightPct === null ? '–' : `${Math.round(c.uprightPct)} %`, String(c.alerts)];
    for (const t of cells) tr.insertCell().textContent = t;
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = 'Show';
    b.setAttribute('aria-label', `Show the report of clip ${c.clipId}`);
    b.addEventListener('click', () => {
      show('pull');
      showReport(c.clipId);
    });
    tr.insertCell().append(b);
  }
}

// ---- wiring
document.addEventListener('DOMContentLoaded', () => {
  ensureSource();
  void run(loadPorts);
  $('picker').addEventListener('submit', (e) => {
    e.preventDefault();
    void run(async () => {
      $('link-state').textContent = 'Opening the clip…';
      await api('/api/connect', { port: $<HTMLSelectElement>('port').value });
      show('status');
    });
  });
  $('refresh-ports').addEventListener('click', () => void run(loadPorts));
  for (const b of document.querySelectorAll<HTMLButtonElement>('nav button')) b.addEventListener('click', () => show(b.dataset.screen!));
  $('set-clock').addEventListener('click', () => void run(async () => {
    await api('/api/clock', {});
    await loadStatus();
    say('The clip\'s clock is set.', true);
  }));
  $('calibrate').addEventListener('click', () => void run(calibrate));
  $('rx-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void run(writePrescription);
  });
  $('rx-buzz').addEventListener('click', () => void run(async () => {
    const r = await api<{ vibrationMs: number; strengthPct: number }>('/api/buzz', {});
    say(r.vibrationMs ? `Buzzing at ${r.strengthPct} %: the patient should feel it. Too weak? Raise the buzz strength.` : 'The motor\'s 5 s a minute are used up: try again in a minute.', true);
  }));
  $('rx-import').addEventListener('change', () => {
    const f = $<HTMLInputElement>('rx-import').files?.[0];
    if (f) void run(() => importFile(f));
  });
  $('lock-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void run(() => lock(false));
  });
  $('unlock').addEventListener('click', () => void run(() => lock(true)));
  $('pull').addEventListener('click', () => void run(pull));
});
