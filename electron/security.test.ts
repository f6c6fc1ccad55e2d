// The Electron security checklist, item by item, asserted on the pure settings main.ts applies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REGISTER_METHODS } from '../core/api.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  BLOCKED_REQUEST_PATTERNS,
  CONTENT_SECURITY_POLICY,
  isAllowedSender,
  isNavigationAllowed,
  isPermissionGranted,
  isRequestAllowed,
  resolveAppFile,
  secureWebPreferences,
  validateCall,
  WINDOW_OPEN_RESPONSE,
} from './security.js';

function cspDirectives(): Map<string, string[]> {
  return new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('webPreferences', () => {
  const prefs = secureWebPreferences('/opt/regi/dist-electron/preload.cjs');

  test('context isolation, sandbox and no Node in any renderer, frame or worker', () => {
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
  });

  test('web security on, no insecure content, no webview, no experimental or blink features', () => {
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.enableBlinkFeatures, undefined);
    assert.equal(prefs.navigateOnDragDrop, false);
  });

  test('the preload is given by absolute path; a relative one is refused', () => {
    assert.equal(prefs.preload, '/opt/regi/dist-electron/preload.cjs');
    assert.throws(() => secureWebPreferences('preload.cjs'), /absolute/);
  });
});

describe('content security policy', () => {
  const csp = cspDirectives();

  test("default-src is 'self' and scripts come only from the app", () => {
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    assert.deepEqual(csp.get('script-src'), ["'self'"]);
  });

  test('no inline script, eval, wildcard or remote source anywhere', () => {
    for (const [name, sources] of csp) {
      for (const source of sources) {
        assert.ok(!["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", '*'].includes(source), `${name} allows ${source}`);
        assert.ok(!/^(https?|wss?|file):/.test(source), `${name} allows remote source ${source}`);
      }
    }
  });

  test('no plugins, no base tag, no forms, no framing', () => {
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    assert.deepEqual(csp.get('form-action'), ["'none'"]);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
  });
});

describe('windows, navigation, permissions, requests', () => {
  test('window.open is denied', () => {
    assert.deepEqual(WINDOW_OPEN_RESPONSE, { action: 'deny' });
  });

  test('navigation is refused, even to the app itself or a file', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', APP_ENTRY_URL, 'regi://app/other.html', 'javascript:alert(1)']) {
      assert.equal(isNavigationAllowed(url), false, url);
    }
  });

  test('every permission request is refused', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'openExternal', 'clipboard-read', 'fullscreen']) {
      assert.equal(isPermissionGranted(permission), false, permission);
    }
  });

  test('no remote content: http, https, ws, wss and file requests are cancelled, the app scheme is served', () => {
    for (const url of ['http://127.0.0.1:5178/', 'https://cdn.example.com/x.js', 'ws://127.0.0.1:1/ws', 'wss://example.com/', 'file:///etc/passwd']) {
      assert.equal(isRequestAllowed(url), false, url);
    }
    assert.equal(isRequestAllowed(APP_ENTRY_URL), true);
    assert.equal(isRequestAllowed('regi://app/assets/main.js'), true);
    assert.equal(isRequestAllowed('regi://elsewhere/main.js'), false);
    for (const scheme of ['http', 'https', 'ws', 'wss', 'file']) {
      assert.ok(BLOCKED_REQUEST_PATTERNS.includes(`${scheme}://*/*`), `${scheme} is filtered`);
    }
  });

  test('the app scheme is standard and secure (an origin for CSP self, a secure context)', () => {
    assert.equal(APP_SCHEME_PRIVILEGES.standard, true);
    assert.equal(APP_SCHEME_PRIVILEGES.secure, true);
    assert.equal('bypassCSP' in APP_SCHEME_PRIVILEGES, false);
  });
});

describe('IPC sender validation', () => {
  test('frames showing the app are accepted', () => {
    assert.equal(isAllowedSender(APP_ENTRY_URL), true);
    assert.equal(isAllowedSender('regi://app/index.html#customer'), true);
  });

  test('anything else is refused', () => {
    for (const url of [
      'https://evil.example/', 'http://127.0.0.1:5178/', 'file:///opt/regi/dist/renderer/index.html', 'regi://evil/index.html',
      'regi://app:8080/index.html', 'regi://user:pw@app/index.html', 'devtools://devtools/bundled/x.html', 'about:blank',
      'data:text/html,<script>1</script>', '', 'not a url',
    ]) {
      assert.equal(isAllowedSender(url), false, url);
    }
    assert.equal(isAllowedSender(null), false);
    assert.equal(isAllowedSender(undefined), false);
  });
});

describe('IPC argument validation', () => {
  test('a known method with a plain object passes through unchanged', () => {
    const params = { data: '4901234567894', source: 'keyboard' };
    assert.deepEqual(validateCall('scan', params), { ok: true, method: 'scan', params });
    assert.deepEqual(validateCall('getState', undefined), { ok: true, method: 'getState', params: undefined });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { lineId: 'L1' });
    assert.equal(validateCall('voidLine', bare).ok, true);
  });

  test('every RegisterApi method is accepted by name', () => {
    for (const method of REGISTER_METHODS) {
      const params = method === 'getState' || method === 'newSale' ? undefined : {};
      assert.equal(validateCall(method, params).ok, true, method);
    }
  });

  test('unknown or inherited method names are refused, naming the method', () => {
    for (const method of ['deleteEverything', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, ['scan']]) {
      const result = validateCall(method, {});
      assert.equal(result.ok, false, String(method));
      if (!result.ok) {
        assert.equal(result.error.code, 'invalid-request');
        assert.match(result.error.message, /unknown method/);
      }
    }
  });

  test('parameters that are not one plain JSON object are refused with the reason', () => {
    const cases: [string, unknown, RegExp][] = [
      ['getState', { sneaky: true }, /takes no parameters/],
      ['scan', undefined, /plain object.*nothing/],
      ['scan', '4901234567894', /plain object.*"4901234567894"/],
      ['scan', ['4901234567894'], /plain object.*array/],
      ['scan', null, /plain object.*null/],
      ['scan', new Date(0), /plain object.*Date/],
      ['scan', { data: 'x', nested: new Map() }, /params\.nested is a Map/],
      ['payCash', { tendered: Number.NaN }, /params\.tendered is NaN/],
      ['payCash', { tendered: Number.POSITIVE_INFINITY }, /not a finite number/],
      ['scan', { data: () => 'x' }, /params\.data is a function/],
      ['scan', { data: 1n }, /params\.data is a bigint/],
      ['scan', { data: 'x'.repeat(20_000) }, /at most 16384 allowed/],
    ];
    for (const [method, params, reason] of cases) {
      const result = validateCall(method, params);
      assert.equal(result.ok, false, `${method} ${String(params)}`);
      if (!result.ok) assert.match(result.error.message, reason);
    }
  });

  test('deeply nested parameters are refused', () => {
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 20; i++) {
      const next = {};
      deep.x = next;
      deep = next;
    }
    const result = validateCall('scan', top);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /nested deeper/);
  });
});

describe('app scheme file mapping', () => {
  const dir = '/opt/regi/dist/renderer';

  test('maps app URLs to files under the renderer directory', () => {
    assert.equal(resolveAppFile(dir, 'regi://app/'), join(dir, 'index.html'));
    assert.equal(resolveAppFile(dir, 'regi://app/index.html'), join(dir, 'index.html'));
    assert.equal(resolveAppFile(dir, 'regi://app/assets/main.js?v=1'), join(dir, 'assets/main.js'));
  });

  test('refuses other hosts, schemes and every way out of the directory', () => {
    for (const url of [
      'regi://other/index.html', 'https://app/index.html', 'regi://app/a%2f..%2f..%2fetc%2fpasswd', 'regi://app/..%5c..%5cetc',
      'regi://app/x%00.html', 'regi://app/%E0%A4%A', 'regi://app/%2e%2e%2f%2e%2e%2fetc/passwd',
    ]) {
      assert.equal(resolveAppFile(dir, url), null, url);
    }
    // The URL parser itself folds plain ../ segments: the result still stays inside.
    assert.equal(resolveAppFile(dir, 'regi://app/../../etc/passwd'), join(dir, 'etc/passwd'));
  });
});
