// The syntax gate: parses a bundle and lists every construct Espruino 2v29 rejects, runs
// wrongly or lacks (../shared/notes/espruino.md). Used by the build, the tests and `posture flash`.
import { parse } from 'acorn';

export interface GateProblem {
  line: number;
  column: number;
  what: string;
}

type Node = { type: string; start: number; end: number; loc?: { start: { line: number; column: number } }; [k: string]: unknown };

const MISSING_GLOBALS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Proxy', 'BigInt', 'RangeError', 'Reflect', 'globalThis']);
const MISSING_MEMBERS: Record<string, Set<string>> = {
  Math: new Set(['imul', 'clz32', 'trunc', 'hypot', 'sign', 'cbrt', 'log2', 'log10', 'fround']),
  Array: new Set(['from', 'of', 'prototype']),
  Number: new Set(['isInteger', 'isSafeInteger', 'EPSILON']),
  Object: new Set(['freeze', 'isFrozen', 'seal', 'getOwnPropertySymbols', 'fromEntries']),
  Promise: new Set(['race', 'any', 'allSettled', 'finally']),
};

function isFunction(n: Node): boolean {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

/** True when a function inside n mentions one of names (a closure over the loop variable). */
function closesOver(n: unknown, names: Set<string>, inFunction: boolean): boolean {
  if (!n || typeof n !== 'object') return false;
  if (Array.isArray(n)) return n.some((c) => closesOver(c, names, inFunction));
  const node = n as Node;
  if (typeof node.type !== 'string') return false;
  if (inFunction && node.type === 'Identifier' && names.has(node.name as string)) return true;
  if (isFunction(node)) {
    // Parameters and declarations of the function shadow the loop variable (minifiers reuse names).
    const own = new Set<string>();
    collectBindings(node.params, own);
    if ((node.body as Node).type === 'BlockStatement') collectBindings(node.body, own);
    const left = new Set([...names].filter((x) => !own.has(x)));
    return left.size > 0 && closesOver(node.body, left, true);
  }
  for (const k of Object.keys(node)) {
    if (k === 'loc') continue;
    if (closesOver(node[k], names, inFunction)) return true;
  }
  return false;
}

function collectBindings(n: unknown, out: Set<string>) {
  if (!n || typeof n !== 'object') return;
  if (Array.isArray(n)) {
    for (const c of n) collectBindings(c, out);
    return;
  }
  const node = n as Node;
  if (node.type === 'Identifier') {
    out.add(node.name as string);
    return;
  }
  if (node.type === 'VariableDeclarator') {
    collectBindings(node.id, out);
    return;
  }
  if (isFunction(node) || node.type === 'BlockStatement' || node.type === 'VariableDeclaration') {
    if (node.type === 'BlockStatement') for (const st of node.body as Node[]) if (st.type === 'VariableDeclaration') collectBindings(st, out);
    if (node.type === 'VariableDeclaration') for (const d of node.declarations as Node[]) collectBindings(d, out);
  }
}

function declaredNames(decl: Node): Set<string> {
  const names = new Set<string>();
  for (const d of decl.declarations as Node[]) {
    const id = d.id as Node;
    if (id.type === 'Identifier') names.add(id.name as string);
  }
  return names;
}

/**
 * Espruino does not hoist `var`: a name used before its `var` runs is looked up in the
 * outer scopes, so an assignment there overwrites an outer variable of the same name (a
 * minifier happily writes `return (o = read()) ...; var o`). The same goes for a `var` in a
 * branch that did not run: `if (c) { for (var r = 0; ...) } for (r = 0; ...)` overwrites an
 * outer `r` whenever c is false. Lists such uses, per function: a use is safe only after a
 * declaration that runs whenever the use does (the declaration is in no branch, or in a
 * branch that also holds the use).
 */
function varsUsedBeforeDeclared(fn: Node, add: (n: Node, what: string) => void) {
  const declared = new Map<string, { start: number; region: Node | null }[]>();
  const params = new Set<string>();
  collectParamNames(fn.params, params);
  const refs: { node: Node; regions: Node[] }[] = [];
  const walk = (n: unknown, parent: Node | null, regions: Node[]) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const c of n) walk(c, parent, regions);
      return;
    }
    const node = n as Node;
    if (typeof node.type !== 'string') return;
    if (isFunction(node)) {
      // A nested function's own name belongs to this scope; its body is its own business.
      if (node.type === 'FunctionDeclaration' && node.id) params.add((node.id as Node).name as string);
      return;
    }
    if (node.type === 'VariableDeclaration' && node.kind === 'var') {
      for (const d of node.declarations as Node[]) {
        const id = d.id as Node;
        if (id.type !== 'Identifier') continue;
        const list = declared.get(id.name as string) ?? [];
        list.push({ start: id.start as number, region: regions.length ? regions[regions.length - 1] : null });
        declared.set(id.name as string, list);
      }
    }
    if (node.type === 'Identifier' && !isPropertyName(node, parent)) refs.push({ node, regions });
    for (const k of Object.keys(node)) {
      if (k === 'loc') continue;
      if (node.type === 'Property' && k === 'key' && !node.computed) continue;
      const child = node[k] as Node;
      walk(child, node, isBranch(node, k) && child && typeof child === 'object' ? [...regions, child] : regions);
    }
  };
  walk(fn.type === 'Program' ? fn.body : fn.body, fn, []);
  for (const r of refs) {
    const decls = declared.get(r.node.name as string);
    if (!decls || params.has(r.node.name as string)) continue;
    const ok = decls.some((d) => d.start <= (r.node.start as number) && (d.region === null || r.regions.includes(d.region)));
    if (ok) continue;
    const before = decls.every((d) => d.start > (r.node.start as number));
    add(r.node, before
      ? `"${r.node.name}" is used before its var declaration (Espruino does not hoist var: it would reach an outer "${r.node.name}")`
      : `"${r.node.name}" is used outside the branch that declares it with var (Espruino does not hoist var: when that branch has not run, it reaches an outer "${r.node.name}")`);
  }
}

/** Whether node[key] runs only sometimes when node runs: a branch, a loop body, a try block. */
function isBranch(node: Node, key: string): boolean {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return key === 'consequent' || key === 'alternate';
    case 'LogicalExpression':
      return key === 'right';
    case 'ForStatement':
      return key === 'body' || key === 'test' || key === 'update';
    case 'WhileStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
      return key === 'body';
    case 'TryStatement':
      return key === 'block' || key === 'handler' || key === 'finalizer';
    case 'SwitchCase':
      return key === 'consequent';
    default:
      return false;
  }
}

function collectParamNames(ps: unknown, out: Set<string>) {
  for (const p of (ps as Node[]) ?? []) if (p.type === 'Identifier') out.add(p.name as string);
}

export function syntaxGate(source: string): GateProblem[] {
  const problems: GateProblem[] = [];
  let ast: Node;
  try {
    ast = parse(source, { ecmaVersion: 2022, sourceType: 'script', locations: true, allowReturnOutsideFunction: false }) as unknown as Node;
  } catch (e) {
    const err = e as { message: string; loc?: { line: number; column: number } };
    return [{ line: err.loc?.line ?? 0, column: err.loc?.column ?? 0, what: 'does not parse: ' + err.message }];
  }
  const add = (n: Node, what: string) =>
    problems.push({ line: n.loc?.start.line ?? 0, column: n.loc?.start.column ?? 0, what });

  const visit = (n: Node, parent: Node | null) => {
    switch (n.type) {
      case 'AssignmentPattern':
        add(n, 'default parameter or default value (syntax error in Espruino)');
        break;
      case 'RestElement':
        add(n, 'rest parameter (syntax error in Espruino)');
        break;
      case 'SpreadElement':
        add(n, 'spread (syntax error in Espruino)');
        break;
      case 'ChainExpression':
        add(n, 'optional chaining ?. (syntax error in Espruino)');
        break;
      case 'ObjectPattern':
      case 'ArrayPattern':
        add(n, 'destructuring (syntax error or runtime failure in Espruino)');
        break;
      case 'TaggedTemplateExpression':
        add(n, 'tagged template (syntax error in Espruino)');
        break;
      case 'PrivateIdentifier':
        add(n, '#private member (syntax error in Espruino)');
        break;
      case 'LabeledStatement':
        add(n, 'label (fails at runtime in Espruino)');
        break;
      case 'AwaitExpression':
        add(n, 'await (fails at runtime in Espruino)');
        break;
      case 'YieldExpression':
        add(n, 'yield (generators are a syntax error in Espruino)');
        break;
      case 'BinaryExpression':
      case 'AssignmentExpression':
        if (n.operator === '**' || n.operator === '**=') add(n, 'exponent operator ** (syntax error in Espruino)');
        break;
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition':
        if (n.computed) add(n, 'computed key (syntax error in Espruino)');
        break;
      case 'Literal': {
        // Espruino's RegExp matches literals, classes, \d \s \w, ., ^, $, *, +, ? and |:
        // a {n,m} count or a (?...) group silently never matches.
        const re = n.regex as { pattern: string } | undefined;
        if (re && /(^|[^\\])\{\d/.test(re.pattern)) add(n, `RegExp count {n,m} in /${re.pattern}/ (never matches in Espruino)`);
        if (re && /\(\?/.test(re.pattern)) add(n, `RegExp group (?...) in /${re.pattern}/ (unsupported in Espruino)`);
        break;
      }
      case 'Identifier':
        if (MISSING_GLOBALS.has(n.name as string) && !isPropertyName(n, parent)) add(n, `${n.name} is missing in Espruino`);
        break;
      case 'MemberExpression': {
        const obj = n.object as Node;
        const prop = n.property as Node;
        if (obj.type === 'Identifier' && !n.computed && prop.type === 'Identifier') {
          const missing = MISSING_MEMBERS[obj.name as string];
          if (missing && missing.has(prop.name as string)) add(n, `${obj.name}.${prop.name} is missing in Espruino`);
        }
        break;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const init = (n.type === 'ForStatement' ? n.init : n.left) as Node | null;
        if (init && init.type === 'VariableDeclaration' && init.kind !== 'var' && closesOver(n.body, declaredNames(init), false)) {
          add(n, 'closure over a for(let/const) loop variable (wrong result in Espruino)');
        }
        break;
      }
    }
    if (isFunction(n) || n.type === 'Program') varsUsedBeforeDeclared(n, add);
    if (isFunction(n)) {
      if (n.generator) add(n, 'generator function (syntax error in Espruino)');
      if (n.async) add(n, 'async function (fails at runtime in Espruino)');
    }
    for (const k of Object.keys(n)) {
      if (k === 'loc') continue;
      const v = n[k];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof c === 'object' && typeof (c as Node).type === 'string') visit(c as Node, n);
      } else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') visit(v as Node, n);
    }
  };
  visit(ast, null);
  return problems;
}

function isPropertyName(n: Node, parent: Node | null): boolean {
  if (!parent) return false;
  if (parent.type === 'MemberExpression' && parent.property === n && !parent.computed) return true;
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition') && parent.key === n && !parent.computed) return true;
  return false;
}

/**
 * Declares at the top of each function the vars the gate would refuse there (used before,
 * or outside the branch of, their only declarations), as JavaScript's hoisting means them:
 * the minifier shares one loop counter between sibling loops and declares it in the first,
 * which may sit in a branch. A few bytes here instead of terser's hoist_vars (+1 KB).
 */
export function declareUnhoistedVars(source: string): string {
  const ast = parse(source, { ecmaVersion: 2022, sourceType: 'script' }) as unknown as Node;
  const inserts: { at: number; names: Set<string> }[] = [];
  const visit = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const node = n as Node;
    if (typeof node.type !== 'string') return;
    const body = node.body as Node | undefined;
    if (isFunction(node) && body && body.type === 'BlockStatement') {
      const names = new Set<string>();
      varsUsedBeforeDeclared(node, (r) => names.add(r.name as string));
      if (names.size) inserts.push({ at: body.start + 1, names });
    }
    for (const k of Object.keys(node)) if (k !== 'loc') visit(node[k]);
  };
  visit(ast);
  let out = source;
  for (const ins of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, ins.at) + 'var ' + [...ins.names].join(',') + ';' + out.slice(ins.at);
  return out;
}

export function formatGateProblems(file: string, problems: GateProblem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column + 1}: ${p.what}`).join('\n');
}
