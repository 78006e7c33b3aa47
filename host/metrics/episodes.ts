// The one definition of a slouch episode on the host: every figure that counts episodes
// (report key figures, per-day and per-hour tables, EVA bins, the episodes export) comes
// from here. An episode is a slouch_start; it ends at its slouch_end, or at the next boot
// (the clip lost power mid-episode, so no end was written), or is still open where the log
// ends. An episode counts once, at its start, whatever midnight, pull or reboot it spans.
import { END_NAMES, END_UPRIGHT, EV_ALERT, EV_BOOT, EV_CORRECTED, EV_SLOUCH_END, EV_SLOUCH_START } from '../../shared/events';
import { EventRecord } from '../log/records';

export interface Episode {
  /** Sequence number of its slouch_start event. */
  startSeq: number;
  /** Device time of the slouch_start, ms (UTC once the clock was set). */
  startT: number;
  clockSet: boolean;
  /** Flexion when it began, deg. */
  startFlexionDeg: number;
  endT: number | null;
  /** The clip's own measure (slouch_end), s; null when it ended at a boot or is still open. */
  durationS: number | null;
  /** An END_NAMES reason, "boot" or "open". */
  end: string;
  alerts: number;
  buzzed: number;
  /** s from the latest alert to sitting up, when an alerted episode ended upright. */
  correctedS: number | null;
}

export interface Episodes {
  episodes: Episode[];
  /** Alerts of episodes that began before the log (or the range) starts: counted as alerts, not as episodes. */
  alertsBefore: number;
}

/** Events in log order (by sequence number). */
export function episodesOf(events: EventRecord[]): Episodes {
  const episodes: Episode[] = [];
  let open: Episode | null = null;
  let last: Episode | null = null;
  let alertsBefore = 0;
  const close = (end: string, t: number | null, durationS: number | null) => {
    if (!open) return;
    open.end = end;
    open.endT = t;
    open.durationS = durationS;
    last = open;
    open = null;
  };
  for (const e of events) {
    if (e.type === EV_SLOUCH_START) {
      close('boot', null, null); // two starts in a row: only a lost record or a reboot can do that
      open = { startSeq: e.seq, startT: e.t, clockSet: e.clockSet, startFlexionDeg: e.a / 10, endT: null, durationS: null, end: 'open', alerts: 0, buzzed: 0, correctedS: null };
      episodes.push(open);
    } else if (e.type === EV_SLOUCH_END) close(END_NAMES[e.b] || `reason_${e.b}`, e.t, e.a / 1000);
    else if (e.type === EV_BOOT) close('boot', null, null);
    else if (e.type === EV_ALERT) {
      const ep = open as Episode | null;
      if (ep) {
        ep.alerts++;
        if (e.b) ep.buzzed++;
      } else alertsBefore++;
    } else if (e.type === EV_CORRECTED) {
      const ep = last as Episode | null;
      if (ep && ep.end === END_NAMES[END_UPRIGHT] && ep.endT === e.t) ep.correctedS = e.a / 1000;
    }
  }
  return { episodes, alertsBefore };
}
