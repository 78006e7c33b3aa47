// `posture calibrate`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { CALIB_TEXT } from '../calibrate/calib-text';
import { parseFlags } from '../../cli/args';
import { calibrateCommand } from './index';
import { DeviceError } from '../../cli/errors';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { printJson } from '../../cli/json-output';
import { calibrateJson, calibrateOutput } from './output';

export const calibrateCli: CommandDef = {
  name: 'calibrate',
  summary: 'take the upright reference (the wearer sits upright and still)',
  help: `Usage: posture calibrate [--port PATH] [--json] [--now]

Asks the wearer to sit upright, counts down 3 s (skip with --now), and reports the reference or
the clip's reason for refusing (exit code 1).
${PORT_HELP}
${JSON_HELP}

Example: npx posture calibrate --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' }, now: { type: 'boolean' } }, false);
    if (!values.json) io.out('Sit upright and still, looking ahead.\n');
    const r = await calibrateCommand({ port: values.port, countdown: values.now ? undefined : (n) => !values.json && io.out(`${n}...\n`) });
    if (values.json) printJson(io, calibrateOutput, calibrateJson(r));
    else if (r.ok) io.out(`calibrated: the upper back is ${r.sagittalRefDeg} deg from vertical when upright\n`);
    if (!r.ok) throw new DeviceError(`calibration refused: ${CALIB_TEXT[r.reason!] ?? r.reason}`);
  },
};
