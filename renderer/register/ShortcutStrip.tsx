import type { UiKey } from '../i18n/translate.js';

const KEYS: ReadonlyArray<[string, UiKey]> = [
  ['F1', 'keyNew'],
  ['F4', 'keyCash'],
  ['F5', 'keyWallet'],
  ['Del', 'keyVoid'],
  ['↑↓', 'keySelect'],
  ['+ −', 'keyQty'],
  ['*', 'keyQtySet'],
  ['Esc', 'keyCancel'],
];

export function ShortcutStrip(props: { t: (key: UiKey) => string }) {
  return (
    <footer className="shortcuts" role="contentinfo" aria-label={props.t('shortcuts')}>
      <ul>
        {KEYS.map(([key, label]) => (
          <li key={key}>
            <kbd>{key}</kbd> {props.t(label)}
          </li>
        ))}
      </ul>
    </footer>
  );
}
