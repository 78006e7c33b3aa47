import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the CLI is started from. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
