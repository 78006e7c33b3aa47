// The clip names what it refused in a word (the argument or the field, shared/protocol.ts);
// this turns that word into the sentence a user reads, so the sentences live on the host.
import { ERROR_NAMES, ERR_ARGS, ERR_CONFIG, ERR_FRAME, ERR_LOCKED, ERR_STATE, ERR_TOO_LONG, ERR_UNKNOWN, MAX_LINE } from '../../shared/protocol';

/** What each command's arguments must be, keyed "command.argument". */
const ARGS: Record<string, string> = {
  'set.v': '"v": an object of field names and numbers',
  'stream.hz': '"hz": an integer 0..50 (0 = off)',
  'clock.ms': '"ms": Unix time in ms',
  'pull.from': '"from": a sequence number',
  'pull.max': '"max": 1..16 records',
  'erase.upTo': '"upTo": the last sequence number the host holds',
  'snooze.min': '"min": an integer 1..240',
  'mode.m': '"m": 0 (training) or 1 (tracking)',
  'lock.pin': '"pin": 4-8 digits, or "" to unlock',
};

/** A sentence for a refusal of command c with error code err and the clip's word msg. */
export function explainRefusal(c: string, err: number, msg: string): string {
  let why: string;
  if (err === ERR_ARGS && msg === 'i') why = 'the request needs "i", an id 1..2^31-1';
  else if (err === ERR_ARGS && ARGS[`${c}.${msg}`]) why = `${c} needs ${ARGS[`${c}.${msg}`]}`;
  else if (err === ERR_ARGS && c === 'set') why = `config field ${msg} must be a number`;
  else if (err === ERR_ARGS) why = msg.startsWith('failed') ? `${c} ${msg}` : `${c}: bad argument "${msg}"`;
  else if (err === ERR_CONFIG && msg !== 'refused') why = `unknown config field ${msg}`;
  else if (err === ERR_CONFIG) why = 'a config value is out of range';
  else if (err === ERR_LOCKED) why = msg === 'old' ? 'locked: give the old PIN' : 'locked: give the PIN';
  else if (err === ERR_UNKNOWN) why = `unknown command "${c}"`;
  else if (err === ERR_FRAME) why = msg === 'json' ? 'the frame is not JSON' : 'bad frame: expected <json>|<crc32 hex>';
  else if (err === ERR_TOO_LONG) why = `line longer than ${MAX_LINE} bytes`;
  else if (err === ERR_STATE && msg === 'storage') {
    why = "the clip's Storage has no room to keep the change, even after giving up its oldest log files: nothing changed; free Storage from the Espruino REPL (docs/commands.md: Recovering a clip)";
  }
  else why = msg;
  return `${why} (${ERROR_NAMES[err] ?? err})`;
}
