// npm run docs: rewrites the configuration table in docs/core.md from shared/config.ts, and
// docs/events.md and docs/cli.md from the code that defines them. The readme test fails when
// they drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS } from '../../shared/config';
import { FIELD_HELP } from '../../shared/config-docs';
import { repoRoot } from '../paths';
import { eventsDoc } from '../log/events-doc';
import { cliDoc } from '../cli/cli-doc';
import { jsonDoc } from '../cli/json-doc';
import { withColumnTables } from '../export/columns-doc';

export function configTable(): string {
  const rows = FIELDS.map((f) => `| \`${f.name}\` | ${f.unit} | ${f.def} | ${f.min} to ${f.max} | ${FIELD_HELP[f.name]} |`);
  return ['| field | unit | default | range | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

const file = join(repoRoot, 'docs', 'core.md');
const text = readFileSync(file, 'utf8');
const re = /<!-- config-table -->[\s\S]*?<!-- \/config-table -->/;
if (!re.test(text)) throw new Error('docs/core.md lacks the <!-- config-table --> markers');
writeFileSync(file, text.replace(re, `<!-- config-table -->\n${configTable()}\n<!-- /config-table -->`));
console.log('docs/core.md config table updated');
writeFileSync(join(repoRoot, 'docs', 'events.md'), eventsDoc());
console.log('docs/events.md written');
writeFileSync(join(repoRoot, 'docs', 'cli.md'), cliDoc());
console.log('docs/cli.md written');
writeFileSync(join(repoRoot, 'docs', 'json.md'), jsonDoc());
const formats = join(repoRoot, 'docs', 'data-formats.md');
writeFileSync(formats, withColumnTables(readFileSync(formats, 'utf8')));
console.log('docs/data-formats.md column tables updated');
console.log('docs/json.md written');
