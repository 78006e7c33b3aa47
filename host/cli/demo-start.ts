// `npm start`: builds the firmware bundle, then replays a synthetic office morning through
// the same core the clip runs and prints what the wearer would have felt. Later issues turn
// this into the full demo on the virtual device.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { generate, OFFICE_SCRIPT, toCsv } from '../sim/scenario';
import { repoRoot } from '../paths';
import { main } from './main';

const build = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'firmware', 'build', 'build.ts')], { stdio: 'inherit', cwd: repoRoot });
if (build.status !== 0) process.exit(build.status ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'posture-demo-'));
const csv = join(dir, 'office-morning.csv');
writeFileSync(csv, '# synthetic office morning, clip rotated 40 deg\n' + toCsv(generate(OFFICE_SCRIPT, { rateHz: 25, rotationDeg: 40, seed: 7 })));
console.log(`\nDemo recording: ${csv}\nposture replay ${csv}\n`);
process.exitCode = await main(['replay', csv]);
