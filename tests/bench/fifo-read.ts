// What draining the FIFO costs on the interpreter, per sample: the MPU-6050 driver reading a
// block at 25 Hz with the gyro (10 samples of 12 bytes: words decoded natively, split in code)
// and without it (20 samples of 6 bytes, the 0.8 s block of a resting gyro: one E.mapInPlace
// call), over a bus that answers at once.
import { join } from 'node:path';
import { bundle } from '../../firmware/build/bundle';
import { repoRoot } from '../../host/paths';
import { perUnit } from './espruino';

export async function fifoReadCost(esp: string): Promise<{ gyro: number; accelOnly: number }> {
  const code = (await bundle(join(repoRoot, 'tests', 'bench', 'entry-drivers.ts'))).code;
  const script = (gyroOn: boolean) => (n: number) =>
    `${code}var sb=${gyroOn ? 12 : 6},m=${gyroOn ? 10 : 20},cnt=new Uint8Array([0,m*sb]),who=new Uint8Array([0x68]),data=new Uint8Array(m*sb);` +
    `var bus={write:function(r,v){},read:function(r,n){return r===0x72?cnt:r===0x75?who:data;},words:E.mapInPlace};` +
    `var imu=global.Drivers.mpu6050(bus);imu.configure(25);${gyroOn ? '' : 'imu.gyro(0);'}` +
    `var a=new Int16Array(60),g=new Int16Array(60);for(var k=0;k<${n};k++){imu.read(a,g,0,m);}`;
  return { gyro: perUnit(esp, script(true), 200) / 10, accelOnly: perUnit(esp, script(false), 200) / 20 };
}
