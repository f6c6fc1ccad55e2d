/**
 * The crash harness in its CI size (part of `npm test`): at least 200 SIGKILLs of a real register host spread over
 * scanning, tender, upload and random instants, then the checks of e2e/crash/kill-harness.ts. REGI_CRASH_KILLS
 * raises the count; `npm run soak:crash` runs 1000.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCrashHarness } from './kill-harness.js';

const KILLS = Math.max(200, Number(process.env.REGI_CRASH_KILLS ?? 200));

test(`${KILLS} SIGKILLs: every sale shown complete is in the back office exactly once, none half-written, outbox drained`, { timeout: 30 * 60_000 }, async () => {
  const report = await runCrashHarness({ kills: KILLS, log: (line) => console.log(`# ${line}`) });
  console.log(`# crash harness: ${JSON.stringify({ ...report, problems: report.problems.length })}`);
  assert.deepEqual(report.problems, [], `replay with: node --import tsx e2e/crash/kill-harness.ts --kills ${KILLS} --seed ${report.seed}`);
  assert.equal(report.kills, KILLS);
  for (const [point, n] of Object.entries(report.killsAt)) assert.ok(n >= KILLS / 10, `only ${n} kills at ${point}`);
  assert.ok(report.acknowledged >= KILLS / 2, `only ${report.acknowledged} sales completed`);
  // A sale the register has but never acknowledged can only come from a pay-cash call the kill cut off.
  assert.ok(report.registerSales >= report.acknowledged);
  assert.ok(report.registerSales - report.acknowledged <= report.unknownOutcomes, JSON.stringify(report));
  assert.equal(report.ingestStored, report.registerSales);
});
