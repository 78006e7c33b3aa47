// `npm run build`: writes firmware/dist/ with every bundle and a manifest of their sizes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(root, 'firmware', 'dist');

export const BUNDLES: { name: string; entry: string; limit: number }[] = [
  { name: 'posture-core.js', entry: 'firmware/entries/core.ts', limit: 6 * 1024 },
  { name: 'posture-replay.js', entry: 'firmware/entries/replay.ts', limit: 8 * 1024 },
];

async function main() {
  mkdirSync(DIST, { recursive: true });
  const manifest: Record<string, { bytes: number; limit: number }> = {};
  for (const b of BUNDLES) {
    const r = await bundle(join(root, b.entry));
    writeFileSync(join(DIST, b.name), r.code);
    manifest[b.name] = { bytes: r.bytes, limit: b.limit };
    const over = r.bytes > b.limit ? `  OVER the ${b.limit} B budget` : '';
    console.log(`firmware/dist/${b.name}  ${r.bytes} B${over}`);
  }
  writeFileSync(join(DIST, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
