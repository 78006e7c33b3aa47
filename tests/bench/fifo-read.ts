// What draining the FIFO costs on the interpreter: the MPU-6050 driver through the same bus the
// device builds (firmware/entries/device.ts: bus.read -> hal.i2cRead -> I2C1.writeTo/readFrom;
// here an I2C1 that answers at once, so the transfer itself is left to the ledger's bus time).
// Fitted as a cost per read that finds samples plus a cost per sample, for each mode, and a
// poll that finds the FIFO short of a block (the FIFO count read alone).
import { join } from 'node:path';
import { bundle } from '../../firmware/build/bundle';
import { repoRoot } from '../../host/paths';
import { perUnit } from './espruino';

export interface FifoCost {
  /** A read with the gyro: per read, per sample. */
  gyro: { read: number; sample: number };
  /** Accelerometer alone (the gyro resting). */
  accelOnly: { read: number; sample: number };
  /** A read that finds nothing to take. */
  empty: number;
  /** A resting IMU's peek at its accelerometer, and the wake-up test on it (firmware/app.ts). */
  peek: number;
}

export async function fifoReadCost(esp: string): Promise<FifoCost> {
  const code = (await bundle(join(repoRoot, 'tests', 'bench', 'entry-drivers.ts'))).code;
  // m samples waiting (sb bytes each); each loop pass reads them all (max m), or peeks.
  const script = (sb: number, m: number, peek = false) => (n: number) =>
    `${code}var cnt=new Uint8Array([0,${m * sb}]),who=new Uint8Array([0x68]),data=new Uint8Array(${Math.max(1, m * sb)}),last=0;` +
    'var I2C={writeTo:function(a,d){last=typeof d==="number"?d:0;},readFrom:function(a,n){return last===0x72?cnt:last===0x75?who:data;}};' +
    // hal.i2cRead and the device's bus, as firmware/hal/espruino.ts and firmware/entries/device.ts write them.
    'var hal={i2cRead:function(addr,reg,n){I2C.writeTo({address:addr,stop:false},reg);return I2C.readFrom(addr,n);},i2cWrite:function(addr,d){I2C.writeTo(addr,d);},words:E.mapInPlace};' +
    'var bus={regWrite:function(reg,v){hal.i2cWrite(0x68,[reg,v]);},regRead:function(reg,n){return hal.i2cRead(0x68,reg,n);},words:hal.words};' +
    `var imu=global.Drivers.mpu6050(bus);imu.configure(25);${sb === 6 ? 'imu.gyro(0);' : ''}` +
    `var a=new Int16Array(120),g=new Int16Array(120);for(var k=0;k<${n};k++){` +
    (peek ? 'imu.peek(g);if(Math.abs(g[0]-a[0])+Math.abs(g[1]-a[1])+Math.abs(g[2]-a[2])<=400)continue;}' : `imu.read(a,g,0,${Math.max(1, m)});}`);
  const fit = (sb: number, m1: number, m2: number) => {
    const c1 = perUnit(esp, script(sb, m1), 200), c2 = perUnit(esp, script(sb, m2), 200);
    const sample = (c2 - c1) / (m2 - m1);
    return { read: c1 - sample * m1, sample };
  };
  return { gyro: fit(12, 5, 10), accelOnly: fit(6, 5, 20), empty: perUnit(esp, script(6, 0), 200), peek: perUnit(esp, script(6, 0, true), 200) };
}
