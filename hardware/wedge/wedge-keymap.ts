/**
 * KeyboardEvent.code -> character, US layout. A wedge scanner sends USB key usages; the browser names
 * their physical position in `code` whatever the OS layout or input method, while `key` follows them
 * (a Japanese IME turns '4' into 'Process' or a full-width '４'). Mapping `code` recovers what the scanner
 * meant to type.
 */

const SHIFTED_DIGITS = ')!@#$%^&*(';

const PUNCTUATION: Readonly<Record<string, readonly [string, string]>> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

/** Keys that only modify others: they neither type nor break a burst. */
export const MODIFIER_CODES: ReadonlySet<string> = new Set([
  'ShiftLeft', 'ShiftRight', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight', 'CapsLock',
]);

export function codeToChar(code: string, shift: boolean): string | undefined {
  let match = /^Digit([0-9])$/.exec(code);
  if (match) return shift ? SHIFTED_DIGITS[Number(match[1])] : match[1];
  match = /^Numpad([0-9])$/.exec(code);
  if (match) return match[1];
  match = /^Key([A-Z])$/.exec(code);
  if (match) return shift ? match[1] : match[1]!.toLowerCase();
  const pair = PUNCTUATION[code];
  return pair === undefined ? undefined : shift ? pair[1] : pair[0];
}
