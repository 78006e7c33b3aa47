// TypeScript -> one minified Espruino-safe script: esbuild bundles and strips types
// (the source is written in the subset Espruino parses), terser minifies at ecma 5 so it
// never introduces newer syntax, and hoists functions because Espruino does not.
import { build } from 'esbuild';
import { minify } from 'terser';
import { formatGateProblems, syntaxGate } from './syntax-gate';

export interface BundleResult {
  code: string;
  bytes: number;
}

export async function bundle(entry: string, defines: Record<string, string> = {}): Promise<BundleResult> {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2017',
    platform: 'neutral',
    define: defines,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const src = r.outputFiles[0].text;
  const m = await minify(src, {
    ecma: 5,
    toplevel: true,
    compress: { hoist_funs: true, hoist_vars: false, passes: 2, unsafe_arrows: false, arrows: false, reduce_funcs: false },
    mangle: { toplevel: true },
    format: { ecma: 5, comments: false },
  });
  const code = (m.code ?? '') + '\n';
  const problems = syntaxGate(code);
  if (problems.length) {
    throw new Error(`bundle of ${entry} fails the Espruino syntax gate:\n` + formatGateProblems(entry, problems));
  }
  return { code, bytes: Buffer.byteLength(code) };
}
