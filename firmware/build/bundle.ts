// TypeScript -> one minified Espruino-safe script: esbuild bundles and strips types
// (the source is written in the subset Espruino parses), TypeScript lowers the bundle to
// ES5, terser minifies at ecma 5 so it never introduces newer syntax, and hoists functions
// because Espruino does not.
//
// Why lower to ES5: each Espruino block holding a let/const allocates a scope object every
// time it is entered, i.e. per sample in the hot path; as `var`s they cost nothing.
// Espruino does not hoist `var` either, so the gate refuses a var used before its
// declaration, which terser writes when it inlines a function with parameters (inline: 2+),
// or outside the branch that declares it, which terser writes when sibling loops share a
// counter; the build declares those at the top of their function (declareUnhoistedVars).
import { build } from 'esbuild';
import { minify } from 'terser';
import ts from 'typescript';
import { declareUnhoistedVars, formatGateProblems, syntaxGate } from './syntax-gate';

export interface BundleResult {
  code: string;
  bytes: number;
}

/**
 * Names the device's interpreter defines globally. A device bundle runs at the top level,
 * so the minifier must never pick one of these for its own functions.
 */
function espruinoGlobals(): string[] {
  const names = ['E', 'NRF', 'Puck', 'Pico', 'USB', 'BTN', 'LED', 'Bluetooth', 'Terminal', 'Storage', 'ESP8266', 'Graphics', 'Modules', 'Serial'];
  for (const p of ['A', 'B', 'C', 'D', 'H']) for (let i = 0; i < 32; i++) names.push(p + i);
  for (let i = 0; i < 8; i++) names.push('LED' + i, 'BTN' + i, 'Serial' + i, 'I2C' + i, 'SPI' + i);
  return names;
}

/**
 * Property names of the firmware's own objects (the Hal, the app, the core, the log ring...)
 * that a device bundle shortens to a letter or two: ~1 KB less flash. Only names listed here
 * are touched, so a new property is simply left long. Never list a name that also appears on
 * the wire (reply keys such as clockSet, first, log, board), in the config record (ref, seq,
 * pin), or on an Espruino object the firmware uses (read, write, erase, list, memory, stop,
 * edge, setup...): its other uses would be renamed with it.
 */
export const INTERNAL_PROPS = [
  'config', 'pinHash', 'setReference', 'now', 'fileSize', 'motor', 'configure', 'setConfig', 'cancel', 'storage',
  'setClock', 'status', 'block', 'onEvent', 'onBlock', 'setMode', 'calibrate', 'setDecisions', 'factoryReset',
  'angles', 'after', 'every', 'snooze', 'play', 'gyroPerDps', 'battery', 'buttonDown', 'linkOnData',
  'linkWrite', 'eraseUpTo', 'append', 'save', 'core', 'det', 'est', 'out', 'sums', 'i2cRead', 'i2cWrite',
  'toBase64', 'onButton', 'watchdog', 'codeCrc', 'kick', 'load', 'num', 'fault', 'wipe', 'each', 'lock', 'info',
  'step', 'reset', 'close', 'repl', 'print', 'prefix', 'maxFiles', 'held', 'cur', 'off', 'nextNum', 'dropCount', 'fileNum',
  'lostCount', 'hours', 'shed', 'clockRate', 'inSet', 'quiet', 'setAway', 'ex', 'event', 'setLocal', 'onImuMotion',
  'left', 'wake', 'regWrite', 'regRead', 'baseT', 'baseF', 'live', 'gyro', 'peek', 'rest',
];

/**
 * topLevel: emit plain top-level code instead of an IIFE (device bundles). In Espruino a
 * function inside an IIFE keeps a scope array and costs about 10 variables; a top-level one
 * costs 5, and every closure below it one fewer: ~300 variables over the firmware.
 */
export async function bundle(entry: string, defines: Record<string, string> = {}, topLevel = false): Promise<BundleResult> {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: topLevel ? 'esm' : 'iife',
    target: 'es2017',
    platform: 'neutral',
    define: defines,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const lowered = ts.transpileModule(r.outputFiles[0].text, {
    compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, removeComments: true, noEmitHelpers: true },
  });
  const src = lowered.outputText;
  const helper = /\b__(spreadArray|assign|extends|values|read|awaiter|generator|rest|makeTemplateObject)\b/.exec(src);
  if (helper) throw new Error(`bundle of ${entry} needs TypeScript's ${helper[0]} helper: write that construct in the subset Espruino runs`);
  const m = await minify(src, {
    ecma: 5,
    toplevel: true,
    compress: { inline: 1, hoist_funs: true, hoist_vars: false, passes: 2, unsafe_arrows: false, arrows: false, reduce_funcs: false },
    mangle: {
      toplevel: true,
      reserved: espruinoGlobals(),
      // builtins: terser otherwise skips names it knows from the DOM (now, reset, close...).
      properties: topLevel ? { regex: new RegExp('^(' + INTERNAL_PROPS.join('|') + ')$'), builtins: true } : false,
    },
    format: { ecma: 5, comments: false },
  });
  const code = declareUnhoistedVars(m.code ?? '') + '\n';
  const problems = syntaxGate(code);
  if (problems.length) {
    throw new Error(`bundle of ${entry} fails the Espruino syntax gate:\n` + formatGateProblems(entry, problems));
  }
  return { code, bytes: Buffer.byteLength(code) };
}
