// The realistic day of the power target, on the firmware bundle: 8 hours worn at the
// desk (REALISTIC_HOUR: ten prompts an hour) and 16 hours lying on it, then the ledger.
import { createVirtualDevice } from './virtual-device';
import { REALISTIC_HOUR, Segment } from './scenario';
import { frame } from '../../shared/protocol';
import { ledger, PICO, PUCK, Run } from './energy';
import { EV_STATE } from '../../shared/events';

export function realisticDayRun(wornHours = 8, deskHours = 16): Run {
  const script: Segment[] = [{ activity: 'upright', seconds: 10 }];
  for (let h = 0; h < wornHours; h++) script.push(...REALISTIC_HOUR);
  script.push({ activity: 'clip_off', seconds: deskHours * 3600 });
  const dev = createVirtualDevice({ scenario: script, speed: 0, start: 0, loop: false, keepOutput: false });
  // Events the clip logged (every one but a state change goes into the log: firmware/log/logger.ts).
  let events = 0, line = '';
  dev.onOutput((d) => {
    const lines = (line + d).split('\n');
    line = lines.pop()!;
    for (const l of lines) {
      const m = /^\{"e":(\d+)/.exec(l.trim());
      if (m && Number(m[1]) !== EV_STATE) events++;
    }
  });
  dev.input(frame(JSON.stringify({ i: 1, c: 'calibrate' })));
  const hours = wornHours + deskHours;
  dev.advance(hours * 3600e3 + 10_000);
  dev.stop();
  // The scenario's first 10 s (calibrating) are left out of the day's hours; at 24 h they are noise.
  return { imu: dev.imu, motorLog: dev.env.motorLog, wakes: dev.env.wakes, hours, events };
}

/** Both boards' ledgers over one run: the Pico's measured on its bundle, the Puck.js's the same day's timeline at its own currents. */
export function realisticDayLedgers() {
  const run = realisticDayRun();
  return { run, pico: ledger(run, PICO), puck: ledger(run, PUCK) };
}
