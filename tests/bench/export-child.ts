// Runs one export and prints the process's peak RSS in KB (for the export memory benchmark).
import { exportCommand } from '../../host/commands/export/index';

const [archive, level, out] = process.argv.slice(2);
await exportCommand({ cwd: process.cwd(), archive, level, out });
process.stdout.write(`${process.resourceUsage().maxRSS}\n`);
