// What draining the FIFO costs on the interpreter, per sample: the MPU-6050 driver reading
// blocks of 10 samples with the gyro (12 bytes a sample, decoded sample by sample) and without
// it (6 bytes, decoded in one E.mapInPlace call), over a bus that answers at once.
import { join } from 'node:path';
import { bundle } from '../../firmware/build/bundle';
import { repoRoot } from '../../host/paths';
import { perUnit } from './espruino';

export async function fifoReadCost(esp: string): Promise<{ gyro: number; accelOnly: number }> {
  const code = (await bundle(join(repoRoot, 'tests', 'bench', 'entry-drivers.ts'))).code;
  const script = (gyroOn: boolean) => (n: number) =>
    `${code}var sb=${gyroOn ? 12 : 6},cnt=new Uint8Array([0,10*sb]),who=new Uint8Array([0x68]),data=new Uint8Array(10*sb);` +
    `var bus={write:function(r,v){},read:function(r,n){return r===0x72?cnt:r===0x75?who:data;},words:E.mapInPlace};` +
    `var imu=global.Drivers.mpu6050(bus);imu.configure(25);${gyroOn ? '' : 'imu.gyro(0);'}` +
    `var a=new Int16Array(30),g=new Int16Array(30);for(var k=0;k<${n};k++){imu.read(a,g,0,10);}`;
  return { gyro: perUnit(esp, script(true), 200) / 10, accelOnly: perUnit(esp, script(false), 200) / 10 };
}
