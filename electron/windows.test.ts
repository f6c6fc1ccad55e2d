import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedSender } from './security.js';
import { CUSTOMER_URL, parseCustomerWindowSetting, planWindows, type DisplayInfo } from './windows.js';

const FULL_HD: DisplayInfo = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } };
const SIDE: DisplayInfo = { id: 2, workArea: { x: 1920, y: 0, width: 1024, height: 768 } };

describe('planWindows', () => {
  test('a second display gets the customer window full screen, the register stays on the primary', () => {
    const [register, customer] = planWindows([FULL_HD, SIDE], 1, { customer: true });
    assert.equal(register?.role, 'register');
    assert.deepEqual(register?.bounds, { x: 320, y: 125, width: 1280, height: 800 });
    assert.equal(customer?.role, 'customer');
    assert.equal(customer?.url, CUSTOMER_URL);
    assert.deepEqual(customer?.bounds, SIDE.workArea);
    assert.equal(customer?.fullscreen, true);
  });

  test('the primary display is chosen by id, whatever the order', () => {
    const [register, customer] = planWindows([FULL_HD, SIDE], 2, { customer: true });
    assert.equal(register?.bounds.x, 1920);
    assert.deepEqual(customer?.bounds, FULL_HD.workArea);
  });

  test('one wide display: side by side, not overlapping', () => {
    const wide: DisplayInfo = { id: 7, workArea: { x: 0, y: 30, width: 2560, height: 1400 } };
    const [register, customer] = planWindows([wide], 7, { customer: true });
    assert.ok(register && customer);
    assert.equal(customer.fullscreen, false);
    assert.equal(customer.bounds.x, register.bounds.x + register.bounds.width);
    assert.ok(customer.bounds.x + customer.bounds.width <= 2560);
    assert.ok(register.bounds.y >= 30);
  });

  test('one small display: both fit inside it, the customer window in the corner', () => {
    const small: DisplayInfo = { id: 1, workArea: { x: 0, y: 0, width: 1024, height: 768 } };
    const [register, customer] = planWindows([small], 1, { customer: true });
    assert.deepEqual(register?.bounds, { x: 0, y: 0, width: 1024, height: 768 });
    assert.deepEqual(customer?.bounds, { x: 224, y: 168, width: 800, height: 600 });
  });

  test('the customer window can be turned off; no display is an error', () => {
    assert.deepEqual(planWindows([FULL_HD, SIDE], 1, { customer: false }).map((w) => w.role), ['register']);
    assert.throws(() => planWindows([], 1, { customer: true }), /no display/);
  });

  test('the customer URL is the app itself, so its IPC calls are accepted', () => {
    assert.ok(CUSTOMER_URL.endsWith('#/customer'));
    assert.equal(isAllowedSender(CUSTOMER_URL), true);
  });
});

describe('parseCustomerWindowSetting', () => {
  test('on by default, off on request, anything else named', () => {
    assert.equal(parseCustomerWindowSetting(undefined), true);
    assert.equal(parseCustomerWindowSetting('on'), true);
    assert.equal(parseCustomerWindowSetting('0'), false);
    assert.equal(parseCustomerWindowSetting('off'), false);
    assert.throws(() => parseCustomerWindowSetting('yes'), /REGI_CUSTOMER_WINDOW.*"yes"/);
  });
});
