// A pseudo-terminal pair from socat: the host opens one end as a serial port, the virtual
// device sits on the other. killing socat is an unplug; starting it again on the same link
// names is a replug.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { SerialPortStream } from '@serialport/stream';
import { autoDetect } from '@serialport/bindings-cpp';
import { DeviceError } from '../cli/errors';
import { VirtualDevice } from './virtual-device';

export function haveSocat(): boolean {
  return spawnSync('socat', ['-V'], { encoding: 'utf8' }).status === 0;
}

export interface PtyPair {
  hostPath: string;
  devicePath: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of live) p.stdin?.destroy();
});

/** removeAfter: a folder of this process's that goes with socat, even if this process is killed. */
export async function startPty(hostPath: string, devicePath: string, removeAfter?: string): Promise<PtyPair> {
  if (!haveSocat()) throw new DeviceError('socat is not installed: apt-get install socat (".ci/run" does it)');
  // Links left by an earlier socat would be taken for the new ones (and make socat fail).
  rmSync(hostPath, { force: true });
  rmSync(devicePath, { force: true });
  // socat runs under a small shell that holds a pipe from this process: when the pipe closes,
  // on stop() or because this process died in any way (SIGKILL included), the shell ends
  // socat and removes the links; removeAfter too, unless stop() said this process cleans up
  // itself. Nothing outlives the command that started it.
  // The shell ignores Ctrl-C and hang-ups: this process decides when to stop.
  const script = "trap '' INT HUP; socat \"$1\" \"$2\" & s=$!; read how; kill $s 2>/dev/null; wait $s; rm -f -- \"$3\" \"$4\"; [ -z \"$5\" ] || [ \"$how\" = stop ] || rm -rf -- \"$5\"";
  const proc = spawn('sh', ['-c', script, 'sh', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`, hostPath, devicePath, removeAfter ?? ''], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  proc.stdin!.on('error', () => undefined);
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  const t0 = Date.now();
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (Date.now() - t0 > 5000) {
      proc.stdin!.end();
      throw new DeviceError('socat did not create the pty links within 5 s');
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    hostPath,
    devicePath,
    proc,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode) return resolve();
        proc.once('exit', () => {
          rmSync(hostPath, { force: true });
          rmSync(devicePath, { force: true });
          resolve();
        });
        proc.stdin!.end('stop\n');
      }),
  };
}

/** Connects a virtual device to the device end of a pty; reattach after a replug. */
export async function attachDevice(dev: VirtualDevice, devicePath: string): Promise<SerialPortStream> {
  const port = new SerialPortStream({ binding: autoDetect(), path: devicePath, baudRate: 115200, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  port.on('data', (d: Buffer) => dev.input(d.toString('latin1')));
  port.on('error', () => undefined);
  dev.onOutput((s) => {
    if (port.isOpen) port.write(Buffer.from(s, 'latin1'));
  });
  return port;
}
