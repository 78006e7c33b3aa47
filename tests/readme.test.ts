// The README and docs/ are part of the product: the README opens with the set-up and stays
// short, the configuration table and the command reference are the code's own, every command
// has an example, and every link leads somewhere.
import { LOG_FILE_SIZE, NOR_FILE_SIZE } from '../firmware/app';
import { jsonDoc } from '../host/cli/json-doc';
import { LEVEL_SCHEMAS } from '../host/export/table-schemas';
import { withColumnTables } from '../host/export/columns-doc';
import { JSON_OUTPUTS } from '../host/cli/json-outputs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../shared/config';
import { FIELD_HELP } from '../shared/config-docs';
import { repoRoot } from '../host/paths';
import { COMMANDS } from '../host/cli/commands';
import { cliDoc } from '../host/cli/cli-doc';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const doc = (name: string) => readFileSync(join(repoRoot, 'docs', name), 'utf8');
const docs = readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md'));

describe('README', () => {
  it('opens with what the clip is and the two set-up commands, and stays short', () => {
    const head = readme.split('\n').slice(0, 15).join('\n');
    expect(head).toContain('npm ci && npm start');
    expect(head).toContain('npm test');
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
    expect(readme).toContain('](docs/report.png)');
    for (const who of ['## For the wearer', '## For the therapist', '## For the researcher']) expect(readme).toContain(who);
  });

  it('has no issue numbers or history in what users read', () => {
    for (const [name, text] of [['README.md', readme], ...docs.map((d) => [d, doc(d)])]) expect(text, name).not.toMatch(/\(issue \d+|issue \d+\)|issues? #?\d+[,;)]/i);
  });

  it('links only to files that exist', () => {
    for (const [file, text] of [[join(repoRoot, 'README.md'), readme], ...docs.map((d) => [join(repoRoot, 'docs', d), doc(d)])]) {
      for (const m of text.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)) expect(existsSync(join(dirname(file), m[1])), `${file}: ${m[1]}`).toBe(true);
    }
  });
});

describe('docs', () => {
  it.each(FIELDS.map((f) => [f.name, f] as const))('core.md documents config field %s as the table defines it', (name, f) => {
    expect(doc('core.md')).toContain(`| \`${name}\` | ${f.unit} | ${f.def} | ${f.min} to ${f.max} | ${FIELD_HELP[name]} |`);
  });

  it('has help text for every field', () => {
    expect(Object.keys(FIELD_HELP).sort()).toEqual(FIELDS.map((f) => f.name).sort());
  });

  it('cli.md is every command\'s own help (npm run docs writes it)', () => {
    expect(doc('cli.md')).toBe(cliDoc());
  });

  it('data-formats.md\'s column tables are the export\'s table schemas (npm run docs writes them)', () => {
    const md = doc('data-formats.md');
    // One table per level, each level once.
    expect((md.match(/<!-- columns:([a-z]+)/g) ?? []).map((m) => m.slice(13)).sort()).toEqual(LEVEL_SCHEMAS.map((l) => l.level).sort());
    expect(md).toBe(withColumnTables(md));
  });

  it('json.md is the commands\' output schemas, and every command with --json has one', () => {
    expect(doc('json.md')).toBe(jsonDoc());
    for (const c of COMMANDS) if (/--json/.test(c.help)) expect(JSON_OUTPUTS.some((o) => o.command.split(' ')[1].split('|').includes(c.name)), c.name).toBe(true);
  });

  it.each(COMMANDS.map((c) => [c.name]))('documents `posture %s` with an example', (name) => {
    const all = docs.filter((d) => d !== 'cli.md' && d !== 'json.md').map(doc).join('\n');
    expect(all).toMatch(new RegExp(`posture ${name}\\b`));
    expect(all).toMatch(new RegExp(`^##.*\`posture ${name}\``, 'm'));
  });
});

describe('hardware/README', () => {
  const hw = readFileSync(join(repoRoot, 'hardware', 'README.md'), 'utf8');
  const boards = JSON.parse(readFileSync(join(repoRoot, 'hardware', 'boards.json'), 'utf8')) as Record<string, Record<string, unknown>>;

  it('explains every board profile field', () => {
    const table = hw.slice(hw.indexOf('## Board profiles'), hw.indexOf('## Mounting'));
    for (const field of Object.keys(boards.pico)) expect(table, field).toContain(`\`${field}\``);
  });

  it('gives each board the log files its profile has', () => {
    const r = hw.split('\n').find((l) => l.startsWith('| `storageKB`, `logFiles`'))!;
    expect(r).toContain(`| ${boards.pico.storageKB}, ${boards.pico.logFiles} | ${boards.puck.storageKB}, ${boards.puck.logFiles} |`);
    expect(hw).toContain(`${boards.pico.logFiles} × ${LOG_FILE_SIZE / 1024} KB`);
    expect(hw).toContain(`${boards.puck.logFiles} × ${LOG_FILE_SIZE / 1024} KB`);
    expect(hw).toContain(`${boards['pico-w25q'].norLogFiles} × ${NOR_FILE_SIZE / 1024} KB on the W25Q32`);
  });
});
