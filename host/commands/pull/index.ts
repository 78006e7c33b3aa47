// `posture pull`: new log records into the archive; with --erase, then frees the clip's
// flash up to what the archive holds (and has synced to disk).
import { loadDeviceLog } from '../../archive/load';
import { describeViolation } from '../../log/grammar';
import { openDeviceArchive } from '../../archive/archive';
import { DeviceError } from '../../cli/errors';
import { DeviceLink } from '../../link/device-link';
import { pullFrom, PullProgress } from '../../link/pull';
import { configSchema } from '../../link/schemas';
import { withDevice } from '../device';
import { clockOff } from '../info/index';

type DeviceArchive = ReturnType<typeof openDeviceArchive>;

export interface PullResult {
  id: string;
  dir: string;
  added: number;
  total: number;
  next: number;
  gaps: [number, number][];
  torn: number;
  dropped: number;
  erasedFiles: number;
  /** The hourly ring, pulled into hours.bin beside records.bin (null: the clip keeps none). */
  hours: { added: number; total: number; next: number; gaps: [number, number][]; torn: number; dropped: number; erasedFiles: number } | null;
  warnings: string[];
}

export interface PullOptions {
  port?: string;
  archive: string;
  erase?: boolean;
  onProgress?: (p: PullProgress, total: number) => void;
}

export async function pullCommand(o: PullOptions): Promise<PullResult> {
  return withDevice(o.port, (link) => pullOnLink(link, o));
}

/** The pull on a link already open (posture reset --pull pulls and resets in one session). */
export async function pullOnLink(link: DeviceLink, o: PullOptions): Promise<PullResult> {
  {
    const h = link.hello!;
    const arch = openDeviceArchive(o.archive, h.id);
    const warnings: string[] = [];
    if (arch.repaired.damaged) {
      warnings.push(`the archive's records.bin was damaged in ${arch.repaired.damaged} place(s): the whole records around them are kept, the original is saved as ${arch.repaired.savedAs} (see state.json "damaged")`);
    }
    if (arch.repaired.tornBytes) warnings.push(`cut ${arch.repaired.tornBytes} bytes of a record torn by an interrupted pull`);
    const drift = h.clock - Date.now();
    if (!h.clockSet) warnings.push('the clip\'s clock was never set: its records carry time since power-on ("npx posture clock --set")');
    else if (clockOff(h, drift)) warnings.push(`the clip's clock is ${(drift / 1000).toFixed(1)} s off ("npx posture clock --set")`);
    // A clip numbers its records on and on, over reboots, drops and factory resets; numbers
    // below the archive's mean its log began again (its Storage was erased, or another clip
    // carries this id). Appending them would mix two logs, and skipping them would lose them.
    refuseRestartedLog('log', h.log.nextSeq, arch.state().next, h.id);
    const hoursArch = h.hrs ? openDeviceArchive(o.archive, h.id, 'hours') : null;
    if (h.hrs && hoursArch) refuseRestartedLog('hourly log', h.hrs.nextSeq, hoursArch.state().next, h.id);
    const from = Math.max(arch.state().next, h.log.firstSeq);
    if (arch.state().next < h.log.firstSeq) {
      // The clip no longer holds what we miss: the archive records the gap as the next record
      // lands (state.json "gaps"), and we say so.
      warnings.push(arch.state().records === 0 && h.log.dropped < h.log.firstSeq
        ? `this archive starts at record ${h.log.firstSeq}: the clip no longer holds records 0..${h.log.firstSeq - 1} (pulled into another archive and erased, or dropped when its flash was full)`
        : `records ${arch.state().next}..${h.log.firstSeq - 1} were dropped on the clip before this pull`);
    }
    let added = 0;
    const total = Math.max(0, h.log.nextSeq - from);
    const p = await pullFrom(link, from, (recs) => {
      added += arch.append(recs);
    }, (pp) => o.onProgress?.(pp, Math.max(total, pp.records))); // the clip logs on while it is pulled
    // The prescription in force, for the report; a clip that sends a bad one is noted, not trusted.
    const cfg = configSchema.safeParse((await link.request('get', {})).cfg);
    if (!cfg.success) warnings.push('the clip sent an invalid config: the archive keeps the previous one');
    const prev = arch.state().device?.config;
    arch.note({ at: '', records: added, from, to: arch.state().next - 1, clockOffsetS: h.clockSet ? Math.round(drift / 100) / 10 : null, ...(h.rate && h.rate !== 1 ? { rate: h.rate } : {}) }, p.torn, p.dropped, { fw: h.fw, board: h.board, imu: h.imu, cfgHash: h.cfgHash, config: cfg.success ? cfg.data : prev });
    let erasedFiles = 0;
    if (o.erase && arch.state().next > 0) {
      const r = await link.request('erase', { upTo: arch.state().next - 1 });
      erasedFiles = Number(r.files) || 0;
    }
    const hours = h.hrs && hoursArch ? await pullHours(link, hoursArch, h.hrs.firstSeq, !!o.erase, warnings) : null;
    const st = arch.state();
    // The log as a whole keeps the event grammar (docs/events.md) unless the clip's firmware errs.
    const bad = loadDeviceLog(o.archive, h.id).violations;
    if (bad.length) warnings.push(`${bad.length} event(s) in the log break the event grammar (docs/events.md), first: ${describeViolation(bad[0])}`);
    return { id: h.id, dir: arch.dir, added, total: st.records, next: st.next, gaps: st.gaps, torn: st.torn, dropped: st.dropped, erasedFiles, hours, warnings };
  }
}

function refuseRestartedLog(what: string, clipNext: number, archiveNext: number, id: string) {
  if (clipNext >= archiveNext) return;
  throw new DeviceError(
    `the clip's ${what} started again: it numbers its next record ${clipNext}, but the archive already holds ${what} records of ` +
      `device ${id} up to ${archiveNext - 1} (its Storage was erased, or another clip has the same id). Nothing was pulled or erased. ` +
      'Pull it into another archive folder (npx posture pull --archive NEW_DIR); the records in this one stay as they are.',
  );
}

/** The hourly ring into hours.bin: the same checks, its own sequence numbers and state (hours.json). */
async function pullHours(link: DeviceLink, arch: DeviceArchive, firstSeq: number, erase: boolean, warnings: string[]): Promise<PullResult['hours']> {
  if (arch.repaired.damaged) warnings.push(`the archive's hours.bin was damaged in ${arch.repaired.damaged} place(s): the original is saved as ${arch.repaired.savedAs} (see hours.json "damaged")`);
  if (arch.repaired.tornBytes) warnings.push(`cut ${arch.repaired.tornBytes} bytes of an hourly record torn by an interrupted pull`);
  const from = Math.max(arch.state().next, firstSeq);
  if (arch.state().next < firstSeq) warnings.push(`hourly records ${arch.state().next}..${firstSeq - 1} were dropped on the clip before this pull`);
  let added = 0;
  const p = await pullFrom(link, from, (recs) => {
    added += arch.append(recs);
  }, undefined, true);
  arch.note({ at: '', records: added, from, to: arch.state().next - 1 }, p.torn, p.dropped);
  let erasedFiles = 0;
  if (erase && arch.state().next > 0) erasedFiles = Number((await link.request('erase', { upTo: arch.state().next - 1, h: 1 })).files) || 0;
  const st = arch.state();
  return { added, total: st.records, next: st.next, gaps: st.gaps, torn: st.torn, dropped: st.dropped, erasedFiles };
}
