// The frame parser on node-serialport's mock binding: framing only (the real stack is
// exercised over a pty in link-pty.test.ts).
import { describe, expect, it } from 'vitest';
import { MockBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { FrameParser } from '../host/link/frame-parser';
import { DeviceMessage } from '../host/link/schemas';
import { frame } from '../shared/protocol';

async function feed(chunks: (string | Buffer)[]) {
  MockBinding.reset();
  MockBinding.createPort('/dev/mock0', { record: true });
  const port = new SerialPortStream({ binding: MockBinding, path: '/dev/mock0', baudRate: 115200 });
  await new Promise((r) => port.on('open', r));
  const parser = port.pipe(new FrameParser());
  const got: DeviceMessage[] = [];
  const bad: string[] = [];
  parser.on('data', (m: DeviceMessage) => got.push(m));
  parser.on('garbage', (g: { why: string }) => bad.push(g.why));
  for (const c of chunks) (port.port as unknown as { emitData(d: Buffer | string): void }).emitData(c);
  await new Promise((r) => setTimeout(r, 20));
  port.close();
  return { got, bad };
}

describe('FrameParser', () => {
  it('reassembles frames split anywhere and keeps their order', async () => {
    const text = frame('{"e":6,"t":1000,"a":1,"b":1}') + frame('{"i":3,"ok":1,"cfg":{}}') + frame('{"s":[400,150,-3,2,12]}');
    const parts = [text.slice(0, 7), text.slice(7, 40), text.slice(40, 41), text.slice(41)];
    const { got, bad } = await feed(parts);
    expect(bad).toEqual([]);
    expect(got.map((m) => m.kind)).toEqual(['event', 'reply', 'sample']);
    expect(got[0]).toMatchObject({ type: 6, t: 1000, a: 1, b: 1 });
  });

  it('drops bad CRCs, non-JSON, unknown shapes and REPL noise, and counts them', async () => {
    const good = frame('{"e":1,"t":5,"a":0,"b":0}');
    const { got, bad } = await feed([
      '>\r\n',
      '{"e":1,"t":5,"a":0,"b":0}|00000000\n',
      frame('{not json') ,
      frame('{"weird":1}'),
      frame('{"e":1,"t":"x","a":0,"b":0}'),
      Buffer.from([0xff, 0xfe, 0x0a]),
      good,
    ]);
    expect(got).toHaveLength(1);
    expect(bad).toEqual(['not a frame', 'bad CRC or frame', 'not JSON', 'unknown message', 'unknown message', 'not a frame']);
  });

  it('survives an endless line without a newline', async () => {
    const { got, bad } = await feed(['x'.repeat(5000), '\n' + frame('{"e":1,"t":5,"a":0,"b":0}')]);
    expect(bad[0]).toBe('line too long');
    expect(got).toHaveLength(1);
  });
});
