// What the exercise counter costs on the interpreter: the whole replay step per sample (the
// emitted replay script, as the device runs the core) over an office day with exercise sets
// and distractors, with the programme prescribed and without. Runnable alone:
//   ESPRUINO=... node --import tsx tests/bench/exercise-cost.ts
import { pathToFileURL } from 'node:url';
import { defaultConfig } from '../../shared/config';
import { emitScript } from '../../host/replay/emit-script';
import { defaultCalibration } from '../../host/replay/replay';
import { parseSamplesCsv } from '../../host/replay/samples-csv';
import { distractors, seeded, setScript } from '../../host/sim/exercise-day';
import { generate, OFFICE_SCRIPT, Sample, toCsv } from '../../host/sim/scenario';
import { instructions } from './espruino';

/**
 * dense: an hour-long stretch thick with sets (and reclining, which also runs the slow path);
 * office: the office scenario, no exercise done, only the programme prescribed.
 */
export async function exerciseCost(esp: string): Promise<{ dense: Cost; office: Cost }> {
  return { dense: await costOver(denseSamples()), office: await costOver(generate([...OFFICE_SCRIPT, ...OFFICE_SCRIPT], { rateHz: 25, seed: 3, rotationDeg: 20 })) };

  async function costOver(samples: Sample[]): Promise<Cost> {
    const BASE = 480, N = Math.min(samples.length, 12000);
    const step = async (over: Record<string, number>) => {
      const config = { ...defaultConfig(), ...over };
      const scriptOf = async (n: number) => {
        const cut = parseSamplesCsv(toCsv(samples.slice(0, n)), 'bench');
        return (await emitScript(cut, config, defaultCalibration(cut))).script;
      };
      return (instructions(esp, await scriptOf(N)) - instructions(esp, await scriptOf(BASE))) / (N - BASE);
    };
    const without = await step({});
    const prescribed = await step({ ex_extension_deg: 15, ex_side_deg: 12 });
    return { without, prescribed, ratio: prescribed / without };
  }
}

export interface Cost {
  without: number;
  prescribed: number;
  ratio: number;
}

function denseSamples(): Sample[] {
  const rand = seeded(5);
  const set = setScript(rand, { exercise: 'extension', qualities: ['good', 'good', 'shallow', 'good', 'short', 'good', 'good'], targetDeg: 15, holdS: 5, startMs: 0 });
  const side = setScript(rand, { exercise: 'side_bend', qualities: ['good', 'good', 'good', 'good'], targetDeg: 12, holdS: 5, startMs: 0 });
  const script = [{ activity: 'upright' as const, seconds: 10 }, ...distractors(rand, 120), ...set.script, ...distractors(rand, 120), ...side.script, ...distractors(rand, 120)];
  return generate(script, { rateHz: 25, seed: 3, rotationDeg: 20 });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await exerciseCost(process.env.ESPRUINO!);
  console.log(JSON.stringify(r));
}
