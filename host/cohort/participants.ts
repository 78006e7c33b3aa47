// Which participant each clip is: the researcher's mapping CSV (clip_id,participant_id), so
// that the study's dataset names participants and not devices (pseudonymisation).
import { readFileSync } from 'node:fs';
import { fileProblem, InputError } from '../cli/errors';

export function readParticipants(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${fileProblem(e)}`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines.shift()?.split(',').map((s) => s.trim().toLowerCase());
  if (!head || head[0] !== 'clip_id' || head[1] !== 'participant_id') {
    throw new InputError(`${file}: the first line must be the header clip_id,participant_id`);
  }
  const map = new Map<string, string>();
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const [clip, participant] = l.split(',').map((s) => s.trim());
    const where = `${file} line ${i + 2}`;
    if (!/^[0-9a-f]{8}$/.test(clip ?? '')) throw new InputError(`${where}: "${clip}" is not a clip id (8 hex digits, as posture pull names the folders)`);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(participant ?? '')) throw new InputError(`${where}: participant id "${participant ?? ''}" must be 1 to 64 letters, digits, - or _`);
    if (map.has(clip)) throw new InputError(`${where}: clip ${clip} is given twice`);
    if (seen.has(participant)) throw new InputError(`${where}: participant ${participant} is given to two clips; one clip per participant`);
    map.set(clip, participant);
    seen.add(participant);
  });
  return map;
}
