/**
 * USB HID keyboard usages (page 0x07) to characters for a US layout: the layout scanners assume when
 * they "type". Control characters that GS1 codes carry (GS 0x1D before a variable-length AI) come as
 * Ctrl+key, as scanners send them with "control character output" on.
 */

export const KEY_ENTER = 0x28;
export const KEY_ESCAPE = 0x29;
export const KEY_BACKSPACE = 0x2a;
export const KEY_TAB = 0x2b;
export const KEY_KEYPAD_ENTER = 0x58;
/** All six slots hold this when too many keys are down at once ("phantom state"). */
export const KEY_ERROR_ROLLOVER = 0x01;

export const MOD_LEFT_CTRL = 0x01;
export const MOD_LEFT_SHIFT = 0x02;
export const MOD_LEFT_ALT = 0x04;
export const MOD_LEFT_GUI = 0x08;
export const MOD_RIGHT_CTRL = 0x10;
export const MOD_RIGHT_SHIFT = 0x20;
export const MOD_RIGHT_ALT = 0x40;
export const MOD_RIGHT_GUI = 0x80;
export const MOD_SHIFT = MOD_LEFT_SHIFT | MOD_RIGHT_SHIFT;
export const MOD_CTRL = MOD_LEFT_CTRL | MOD_RIGHT_CTRL;
export const MOD_ALT_GUI = MOD_LEFT_ALT | MOD_RIGHT_ALT | MOD_LEFT_GUI | MOD_RIGHT_GUI;

/** keycode -> [unshifted, shifted] */
const PRINTABLE = new Map<number, readonly [string, string]>();
for (let i = 0; i < 26; i++) {
  const letter = String.fromCharCode(0x61 + i);
  PRINTABLE.set(0x04 + i, [letter, letter.toUpperCase()]);
}
'1!2@3#4$5%6^7&8*9(0)'.match(/../g)!.forEach((pair, i) => PRINTABLE.set(0x1e + i, [pair[0]!, pair[1]!]));
const PUNCTUATION: [number, string, string][] = [
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
  [0x54, '/', '/'],
  [0x55, '*', '*'],
  [0x56, '-', '-'],
  [0x57, '+', '+'],
  [0x63, '.', '.'],
];
for (const [code, plain, shifted] of PUNCTUATION) PRINTABLE.set(code, [plain, shifted]);
for (let i = 0; i < 9; i++) PRINTABLE.set(0x59 + i, [String(i + 1), String(i + 1)]);
PRINTABLE.set(0x62, ['0', '0']);

/** Ctrl + the character's key -> control character (Ctrl+] is GS, the GS1 separator). */
function controlFor(plainOrShifted: string): string | undefined {
  const code = plainOrShifted.toUpperCase().charCodeAt(0);
  if (code >= 0x40 && code <= 0x5f) return String.fromCharCode(code - 0x40);
  return undefined;
}

const NAMES: Readonly<Record<number, string>> = {
  [KEY_ENTER]: 'Enter',
  [KEY_ESCAPE]: 'Escape',
  [KEY_BACKSPACE]: 'Backspace',
  [KEY_TAB]: 'Tab',
  [KEY_KEYPAD_ENTER]: 'Keypad Enter',
  0x39: 'Caps Lock',
  0x32: 'Non-US #',
  0x64: 'Non-US \\',
};

/** The character a key types with these modifiers, or undefined (a non-character key, or Alt/GUI held). */
export function keyToChar(keycode: number, modifiers: number): string | undefined {
  const entry = PRINTABLE.get(keycode);
  if (!entry || (modifiers & MOD_ALT_GUI) !== 0) return undefined;
  const char = (modifiers & MOD_SHIFT) !== 0 ? entry[1] : entry[0];
  if ((modifiers & MOD_CTRL) === 0) return char;
  return keycode >= 0x54 ? undefined : controlFor(char);
}

export function keyName(keycode: number): string {
  const named = NAMES[keycode];
  if (named) return named;
  const entry = PRINTABLE.get(keycode);
  if (entry) return `'${entry[0]}'`;
  if (keycode >= 0x3a && keycode <= 0x45) return `F${keycode - 0x39}`;
  if (keycode >= 0xe0 && keycode <= 0xe7) return 'modifier key';
  return 'unknown key';
}

export interface KeyStroke {
  keycode: number;
  modifiers: number;
}

const REVERSE = new Map<string, KeyStroke>();
// main-block keys first so a digit is typed on the number row, as scanners do
for (const [keycode, [plain, shifted]] of [...PRINTABLE].filter(([code]) => code < 0x54)) {
  if (!REVERSE.has(plain)) REVERSE.set(plain, { keycode, modifiers: 0 });
  if (!REVERSE.has(shifted)) REVERSE.set(shifted, { keycode, modifiers: MOD_LEFT_SHIFT });
}
for (const [keycode, [plain, shifted]] of [...PRINTABLE].filter(([code]) => code < 0x54)) {
  for (const [char, modifiers] of [[plain, MOD_LEFT_CTRL], [shifted, MOD_LEFT_CTRL | MOD_LEFT_SHIFT]] as const) {
    const control = controlFor(char);
    if (control !== undefined && !REVERSE.has(control)) REVERSE.set(control, { keycode, modifiers });
  }
}
REVERSE.set('\r', { keycode: KEY_ENTER, modifiers: 0 });
REVERSE.set('\n', { keycode: KEY_ENTER, modifiers: 0 });
REVERSE.set('\t', { keycode: KEY_TAB, modifiers: 0 });

/** The key and modifiers a US-layout scanner uses to type `char`, or undefined when it cannot. */
export function charToKey(char: string): KeyStroke | undefined {
  return REVERSE.get(char);
}
