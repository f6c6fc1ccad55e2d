/**
 * Reads and validates a scenario file before anything runs: YAML syntax, the schema (tester/scenario/schema.ts),
 * and the cross-references (a step's device or wallet must be declared). Every problem is reported with the YAML
 * line and column, the path (steps[3].scan.device) and what is wrong; a file with any problem is not run.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ACTION_KEYS, scenarioHeadSchema, stepSchemaFor, type Scenario, type StepAction, type StepInput } from './schema.js';

export interface ScenarioProblem {
  line: number | null;
  column: number | null;
  path: string;
  reason: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ScenarioProblem[],
  ) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'));
    this.name = 'ScenarioFileError';
  }
}

export function formatProblem(file: string, p: ScenarioProblem): string {
  const where = p.line === null ? file : `${file}:${p.line}:${p.column ?? 1}`;
  return `${where}: ${p.path === '' ? '' : `${p.path}: `}${p.reason}`;
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioFileError(file, [{ line: null, column: null, path: '', reason: `cannot read the file (${error instanceof Error ? error.message : String(error)})` }]);
  }
  const result = parseScenario(text);
  if (!result.ok) throw new ScenarioFileError(file, result.problems);
  return result.scenario;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

export function parseScenario(text: string): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { line: pos.line, column: pos.col, path: '', reason: `YAML: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const at = (path: readonly PropertyKey[], reason: string): ScenarioProblem => {
    const pos = positionOf(doc, lineCounter, path);
    return { ...pos, path: pathText(path), reason };
  };
  // An unknown key is reported once per key, at the key itself (not at the mapping that holds it).
  const fromZod = (error: z.ZodError, prefix: readonly PropertyKey[]): ScenarioProblem[] =>
    error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => {
            const path = [...prefix, ...issue.path, key];
            return { ...keyPositionOf(doc, lineCounter, path), path: pathText(path), reason: `unknown key "${key}"` };
          })
        : [at([...prefix, ...issue.path], issue.message)],
    );

  const value: unknown = doc.toJS();
  const head = scenarioHeadSchema.safeParse(value);
  // Problems in the head (a bad scanner kind, a catalog item) do not hide those of the steps: every step is
  // checked whenever `steps` is a list, so one run of `scenario check` lists everything to fix.
  const problems: ScenarioProblem[] = head.success ? [] : fromZod(head.error, []);
  const rawSteps = head.success ? head.data.steps : stepsOf(value);
  const steps: StepInput[] = [];
  rawSteps.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(at(['steps', index], `must be an object with one action key (${ACTION_KEYS.join(', ')})`));
      return;
    }
    const actions = Object.keys(raw).filter((k): k is StepAction => (ACTION_KEYS as string[]).includes(k));
    if (actions.length !== 1) {
      const unknown = Object.keys(raw).filter((k) => !(ACTION_KEYS as string[]).includes(k) && k !== 'name' && k !== 'expectError');
      problems.push(
        at(
          ['steps', index],
          actions.length === 0
            ? `no action: ${unknown.length > 0 ? `unknown key "${unknown[0]}"; ` : ''}use one of ${ACTION_KEYS.join(', ')}`
            : `one action per step, found ${actions.join(' and ')}`,
        ),
      );
      return;
    }
    const parsed = stepSchemaFor(actions[0]!).safeParse(raw);
    if (!parsed.success) problems.push(...fromZod(parsed.error, ['steps', index]));
    else steps.push(parsed.data as StepInput);
  });
  if (!head.success || problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const scenario: Scenario = { ...head.data, steps };
  problems.push(...crossReferences(scenario, at));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario };
}

/** The steps of a file whose head failed the schema, if they are a list at all (else the head reported it). */
function stepsOf(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const steps = (value as Record<string, unknown>).steps;
  return Array.isArray(steps) ? steps : [];
}

/** In file order; problems without a position (none today past the YAML stage) go first. */
function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

function crossReferences(s: Scenario, at: (path: readonly PropertyKey[], reason: string) => ScenarioProblem): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const devices = new Map<string, string>();
  (s.scanners ?? []).forEach((d, i) => {
    if (devices.has(d.id)) out.push(at(['scanners', i, 'id'], `scanner "${d.id}" is declared twice`));
    devices.set(d.id, d.kind);
  });
  const wallets = new Set<string>();
  (s.wallets ?? []).forEach((w, i) => {
    if (wallets.has(w.name)) out.push(at(['wallets', i, 'name'], `wallet "${w.name}" is declared twice`));
    wallets.add(w.name);
  });
  const device = (path: PropertyKey[], name: string | undefined): void => {
    if (name !== undefined && !devices.has(name)) {
      out.push(at(path, `no scanner "${name}": declare it under scanners (${devices.size > 0 ? [...devices.keys()].join(', ') : 'none declared'})`));
    }
  };
  const wallet = (path: PropertyKey[], name: string | undefined): void => {
    if (name !== undefined && !wallets.has(name)) out.push(at(path, `no wallet "${name}": declare it under wallets`));
  };
  s.steps.forEach((step, i) => {
    const p = (...rest: PropertyKey[]): PropertyKey[] => ['steps', i, ...rest];
    if ('scan' in step && typeof step.scan === 'object') {
      device(p('scan', 'device'), step.scan.device);
      const kind = step.scan.device === undefined ? undefined : devices.get(step.scan.device);
      if (step.scan.hex !== undefined && kind !== undefined && kind !== 'serial') out.push(at(p('scan', 'hex'), `raw bytes go through a serial scanner; "${step.scan.device}" is ${kind} (use reports)`));
      if (step.scan.reports !== undefined && kind === 'serial') out.push(at(p('scan', 'reports'), `HID reports go through a HID scanner; "${step.scan.device}" is serial (use hex)`));
    }
    if ('pay' in step) {
      wallet(p('pay', 'wallet'), step.pay.wallet);
      device(p('pay', 'device'), step.pay.device);
    }
    if ('scannerFault' in step) device(p('scannerFault', 'device'), step.scannerFault.device);
    if ('unplug' in step) device(p('unplug'), step.unplug);
    if ('replug' in step) device(p('replug'), step.replug);
    if ('topUp' in step) wallet(p('topUp', 'wallet'), step.topUp.wallet);
    if ('freezeWallet' in step) wallet(p('freezeWallet'), step.freezeWallet);
    if ('expect' in step) {
      for (const name of Object.keys(step.expect.wallets ?? {})) wallet(p('expect', 'wallets', name), name);
      for (const name of Object.keys(step.expect.walletCharges ?? {})) wallet(p('expect', 'walletCharges', name), name);
      for (const name of Object.keys(step.expect.scanners ?? {})) device(p('expect', 'scanners', name), name);
    }
  });
  return out;
}

/** The line and column of the key that ends the path, in the mapping the rest of the path leads to. */
function keyPositionOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): { line: number | null; column: number | null } {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath as unknown[], true);
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path.at(-1)));
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (range) {
      const pos = lines.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return positionOf(doc, lines, path);
}

/** The line and column of the deepest YAML node on the path (a missing key points at its parent). */
function positionOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): { line: number | null; column: number | null } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range && (depth === 0 || isMap(node) || isSeq(node) || node !== undefined)) {
      const pos = lines.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: null, column: null };
}
