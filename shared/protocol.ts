// The wire protocol between the clip and the host, defined once for both sides.
//
// Framing: one message per line, "<JSON>|<CRC-32 of the JSON as 8 lowercase hex>\n".
// Lines are plain ASCII (JSON escapes anything else), at most MAX_LINE bytes.
//
// The console: at boot the firmware moves Espruino's REPL off USB (to LoopbackA) and reads
// USB itself, so every byte from the host goes through this parser and nothing the host
// sends is ever evaluated. The command "repl" (and holding the button at boot) gives the REPL
// back for the Espruino Web IDE or `posture flash`; a reset returns to the protocol.
//
// Host -> device: {"i":<id 1..2^31>,"c":"<command>", ...arguments}
// Device -> host: replies {"i":<id>,"ok":1, ...data} or {"i":<id>,"ok":0,"err":<code>,"msg":"..."},
//                 events  {"e":<type>,"t":<ms>,"a":<int>,"b":<int>},
//                 samples {"s":[t_ms, flexion 0.1 deg, lateral 0.1 deg, state, motion mg]}.
import { crc32 } from './crc';
import { wordAt } from './words';

export const PROTO_VERSION = 1;
export const MAX_LINE = 512;

export const ERR_FRAME = 1; // not a frame, bad CRC or not JSON
export const ERR_TOO_LONG = 2;
export const ERR_UNKNOWN = 3; // unknown command
export const ERR_ARGS = 4; // missing or wrong-typed argument
export const ERR_CONFIG = 5; // config value refused (detail: CFG_* code and field)
export const ERR_LOCKED = 6; // the therapist lock is on and the PIN is missing or wrong
export const ERR_STATE = 7; // not possible now (no IMU, stopped)
export const ERROR_NAMES = ['', 'frame', 'too_long', 'unknown_command', 'bad_arguments', 'config', 'locked', 'state'];

// One string, not an array: on the device each array element costs variables.
const COMMAND_LIST = ' hello get set calibrate stream clock logstat pull erase snooze mode reset motor lock repl ';

export function isCommand(c: unknown): boolean {
  return wordAt(COMMAND_LIST, c, ' ') >= 0;
}

/** The commands as a list, for the host and the tests. */
export const COMMANDS: string[] = /* @__PURE__ */ COMMAND_LIST.trim().split(' ');

function hex8(n: number): string {
  let s = (n >>> 0).toString(16);
  while (s.length < 8) s = '0' + s;
  return s;
}

/** One framed line (with the newline) for a JSON text. */
export function frame(json: string): string {
  return json + '|' + hex8(crc32(json)) + '\n';
}

/** The JSON text of a line (no newline), or null when it is not a valid frame. */
export function unframe(line: string): string | null {
  const bar = line.lastIndexOf('|');
  if (bar < 1 || line.length - bar !== 9) return null;
  const json = line.substring(0, bar);
  return hex8(crc32(json)) === line.substring(bar + 1) ? json : null;
}
