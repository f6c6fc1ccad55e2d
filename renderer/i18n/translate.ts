import { MESSAGE_CODES, type MessageCode, type MessageParams } from '../../core/domain/messages.js';
import { paramReader, type Dictionary, type Lang } from './dictionary.js';
import { en } from './en.js';
import { ja, type jaUi } from './ja.js';

export type UiKey = keyof typeof jaUi;

export const DICTIONARIES: Readonly<Record<Lang, Dictionary<UiKey>>> = { ja, en };

const KNOWN_CODES: ReadonlySet<string> = new Set(MESSAGE_CODES);

/**
 * A register message in the chosen language. Codes arrive over the wire, so an unknown one
 * (a newer host) still shows as its code and parameters instead of an empty banner.
 */
export function translate(code: MessageCode | string, params: MessageParams, lang: Lang): string {
  const dictionary = DICTIONARIES[lang];
  if (!KNOWN_CODES.has(code)) return `${code} ${JSON.stringify(params)}`;
  return dictionary.messages[code as MessageCode](paramReader(params));
}

export function uiText(key: UiKey, lang: Lang): string {
  return DICTIONARIES[lang].ui[key];
}

export const LANG_STORAGE_KEY = 'regi.lang';

/** Japanese unless the stored choice says English. */
export function loadLang(storage: Pick<Storage, 'getItem'> | undefined): Lang {
  try {
    return storage?.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export function saveLang(storage: Pick<Storage, 'setItem'> | undefined, lang: Lang): void {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Storage can be disabled (private mode, file://): the toggle still works for this session.
  }
}
