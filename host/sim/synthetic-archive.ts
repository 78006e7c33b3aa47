// A synthetic archive of office days, written as the clip would have logged them: for the
// report's tests and browser test, the benchmarks, and the demo when the clip's own log is
// short. Seeded, so the same options give the same bytes. Slouching gets rarer day by day
// (the coaching working), which the report's trend should show. With hourlyDays, that many
// days before `start` are there only as hourly summaries (hours.bin), as for a clip pulled
// after its minutes of those days had left it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EV_ALERT, EV_BOOT, EV_BREAK, EV_CONFIG, EV_CORRECTED, EV_EX_REMINDER, EV_EX_REP, EV_EX_SET, EV_SLOUCH_END, EV_SLOUCH_START,
  END_MOVING, END_UPRIGHT, EX_EXTENSION, EX_SIDE, EX_SIDE_LEFT, EX_SIDE_RIGHT,
} from '../../shared/events';
import { fieldIndex } from '../../shared/config';
import { encodeEvent, encodeHour, encodeMinute } from '../log/encode';
import { HourRecord } from '../log/records';

export interface SyntheticOptions {
  id: string;
  days: number;
  /** UTC ms of the first day's midnight. */
  start: number;
  seed?: number;
  /** Work day in UTC hours. */
  from?: number;
  to?: number;
  /** Days before start kept only as hourly summaries (default 0). */
  hourlyDays?: number;
  /** Prescribe the exercise programme (extension and side bends, 5 reps, 1 set each a day) and do it, more often as days pass (default true). */
  exercises?: boolean;
}

export function writeSyntheticArchive(archiveDir: string, o: SyntheticOptions): { records: number; bytes: number } {
  let s = o.seed ?? 1;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  // The exercises draw from their own sequence, so the posture days stay as they were.
  let xs = (o.seed ?? 1) ^ 0x5eed;
  const xrnd = () => ((xs = (Math.imul(xs, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const exercises = o.exercises ?? true;
  const parts: Uint8Array[] = [];
  let seq = 0, keep = true;
  const ev = (tMs: number, type: number, a: number, b: number) => {
    if (keep) parts.push(encodeEvent({ seq: seq++, t: Math.round(tMs), clockSet: true, type, a, b }));
  };
  const from = o.from ?? 9, to = o.to ?? 17.5;
  const early = o.hourlyDays ?? 0;
  const hours = new Map<number, Omit<HourRecord, 'kind' | 'seq'> & { flexW: number }>();
  ev(o.start - early * 86400e3 + from * 3600e3 - 120e3, EV_BOOT, 0, 1);
  for (let d = -early; d < o.days; d++) {
    const day0 = o.start + d * 86400e3;
    keep = d >= 0;
    const k = d + early; // days of coaching so far
    // The therapist lowers the threshold on day 2 (field 0, threshold_deg: 15 -> 12; events.ts
    // says how a config event carries the old value).
    if (d === 1) ev(day0 + from * 3600e3 - 60e3, EV_CONFIG, 0 + 256 * (15 + 1), 12);
    // The exercise programme is prescribed with the first day (ex_sets 2 -> 1: one set of each).
    if (exercises && d === -early) {
      const at = day0 + from * 3600e3 - 90e3;
      for (const [f, old, now] of [['ex_extension_deg', 0, 15], ['ex_side_deg', 0, 15], ['ex_sets', 2, 1]] as const) ev(at, EV_CONFIG, fieldIndex(f) + 256 * (old + 1), now);
    }
    // Sets done today (extension, side bends), and minutes left of a set under way.
    let doneExt = 0, doneSide = 0, exBusy = 0;
    const slouchP = 0.08 / (1 + 0.35 * k);
    let episode = 0, sitting = 0, epStart = 0;
    for (let m = Math.round(from * 60); m < Math.round(to * 60); m++) {
      const t = day0 + m * 60e3;
      if (m >= 12 * 60 && m < 12 * 60 + 45) continue; // lunch: clip off, nothing logged
      const rec = { seq: 0, t: t / 1000, clockSet: true, upright: 0, slouch: 0, moving: 0, lying: 0, off: 0, flexMean: 0, flexMax: 0, alerts: 0, corrected: 0 };
      if (!episode && rnd() < 0.07) {
        rec.moving = 60;
        rec.flexMean = 0;
        sitting = 0;
      } else if (!episode && rnd() < slouchP && !exBusy) {
        // A slouch held 1-5 min, buzzed after 30 s, then corrected (or ended by standing up).
        episode = 1 + Math.floor(rnd() * 5);
        epStart = t + Math.floor(rnd() * 20e3);
        ev(epStart, EV_SLOUCH_START, 180 + Math.floor(rnd() * 120), 0);
      }
      if (episode) {
        const flex = 180 + Math.floor(rnd() * 120);
        episode--;
        if (episode === 0) {
          const stand = rnd() < 0.2;
          const response = 2e3 + Math.floor(rnd() * (k ? 20e3 : 70e3));
          const alertT = epStart + 30e3;
          // Ends in this (its last) minute, and after its alert.
          const end = Math.max(Math.min(t + 30e3 + response, t + 59e3), alertT + 1000);
          ev(alertT, EV_ALERT, 1, 1);
          rec.alerts = 1;
          // The clip's order: the episode's end, then (sat up after an alert) its correction.
          ev(end, EV_SLOUCH_END, end - epStart, stand ? END_MOVING : END_UPRIGHT);
          if (!stand) {
            ev(end, EV_CORRECTED, end - alertT, 1);
            rec.corrected = 1;
          }
          rec.slouch = Math.round((end - t) / 1000);
          if (stand) rec.moving = 60 - rec.slouch;
          else rec.upright = 60 - rec.slouch;
        } else rec.slouch = 60;
        rec.flexMean = flex;
        rec.flexMax = flex + 60;
      } else if (!rec.moving) {
        rec.upright = 60;
        rec.flexMean = 40 + Math.floor(rnd() * 80);
        rec.flexMax = rec.flexMean + 40;
      }
      if (exBusy) exBusy--;
      if (rec.upright + rec.slouch >= 30) {
        if (++sitting === 45) {
          ev(t + 59e3, EV_BREAK, 45, 0);
          sitting = 0;
          const due = exercises ? (doneExt < 1 ? 1 : 0) + (doneSide < 1 ? 2 : 0) : 0;
          if (due) {
            ev(t + 59e3, EV_EX_REMINDER, due, 1);
            // Done more often as the days go by; never while a slouch is under way (its alerts would fall in the set).
            if (!episode && xrnd() < 0.5 + (0.45 * k) / Math.max(1, o.days + early)) {
              const side = due === 2 || (due === 3 && xrnd() < 0.5);
              let at = t + 59e3 + 6e3;
              const n = side ? 10 : 5;
              for (let i = 0; i < n; i++) {
                at += 8e3 + Math.floor(xrnd() * 4e3);
                const dir = side ? (i % 2 ? EX_SIDE_RIGHT : EX_SIDE_LEFT) : EX_EXTENSION;
                ev(at, EV_EX_REP, 160 + Math.floor(xrnd() * 90), dir + 16 * (50 + Math.floor(xrnd() * 30)));
              }
              ev(at, EV_EX_SET, n, (side ? EX_SIDE : EX_EXTENSION) + 16);
              if (side) doneSide++;
              else doneExt++;
              exBusy = 3;
            }
          }
        }
      }
      if (!keep) {
        // The clip's hourly summary of this minute's hour.
        const hs = Math.floor(rec.t / 3600) * 3600;
        let h = hours.get(hs);
        if (!h) hours.set(hs, (h = { t: hs, clockSet: true, upright: 0, slouch: 0, moving: 0, lying: 0, off: 0, flexMean: 0, flexMax: 0, alerts: 0, corrected: 0, flexW: 0 }));
        h.upright += rec.upright;
        h.slouch += rec.slouch;
        h.moving += rec.moving;
        h.flexW += rec.flexMean * (rec.upright + rec.slouch);
        if (rec.upright + rec.slouch > 0) h.flexMax = Math.max(h.flexMax, rec.flexMax);
        h.alerts += rec.alerts;
        h.corrected += rec.corrected;
        continue;
      }
      rec.seq = seq++;
      parts.push(encodeMinute(rec));
    }
  }
  const bytes = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(bytes);
  let o2 = 0;
  for (const p of parts) {
    all.set(p, o2);
    o2 += p.length;
  }
  const dir = join(archiveDir, o.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'records.bin'), all);
  const config: Record<string, number> = { threshold_deg: 12, hysteresis_deg: 5, alert_delay_s: 30 };
  if (exercises) Object.assign(config, { ex_extension_deg: 15, ex_side_deg: 15, ex_sets: 1 });
  writeFileSync(join(dir, 'state.json'), JSON.stringify({
    id: o.id, next: seq, records: parts.length, gaps: [], torn: 0, dropped: 0,
    pulls: [{ at: new Date(o.start + o.days * 86400e3).toISOString(), records: parts.length, from: 0, to: seq - 1 }],
    device: { fw: '0.3.0', board: 'pico', imu: 'mpu6050', cfgHash: 0, config },
  }, null, 2) + '\n');
  if (early) {
    const hrs = [...hours.values()].map((h, i) => encodeHour({ ...h, seq: i, flexMean: h.upright + h.slouch ? Math.round(h.flexW / (h.upright + h.slouch)) : 0 }));
    writeFileSync(join(dir, 'hours.bin'), Buffer.concat(hrs));
    writeFileSync(join(dir, 'hours.json'), JSON.stringify({ id: o.id, next: hrs.length, records: hrs.length, gaps: [], torn: 0, dropped: 0, pulls: [{ at: new Date(o.start + o.days * 86400e3).toISOString(), records: hrs.length, from: 0, to: hrs.length - 1 }] }, null, 2) + '\n');
  }
  return { records: parts.length, bytes };
}
