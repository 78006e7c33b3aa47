// How many days of minutes each board's log holds: the firmware bundle on the virtual clip,
// worn for a realistic 8-hour day (host/sim/scenario.ts REALISTIC_HOUR: ten prompts an hour),
// its packed minute, event and hour records counted in flash. The ring always keeps all but
// one of its files whole, so days = (files - 1) x file size / bytes a day takes (headers and
// the unused tail of each file included).
import { createVirtualDevice } from '../../host/sim/virtual-device';
import { REALISTIC_HOUR } from '../../host/sim/scenario';
import { frame, unframe } from '../../shared/protocol';
import { BOARDS } from '../../firmware/board';
import { HOUR_FILES, HOUR_FILE_SIZE, LOG_FILE_SIZE, NOR_FILE_SIZE } from '../../firmware/app';

export interface Capacity {
  board: string;
  files: number;
  fileKB: number;
  logBytesPerDay: number;
  records: number;
  minuteDays: number;
  hourDays: number;
}

/** Bytes an 8-hour day adds to each ring (and records to the minute ring), on the bundle. */
export function dayOfLog(hours = 8): { logBytes: number; hourBytes: number; records: number } {
  const dev = createVirtualDevice({ scenario: REALISTIC_HOUR, speed: 0, start: Date.UTC(2026, 10, 2, 8) });
  const frames = () => dev.output.join('').split('\n').map((l) => unframe(l.trim())).filter((j): j is string => !!j).map((j) => JSON.parse(j));
  dev.input(frame(JSON.stringify({ i: 1, c: 'clock', ms: Date.UTC(2026, 10, 2, 8) })));
  dev.input(frame(JSON.stringify({ i: 2, c: 'calibrate' })));
  dev.advance(60_000);
  dev.input(frame(JSON.stringify({ i: 3, c: 'logstat' })));
  dev.advance(hours * 3600_000);
  dev.input(frame(JSON.stringify({ i: 4, c: 'logstat' })));
  dev.advance(100);
  const out = frames();
  dev.stop();
  const a = out.find((m) => m.i === 3), b = out.find((m) => m.i === 4);
  // bytes counts whole files before the current one: headers and the unused tail of each
  // file are part of what a day costs.
  if (b.log.dropped || b.hrs.dropped) throw new Error('the ring wrapped during the measured day: measure fewer hours');
  return {
    logBytes: b.log.bytes - a.log.bytes,
    hourBytes: b.hrs.bytes - a.hrs.bytes,
    records: b.log.nextSeq - a.log.nextSeq,
  };
}

export function logCapacity(): Capacity[] {
  const d = dayOfLog();
  return (['pico', 'puck', 'pico-w25q'] as const).map((board) => {
    const nor = BOARDS[board].norFlash !== '';
    const files = nor ? BOARDS[board].norLogFiles : BOARDS[board].logFiles;
    const size = nor ? NOR_FILE_SIZE : LOG_FILE_SIZE;
    return {
      board,
      files,
      fileKB: size / 1024,
      logBytesPerDay: d.logBytes,
      records: d.records,
      minuteDays: ((files - 1) * size) / d.logBytes,
      hourDays: ((HOUR_FILES - 1) * (nor ? NOR_FILE_SIZE : HOUR_FILE_SIZE)) / d.hourBytes,
    };
  });
}
