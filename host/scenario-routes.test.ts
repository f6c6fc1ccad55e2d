import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { StepResult } from '../tester/scenario/runner.js';
import type { ScenarioRunView, ScenarioSummary } from './scenario-routes.js';
import { stepView } from './scenario-routes.js';
import { startHost, type RunningHost } from './start-host.js';

const dir = mkdtempSync(join(tmpdir(), 'regi-scenario-routes-'));
let sim: RunningHost;
let prod: RunningHost;

before(async () => {
  sim = await startHost({ dataDir: join(dir, 'sim'), port: 0, mode: 'simulator', simulatedScanners: 0 });
  prod = await startHost({ dataDir: join(dir, 'prod'), port: 0, mode: 'production' });
});

after(async () => {
  await sim.close();
  await prod.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(host: RunningHost, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${host.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

type ErrorBody = { error: { message: string } };

describe('scenario routes', () => {
  test('lists the shipped scenarios with title and step count', async () => {
    const { status, body } = await call<ScenarioSummary[]>(sim, 'GET', '/api/sim/scenarios');
    assert.equal(status, 200);
    assert.ok(body.length >= 10);
    const bad = body.find((s) => s.name === '02-bad-check-digit');
    assert.deepEqual(bad, { name: '02-bad-check-digit', title: 'A barcode with a bad check digit is rejected, never added', steps: 4 });
    assert.match(body.find((s) => s.name === '01-cash-sale-tax-breakdown')?.description ?? '', /rounded down once per rate/);
  });

  test('refuses unknown names, malformed bodies and a second run while one is running; the run completes step by step', async () => {
    const unknown = await call<ErrorBody>(sim, 'POST', '/api/sim/scenarios/run', { name: 'no-such-scenario' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error.message, /no scenario named "no-such-scenario"/);
    const malformed = await call<ErrorBody>(sim, 'POST', '/api/sim/scenarios/run', { file: '02-bad-check-digit' });
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.error.message, /name|file/);

    const started = await call<{ id: string; totalSteps: number }>(sim, 'POST', '/api/sim/scenarios/run', { name: '02-bad-check-digit' });
    assert.equal(started.status, 202);
    assert.equal(started.body.totalSteps, 4);
    const second = await call<ErrorBody>(sim, 'POST', '/api/sim/scenarios/run', { name: '01-cash-sale-tax-breakdown' });
    assert.equal(second.status, 409);
    assert.match(second.body.error.message, /"02-bad-check-digit" is still running/);

    let run: ScenarioRunView;
    for (;;) {
      const polled = await call<ScenarioRunView>(sim, 'GET', `/api/sim/scenarios/runs/${started.body.id}`);
      assert.equal(polled.status, 200);
      run = polled.body;
      if (run.state !== 'running') break;
      await delay(200);
    }
    assert.equal(run.state, 'passed', JSON.stringify(run));
    assert.deepEqual(run.steps.map((s) => [s.index, s.ok]), [[0, true], [1, true], [2, true], [3, true]]);
    assert.equal(run.steps[0]!.title, 'last digit should be 5');
    // The run went against its own host: this register's basket is untouched.
    const state = await call<{ lines: unknown[] }>(sim, 'GET', '/api/register');
    assert.equal(state.body.lines.length, 0);
    const missing = await call<ErrorBody>(sim, 'GET', '/api/sim/scenarios/runs/nope');
    assert.equal(missing.status, 404);
  });

  test('a production register refuses every scenario route with 403', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/sim/scenarios', undefined],
      ['POST', '/api/sim/scenarios/run', { name: '02-bad-check-digit' }],
      ['GET', '/api/sim/scenarios/runs/x', undefined],
    ] as const) {
      const res = await call<ErrorBody>(prod, method, path, body);
      assert.equal(res.status, 403, path);
      assert.match(res.body.error.message, /production mode/);
    }
  });
});

describe('stepView', () => {
  const step = (detail: string, ok = false): StepResult => ({ index: 2, label: 'check', ok, detail });
  test('splits mismatches into expected and seen', () => {
    assert.deepEqual(stepView(step('total: expected 160, saw 320; lines: expected 1, saw 2')), {
      index: 2, title: 'check', ok: false, expected: 'total: 160; lines: 1', seen: 'total: 320; lines: 2',
    });
  });
  test('anything else is an error; a passing step keeps its detail', () => {
    assert.deepEqual(stepView(step('register refused: scan.badRead')), { index: 2, title: 'check', ok: false, error: 'register refused: scan.badRead' });
    assert.deepEqual(stepView(step('added', true)), { index: 2, title: 'check', ok: true, detail: 'added' });
  });
});
