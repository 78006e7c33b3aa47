// `posture info`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { infoCommand } from './index';
import { JSON_HELP, PORT_HELP } from '../../cli/port-help';
import { printJson } from '../../cli/json-output';
import { infoJson, infoOutput } from './output';

function ringLine(l: { nextSeq: number; firstSeq: number; bytes: number; capacity: number; dropped: number; lost?: number }): string {
  const span = l.nextSeq > l.firstSeq ? ` (${l.firstSeq}..${l.nextSeq - 1})` : '';
  const n = l.nextSeq - l.firstSeq;
  return `${n} record${n === 1 ? '' : 's'}${span}, ${l.bytes} of ${l.capacity} bytes, ${l.dropped} dropped${l.lost ? `, ${l.lost} lost (Storage full)` : ''}`;
}

export const infoCli: CommandDef = {
  name: 'info',
  summary: 'firmware, board, IMU, battery, clock drift, config hash, log status, lock',
  help: `Usage: posture info [--port PATH] [--json]

${PORT_HELP}
${JSON_HELP}

Example: npx posture info --port /tmp/clip`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, json: { type: 'boolean' } }, false);
    const r = await infoCommand({ port: values.port });
    if (values.json) return void printJson(io, infoOutput, infoJson(r));
    const h = r.hello;
    io.out(`port        ${r.port}
firmware    ${h.fw} (protocol ${h.proto})${h.code ? `, code CRC-32 ${h.code.toString(16).padStart(8, '0')}` : ''}${h.esp ? `, on Espruino ${h.esp}` : ''}
board       ${h.board}, IMU ${h.imu}
battery     ${h.bat} %
clock       ${h.clockSet ? `set, ${(r.driftMs / 1000).toFixed(1)} s from this computer${(h.rate ?? 1) !== 1 ? ` (a virtual clip at ${h.rate}x: its clock gains by design)` : ''}` : 'not set'}
config      hash ${h.cfgHash.toString(16).padStart(8, '0')}${h.locked ? ', locked by a PIN' : ''}
log         ${ringLine(h.log)}
${h.hrs ? `hourly log  ${ringLine(h.hrs)}\n` : ''}`);
    for (const w of r.warnings) io.err(`warning: ${w}\n`);
  },
};
