// Rewrites the README's config table from shared/config.ts and docs/events.md from the event
// definitions and grammar (npm run docs). The readme test fails when they drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS } from '../../shared/config';
import { FIELD_HELP } from '../../shared/config-docs';
import { repoRoot } from '../paths';
import { eventsDoc } from '../log/events-doc';

export function configTable(): string {
  const rows = FIELDS.map((f) => `| \`${f.name}\` | ${f.unit} | ${f.def} | ${f.min} to ${f.max} | ${FIELD_HELP[f.name]} |`);
  return ['| field | unit | default | range | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

const file = join(repoRoot, 'README.md');
const text = readFileSync(file, 'utf8');
const re = /<!-- config-table -->[\s\S]*?<!-- \/config-table -->/;
if (!re.test(text)) throw new Error('README.md lacks the <!-- config-table --> markers');
writeFileSync(file, text.replace(re, `<!-- config-table -->\n${configTable()}\n<!-- /config-table -->`));
console.log('README.md config table updated');
writeFileSync(join(repoRoot, 'docs', 'events.md'), eventsDoc());
console.log('docs/events.md written');
