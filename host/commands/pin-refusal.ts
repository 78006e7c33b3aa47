// The clip refused because of its therapist lock: one wording for every command. A clip says
// only "locked"; whether a PIN was given tells "no PIN given" from "wrong PIN".
import { DeviceError } from '../cli/errors';
import { DeviceRequestError } from '../link/device-link';

/** The device's refusal code for the lock (firmware/app.ts E_LOCKED, as the link reports it). */
export const ERR_LOCKED = 6;

export function isLockRefusal(e: unknown): boolean {
  return (e instanceof DeviceRequestError || typeof e === 'object') && (e as { err?: number } | null)?.err === ERR_LOCKED;
}

/** pinGiven: the user gave --pin (or --old); unchanged: what stays as it was, for the wrong-PIN message. */
export function lockRefusal(pinGiven: boolean, unchanged: string, flag = '--pin'): DeviceError {
  return new DeviceError(
    pinGiven
      ? `wrong PIN: ${unchanged}. Give the PIN the therapist set with ${flag} (4 to 8 digits)`
      : `the clip is locked (no PIN given): ${unchanged}. Give the therapist's PIN with ${flag}`,
  );
}
