import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseArgs } from './args.js';
import { CliUsageError } from './command.js';

describe('command-line arguments', () => {
  const spec = { values: ['port'], booleans: ['keyboard'] };

  test('long options with a value, = or not; booleans; arguments', () => {
    const args = parseArgs(['--port', '5401', 'A', '--keyboard', '--port=5402', 'B'], spec);
    assert.deepEqual([args.flags.get('port'), args.flags.get('keyboard'), args.positionals], ['5402', true, ['A', 'B']]);
  });

  test('a short option is refused, not taken for an argument (regi scan -p 5401 X would have scanned "-p")', () => {
    assert.throws(() => parseArgs(['-p', '5401', 'X'], spec), (e: unknown) => e instanceof CliUsageError && /unknown option -p: options are long/.test(e.message));
    assert.throws(() => parseArgs(['-x'], spec), /unknown option -x/);
  });

  test('a lone "-", a negative number and anything after "--" stay arguments', () => {
    assert.deepEqual(parseArgs(['-', '-5', '--', '-x', '--port'], spec).positionals, ['-', '-5', '-x', '--port']);
  });

  test('an unknown long option or a missing value is named', () => {
    assert.throws(() => parseArgs(['--prot', '1'], spec), /unknown option --prot/);
    assert.throws(() => parseArgs(['--port'], spec), /--port needs a value/);
  });
});
