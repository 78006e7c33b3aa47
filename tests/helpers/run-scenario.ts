import { Config, defaultConfig } from '../../shared/config';
import { EVENT_NAMES } from '../../shared/events';
import { generate, ScenarioOptions, Segment, toCsv } from '../../host/sim/scenario';
import { defaultCalibration, replay, ReplayEvent } from '../../host/replay/replay';
import { parseSamplesCsv } from '../../host/replay/samples-csv';

export interface Named extends ReplayEvent {
  name: string;
}

/** Calibrates on 5 s upright, then runs the script; times in the result are from the script's start. */
export function runScenario(script: Segment[], o: Partial<ScenarioOptions> = {}, set: Partial<Config> = {}): Named[] {
  const rateHz = o.rateHz ?? 25;
  const samples = generate([{ activity: 'upright', seconds: 8 }, ...script], { seed: 3, ...o, rateHz });
  const rec = parseSamplesCsv(toCsv(samples), 'scenario');
  const cfg = { ...defaultConfig(), rate_hz: rateHz, ...set };
  return replay(rec, cfg, defaultCalibration(rec)).map((e) => ({ ...e, t: e.t - 8000, name: EVENT_NAMES[e.type] }));
}

export const only = (events: Named[], name: string) => events.filter((e) => e.name === name);
