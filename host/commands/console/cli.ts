// `posture console`: its flags, help and printing; the work is done in index.ts beside it.
import { CommandDef } from '../../cli/command-def';
import { parseFlags } from '../../cli/args';
import { UsageError } from '../../cli/errors';
import { consoleCommand, openBrowser } from './index';

export const consoleCli: CommandDef = {
  name: 'console',
  summary: 'the therapist console in the browser: clip, live posture, calibration, prescription, pull, report',
  help: `Usage: posture console [--archive DIR] [--clip PATH|virtual] [--no-open] [--http-port N]
                       [--listen ADDRESS]

Serves the console on this computer only (127.0.0.1) and opens it in the browser. Its address
carries a one-time access token: only a browser that opened it can use the console. The console
holds one clip at a time; while it does, other posture commands on that clip say it is in use.
Ctrl-C stops it and frees the clip.
  --archive DIR        where pulled logs go and the patient list comes from (default
                       ./posture-archive)
  --clip PATH          open this clip at once; "virtual" starts a virtual clip for a demo
  --no-open            print the address only, do not open a browser
  --http-port N        the TCP port (default: any free one)
  --listen ADDRESS     serve on another address than 127.0.0.1; other computers on that network
                       can then reach it (a warning is printed)

Example: npx posture console --archive clinic`,
  async run(argv, io, cwd) {
    const { values, positionals } = parseFlags(argv, {
      archive: { type: 'string' }, clip: { type: 'string' }, 'no-open': { type: 'boolean' }, 'http-port': { type: 'string' }, listen: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`console takes no positional arguments (got "${positionals[0]}")`);
    const httpPort = values['http-port'] === undefined ? undefined : Number(values['http-port']);
    const c = await consoleCommand({ cwd, archive: values.archive, listen: values.listen, httpPort, clip: values.clip });
    for (const w of c.warnings) io.err(`warning: ${w}\n`);
    io.out(`Posture Coach console: ${c.url}\n${c.session.path ? `clip ${c.session.path} open\n` : ''}Ctrl-C to stop\n`);
    if (!values['no-open']) openBrowser(c.url);
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
      process.once('SIGHUP', done);
    });
    await c.close();
    io.out('stopped\n');
  },
};
