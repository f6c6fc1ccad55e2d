// Lint enforces the layering in ../shared/DESIGN.md (the VS Code habit): core imports nothing from the
// outer layers, Electron only in electron/, React only in renderer/, native modules only in hardware/ and db/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NATIVE = ['better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'usb'];
const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`];

/** What each folder may not import, with the reason shown by lint. */
const RULES = [
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    banned: [
      ...['host', 'hardware', 'db', 'gateway', 'electron', 'renderer', 'cli'].flatMap(layer),
      'node:*', 'fs', 'path', 'crypto', 'electron', 'react', 'react-dom', ...NATIVE,
    ],
    message: 'core/ is pure: no node:, Electron, React, native modules or outer layers (add a port instead).',
  },
  {
    // Tests of core may use node:test and node:assert, and nothing else from outside.
    files: ['core/**/*.test.ts'],
    banned: [...['host', 'hardware', 'db', 'gateway', 'electron', 'renderer', 'cli'].flatMap(layer), 'electron', 'react', ...NATIVE],
    message: 'core/ tests exercise core alone (node:test and node:assert are fine).',
  },
  {
    files: ['renderer/**/*.test.ts'],
    banned: [...['host', 'hardware', 'db', 'gateway', 'electron', 'cli'].flatMap(layer), 'electron', ...NATIVE],
    message: 'renderer/ tests exercise the renderer alone (node:test, node:assert and ws for a test server are fine).',
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    // the keyboard wedge is read in the renderer: its pure detector (and the AIM table it uses) may come in
    banned: [...['host', 'hardware', 'db', 'gateway', 'electron', 'cli'].flatMap(layer), '!../../hardware/wedge', '!**/hardware/wedge/*', '!../../hardware/framing', '../../hardware/framing/*', '!**/hardware/framing/aim.js', 'node:*', 'electron', ...NATIVE],
    message: 'renderer/ talks only to RegisterApi (core/api.ts): no Node, Electron, native or host imports.',
  },
  {
    files: ['electron/**/*.ts'],
    banned: [...['renderer', 'hardware', 'db', 'gateway', 'cli'].flatMap(layer), 'react', 'react-dom', ...NATIVE],
    message: 'electron/ is a relay: it forwards RegisterApi calls to the host and imports no React or native modules.',
  },
  {
    files: ['host/**/*.ts', 'tester/**/*.ts', 'gateway/**/*.ts', 'cli/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    banned: [...layer('renderer'), ...layer('electron'), 'electron', 'react', 'react-dom'],
    message: 'Electron only in electron/, React only in renderer/.',
  },
  {
    files: ['hardware/**/*.ts', 'db/**/*.ts'],
    banned: [...['renderer', 'electron', 'host', 'cli'].flatMap(layer), 'electron', 'react', 'react-dom'],
    message: 'hardware/ and db/ implement core ports; they import core only.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', '.regi-data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly',
        window: 'readonly', document: 'readonly', WebSocket: 'readonly', TextEncoder: 'readonly',
        TextDecoder: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly',
        fetch: 'readonly', AbortController: 'readonly', navigator: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...RULES.map(({ files, ignores, banned, message }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: banned, message }] }] },
  })),
);
