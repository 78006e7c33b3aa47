// `npm run demo-recording [FILE]`: writes the synthetic office morning used in the README's
// examples (25 Hz, clip rotated 40 degrees) as a samples CSV.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate, OFFICE_SCRIPT, toCsv } from '../sim/scenario';

const file = resolve(process.argv[2] ?? 'office.csv');
writeFileSync(file, '# synthetic office morning, clip rotated 40 deg\n' + toCsv(generate(OFFICE_SCRIPT, { rateHz: 25, rotationDeg: 40, seed: 7 })));
console.log(`wrote ${file}`);
