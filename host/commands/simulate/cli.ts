// `posture simulate`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { simulateCommand } from './index';
import { parseFlags } from '../../cli/args';
import { UsageError } from '../../cli/errors';

export const simulateCli: CommandDef = {
  name: 'simulate',
  summary: 'run a virtual clip (the real firmware bundle) on a pseudo-terminal',
  help: `Usage: posture simulate [--scenario office-day|slouch|walk|FILE.csv] [--speed N] [--link PATH]
                        [--storage FILE] [--exercises well|badly]

Starts the virtual device: the firmware bundle from firmware/dist in an emulation of the
Espruino API, with an MPU6050 model driven by a motion script, exposed on a pseudo-terminal
(socat) that any serial tool can open. Prints the tty path and runs until Ctrl-C.
  --scenario NAME|FILE  motion script (default office-day), or a samples CSV to play
  --speed N             virtual seconds per real second (default 1)
  --link PATH           where to create the tty link (default: a temporary folder)
  --storage FILE        the device's flash, kept across runs (default: a temporary file)
  --exercises HOW       the wearer does a set of each exercise when the clip reminds them (three
                        slow buzzes), well or badly (shallow or short repetitions); default: never.
                        Prescribe exercises first (npx posture config set ex_extension_deg=15 ...)

Example: npx posture simulate --speed 10 --link /tmp/clip`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, {
      scenario: { type: 'string' },
      speed: { type: 'string' },
      link: { type: 'string' },
      storage: { type: 'string' },
      exercises: { type: 'string' },
    });
    if (values.exercises !== undefined && values.exercises !== 'well' && values.exercises !== 'badly') {
      throw new UsageError(`--exercises ${values.exercises}: expected well or badly`);
    }
    if (positionals.length) throw new UsageError(`simulate takes no positional arguments (got "${positionals[0]}")`);
    const speed = values.speed === undefined ? undefined : Number(values.speed);
    const sim = await simulateCommand({ cwd, scenario: values.scenario, speed, link: values.link, storage: values.storage, exercises: values.exercises as 'well' | 'badly' | undefined, say: (l) => io.err(l) });
    io.out(`virtual clip on ${sim.path}\nscenario ${sim.scenario} at ${sim.speed}x, flash ${sim.storage ? `in ${sim.storage}` : 'in memory (gone at stop; --storage FILE keeps it)'}\nCtrl-C to stop\n`);
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
      process.once('SIGHUP', done); // the terminal closed
    });
    await sim.stop();
    io.out('stopped\n');
  },
};
