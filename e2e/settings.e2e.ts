/**
 * The store details a manager keeps in #/settings (printed on every receipt): a value the register would refuse is
 * refused on the page, in the page's language, and nothing is saved; a good one is saved.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { StoreSettings } from '../core/domain/receipt/store-settings.js';
import { useBrowserRig } from './support/browser-rig.js';
import type { HostProcess } from './support/host-process.js';

const rig = useBrowserRig('regi-e2e-settings-');

describe('store settings in the browser', () => {
  let host: HostProcess;
  before(async () => {
    host = await rig.startHost(['--sim-scanners', '0']);
  });

  test('an empty name, an overlong address or a bad phone number is refused in Japanese; a good save is kept', async () => {
    const page = await rig.open(host, '#/settings');
    await page.getByTestId('settings-form').waitFor();
    const status = page.getByTestId('settings-status');
    const save = async (field: keyof StoreSettings, value: string) => {
      await page.getByTestId(`settings-${field}`).fill(value);
      await page.getByTestId('settings-save').click();
    };
    const before = await host.api<StoreSettings>('GET', '/api/settings/store');

    await save('storeName', '  ');
    await status.getByText('「店名」を入力してください').waitFor();
    await save('storeName', 'レジ商店 八重洲店');
    await save('address', '東'.repeat(121));
    await status.getByText('「住所」は 120 文字までです').waitFor();
    await save('address', '東京都千代田区丸の内1-9-1');
    await save('storeName', 'レジ商店\t八重洲店'); // a tab, e.g. pasted from a spreadsheet
    await status.getByText('「店名」にタブや改行は使えません').waitFor();
    await save('storeName', 'レジ商店 八重洲店');
    await save('phone', 'call me');
    await status.getByText('電話番号は数字、空白、+ - ( ) で 3〜20 文字です').waitFor();
    assert.equal(await page.getByText(/must|setStoreSettings/).count(), 0, 'no English on the Japanese page');
    assert.equal((await host.api<StoreSettings>('GET', '/api/settings/store')).phone, before.phone, 'the refused phone number was not saved');

    await save('phone', '03-1234-5678');
    await status.getByText('保存しました').waitFor();
    await page.reload();
    assert.equal(await page.getByTestId('settings-storeName').inputValue(), 'レジ商店 八重洲店');
    assert.equal(await page.getByTestId('settings-address').inputValue(), '東京都千代田区丸の内1-9-1');
    await page.close();
  });

  test('on a slow network the register answer to a save does not undo what was typed after it', async () => {
    const replyDelayMs = 600;
    const page = await rig.open(host, '#/settings', { hostReplyDelayMs: replyDelayMs });
    const address = page.getByTestId('settings-address');
    await address.fill('東京都千代田区丸の内1-9-1');
    await page.getByTestId('settings-save').click();
    // Keys typed at once, before the register answers the first save: none is lost, and its answer does not undo them.
    await address.press('End');
    await address.pressSequentially(' 2F');
    await page.waitForTimeout(2 * replyDelayMs); // the answer to the first save has surely arrived
    assert.equal(await address.inputValue(), '東京都千代田区丸の内1-9-1 2F');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-status').getByText('保存しました').waitFor();
    assert.equal((await host.api<StoreSettings>('GET', '/api/settings/store')).address, '東京都千代田区丸の内1-9-1 2F');
    await page.close();
  });
});
