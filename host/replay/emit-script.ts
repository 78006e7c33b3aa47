// Writes one self-contained script: the built replay bundle (byte for byte what
// firmware/dist holds), the recording as base64 typed arrays, and the loop that prints one
// JSON line per event. It runs unchanged under node and under Espruino (no process, no fs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '../../shared/config';
import { Recording } from './samples-csv';
import { CalibrationWindow, localOffsetMs } from './replay';
import { repoRoot } from '../paths';
import { blockSize } from '../../shared/estimator';

export const REPLAY_BUNDLE = join(repoRoot, 'firmware', 'dist', 'posture-replay.js');

/**
 * The replay bundle built from the current source by the firmware pipeline; the same text
 * `npm run build` writes to firmware/dist (a test holds the two equal).
 */
export async function replayBundleCode(): Promise<{ code: string; stale: boolean }> {
  // Loaded on demand: the build pipeline brings esbuild, terser and TypeScript, which every
  // other command would otherwise load at start-up for nothing.
  const { bundle } = await import('../../firmware/build/bundle');
  const code = (await bundle(join(repoRoot, 'firmware', 'entries', 'replay.ts'))).code;
  const stale = existsSync(REPLAY_BUNDLE) && readFileSync(REPLAY_BUNDLE, 'utf8') !== code;
  return { code, stale };
}

function b64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

/**
 * Samples per chunk: a multiple of the block size, and small (times: 3.8 KB, acc and gyr
 * 2.9 KB each). Espruino keeps a typed array contiguous only when it finds a free block of
 * variables that long; otherwise it silently chains them and every element access walks the
 * chain from its start, so a long recording would cost more per sample by luck of the heap.
 */
export function chunkSamples(blockN: number): number {
  return Math.floor(480 / blockN) * blockN;
}

/** rest: run as a clip that rests its gyro (shared/recording.ts); the bench's measure, not a replay's. */
export async function emitScript(rec: Recording, config: Config, cal: CalibrationWindow, rest = false): Promise<{ script: string; stale: boolean }> {
  const per = chunkSamples(blockSize(config.rate_hz));
  const chunks: string[] = [];
  for (let i = 0; i < rec.n; i += per) {
    const m = Math.min(per, rec.n - i);
    // Times as doubles, ready to use: decoding deltas cost the script a statement per sample.
    chunks.push(`[${m},"${b64(Float64Array.from(rec.t.subarray(i, i + m)))}","${b64(rec.acc.subarray(3 * i, 3 * (i + m)))}","${rec.hasGyro ? b64(rec.gyr.subarray(3 * i, 3 * (i + m))) : ''}"]`);
  }
  const { code, stale } = await replayBundleCode();
  // Plain ES5 below the bundle: it must pass the same syntax gate. The data comes last:
  // Espruino re-reads loop bodies from the source text, and a loop placed after a large
  // literal pays for skipping over it on every pass.
  const script = `${code}function postureRun(C){
var P=global.PostureReplay;
function dec(s){var b=atob(s);if(typeof E!=="undefined")return E.toArrayBuffer(E.toString(b));var n=b.length,u=new Uint8Array(n);for(var i=0;i<n;i++)u[i]=b.charCodeAt(i);return u.buffer;}
var core=P.createCore(${JSON.stringify(config)},${rec.gyroPerDps},function(ty,tm,a,b){console.log(P.eventJson(ty,tm,a,b));});
core.setLocal(${localOffsetMs(rec.n ? rec.t[0] : 0)});
var run=P.createRecordingRunner(core,${cal.start},${cal.ms}${rest ? ',undefined,true' : ''});
var flat=0;
for(var c=0;c<C.length;c++){
var n=C[c][0],t=new Float64Array(dec(C[c][1])),ac=new Int16Array(dec(C[c][2])),gy=C[c][3]?new Int16Array(dec(C[c][3])):null;
if(typeof E!=="undefined"&&!flat&&(!E.getAddressOf(t,true)||!E.getAddressOf(ac,true)||(gy&&!E.getAddressOf(gy,true)))){flat=1;console.log('{"warning":"a typed array is not contiguous: the per-sample cost is not representative"}');}
run.feed(t,ac,gy,n);
C[c]=0;
}
}
postureRun([
${chunks.join(',\n')}]);
`;
  return { script, stale };
}
