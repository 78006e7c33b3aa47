// Writes one self-contained script: the built replay bundle (byte for byte what
// firmware/dist holds), the recording as base64 typed arrays, and the loop that prints one
// JSON line per event. It runs unchanged under node and under Espruino (no process, no fs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '../../shared/config';
import { Recording } from './samples-csv';
import { CalibrationWindow } from './replay';
import { repoRoot } from '../paths';
import { bundle } from '../../firmware/build/bundle';

export const REPLAY_BUNDLE = join(repoRoot, 'firmware', 'dist', 'posture-replay.js');

/**
 * The replay bundle built from the current source by the firmware pipeline; the same text
 * `npm run build` writes to firmware/dist (a test holds the two equal).
 */
export async function replayBundleCode(): Promise<{ code: string; stale: boolean }> {
  const code = (await bundle(join(repoRoot, 'firmware', 'entries', 'replay.ts'))).code;
  const stale = existsSync(REPLAY_BUNDLE) && readFileSync(REPLAY_BUNDLE, 'utf8') !== code;
  return { code, stale };
}

function b64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

export async function emitScript(rec: Recording, config: Config, cal: CalibrationWindow): Promise<{ script: string; stale: boolean }> {
  const deltas = new Int32Array(rec.n);
  for (let i = 1; i < rec.n; i++) deltas[i] = rec.t[i] - rec.t[i - 1];
  const data = new Int16Array(rec.d); // copy: the recording's view may sit in a larger buffer
  const { code, stale } = await replayBundleCode();
  // Plain ES5 below the bundle: it must pass the same syntax gate.
  const script = `${code}(function(){
var P=global.PostureReplay;
function dec(s){var b=atob(s);if(typeof E!=="undefined"){var f=new Uint8Array(b.length);f.set(new Uint8Array(E.toArrayBuffer(b)));return f.buffer;}var n=b.length,u=new Uint8Array(n);for(var i=0;i<n;i++)u[i]=b.charCodeAt(i);return u.buffer;}
var n=${rec.n},t0=${rec.t[0]};
var dt=new Int32Array(dec("${b64(deltas)}"));
var d=new Int16Array(dec("${b64(data)}"));
var t=new Float64Array(n),acc=t0;
for(var i=0;i<n;i++){acc+=dt[i];t[i]=acc;}
dt=undefined;
var core=P.createCore(${JSON.stringify(config)},${rec.gyroPerDps},function(ty,tm,a,b){console.log(P.eventJson(ty,tm,a,b));});
P.runRecording(core,t,d,n,${cal.start},${cal.ms});
})();
`;
  return { script, stale };
}
