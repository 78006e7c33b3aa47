// The README is part of the product: its config table and commands must match the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../shared/config';
import { FIELD_HELP } from '../shared/config-docs';
import { repoRoot } from '../host/paths';
import { COMMANDS } from '../host/cli/commands';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two set-up commands', () => {
    const head = readme.split('\n').slice(0, 15).join('\n');
    expect(head).toContain('npm ci && npm start');
    expect(head).toContain('npm test');
  });

  it.each(FIELDS.map((f) => [f.name, f] as const))('documents config field %s as the table defines it', (name, f) => {
    expect(readme).toContain(`| \`${name}\` | ${f.unit} | ${f.def} | ${f.min} to ${f.max} | ${FIELD_HELP[name]} |`);
  });

  it('has help text for every field', () => {
    expect(Object.keys(FIELD_HELP).sort()).toEqual(FIELDS.map((f) => f.name).sort());
  });

  it.each(COMMANDS.map((c) => [c.name]))('documents `posture %s` with an example', (name) => {
    expect(readme).toMatch(new RegExp(`posture ${name}\\b`));
    expect(readme).toMatch(new RegExp(`^##.*\`posture ${name}\``, 'm'));
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
    expect(hw).toContain(`${boards.pico.logFiles} × 4 KB`);
    expect(hw).toContain(`${boards.puck.logFiles} × 4 KB`);
  });
});
