/**
 * Purchase limits end to end: a manager logs in at #/manager and lowers the tobacco cap to 3 packs;
 * a cashier scans 4 packs through the simulated serial scanner and the 4th is refused with the rule
 * named on screen; the customer confirms their age on #/customer; cash pays. The audit chain verifies.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RegisterState } from '../core/api.js';
import type { RegisterMessage } from '../core/domain/messages.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { ROOT } from './support/host-process.js';
import { useBrowserRig } from './support/browser-rig.js';

const rig = useBrowserRig('regi-e2e-limits-', { width: 1200, height: 800 });
const RULE_NAME = 'Tobacco: at most 3 packs per sale';

describe('purchase limits in the browser', () => {
  test('a manager lowers the tobacco cap; the 4th pack is refused naming the rule; age confirmed; cash pays', async () => {
    const started = await rig.startHost();

    const manager = await rig.open(started, '#/manager');
    await manager.getByTestId('manager-id').fill('M001');
    await manager.getByTestId('manager-pin').fill('1234');
    await manager.getByTestId('manager-login').click();
    await manager.getByTestId('manager-console').waitFor();
    await manager.getByTestId('rule-max-tobacco-packs-per-sale').fill('3');
    await manager.getByTestId('rule-name-tobacco-packs-per-sale').fill(RULE_NAME);
    await manager.getByTestId('version-comment').fill('cap lowered to 3 packs');
    await manager.getByTestId('save-version').click();
    await manager.getByTestId('manager-notice').getByText(/バージョン 2 を保存/).waitFor();
    await manager.getByTestId('versions').getByText('cap lowered to 3 packs').waitFor();

    const cashier = await rig.open(started, '#/');
    await cashier.getByTestId('connection-status').and(cashier.locator('[data-status="connected"]')).waitFor();
    await cashier.locator('[data-testid="scanner-row"][data-state="connected"]').first().waitFor();
    const answers: (RegisterMessage | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const answer: { message: RegisterMessage | null } = await started.api('POST', '/api/sim/scanners/sim-serial-1/scan', { data: DEMO_CODES.tobaccoPack });
      answers.push(answer.message);
    }
    assert.deepEqual(answers.map((m) => m?.code), ['scan.added', 'scan.added', 'scan.added', 'limit.overrideRequired']);
    assert.deepEqual([answers[3]?.params.rule, answers[3]?.params.remaining, answers[3]?.params.version], [RULE_NAME, 0, 2]);
    const banner = cashier.getByTestId('message-banner').and(cashier.locator('[data-code="limit.overrideRequired"]'));
    await banner.getByText(RULE_NAME).waitFor();
    await cashier.getByTestId('override-prompt').getByText(RULE_NAME).waitFor();
    const state = await started.api<RegisterState>('GET', '/api/register');
    assert.equal(state.lines[0]?.quantity, 3);
    assert.equal(state.ageCheck, 'required');
    // Everything the prompt says is in the cashier's language: the reasons, a malformed PIN, a wrong one.
    const prompt = cashier.getByTestId('override-prompt');
    assert.deepEqual(await prompt.locator('option').allInnerTexts(), ['常連のお客様', '業務用の購入', '身分証を確認済み', '訂正', 'その他']);
    await prompt.getByLabel('店長ID').fill('M001');
    await prompt.getByLabel('暗証番号').fill('1');
    await prompt.getByRole('button', { name: '承認' }).click();
    await prompt.getByRole('alert').getByText('暗証番号は 4〜8 桁の数字です').waitFor();
    await prompt.getByLabel('暗証番号').fill('9999');
    await prompt.getByRole('button', { name: '承認' }).click();
    await prompt.getByRole('alert').getByText('店長IDまたは暗証番号が違います').waitFor();
    await cashier.getByTestId('override-prompt').getByRole('button', { name: /取消|Cancel/ }).click();
    await cashier.getByTestId('override-prompt').waitFor({ state: 'detached' });

    const customer = await rig.open(started, '#/customer');
    await customer.getByTestId('age-check').waitFor();
    await customer.getByTestId('age-yes').click();
    await customer.getByTestId('age-confirmed').waitFor();

    await cashier.keyboard.press('F4');
    await cashier.getByTestId('tendered-input').fill('5000');
    await cashier.getByTestId('tendered-input').press('Enter');
    await cashier.getByTestId('sale-complete').waitFor();

    const verify = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/regi.mjs'), 'audit', 'verify', '--data', rig.dataDir]);
    assert.match(verify.stdout, /intact: \d+ entries/);
    await Promise.all([manager.close(), cashier.close(), customer.close()]);
  });
});
