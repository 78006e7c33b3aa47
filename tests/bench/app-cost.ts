// What the firmware app costs the interpreter around the core in each block: a tick of the app
// (tests/bench/entry-app.ts: a Hal that costs next to nothing, an IMU that hands over a block
// of a still wearer at once), less the core's own block on the same samples. Long enough runs
// that each includes closing and writing minutes (one every 150 blocks with the gyro, every
// 37.5 resting).
import { join } from 'node:path';
import { bundle } from '../../firmware/build/bundle';
import { repoRoot } from '../../host/paths';
import { perUnit } from './espruino';

export async function appCost(esp: string): Promise<{ gyro: number; rest: number }> {
  const code = (await bundle(join(repoRoot, 'tests', 'bench', 'entry-app.ts'))).code;
  // live: as while streaming, the gyro never rests; else it rests after 5 s still (1.6 s blocks).
  const setup = (live: boolean) => `${code}var B=global.AppBench(E.mapInPlace);${live ? 'B.app.live=true;' : ''}for(var w=0;w<60;w++){B.clk+=B.period;B.tick();}`;
  const tick = (live: boolean) => (n: number) => setup(live) + `for(var k=0;k<${n};k++){B.clk+=B.period;B.tick();}`;
  const core = (live: boolean) => (n: number) =>
    setup(live) +
    `var c=B.app.core,m=${live ? 10 : 40},a=new Int16Array(3*m),g=${live ? 'new Int16Array(30)' : 'null'};` +
    `for(var i=0;i<3*m;i+=3)a.set([7094,i%6?28:-52,4096],i);for(var k=0;k<${n};k++){B.clk+=B.period;c.block(B.clk,a,g,m);}`;
  const around = (live: boolean, n: number) => perUnit(esp, tick(live), n) - perUnit(esp, core(live), n);
  return { gyro: around(true, 300), rest: around(false, 150) };
}
