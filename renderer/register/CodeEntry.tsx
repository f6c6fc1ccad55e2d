import type { RefObject } from 'react';
import type { UiKey } from '../i18n/translate.js';

/**
 * Keyed entry. Enter scans what was typed; a keyboard-wedge scanner types here too. The screen's
 * key handler owns Enter, + - * and Delete, so this stays a plain controlled input.
 */
export function CodeEntry(props: {
  t: (key: UiKey) => string;
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  disabled: boolean;
}) {
  const { t } = props;
  return (
    <form
      className="code-entry"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <label htmlFor="code-input" className="code-label">
        {t('codeLabel')}
      </label>
      <input
        id="code-input"
        ref={props.inputRef}
        data-testid="code-input"
        className="code-input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('codePlaceholder')}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        disabled={props.disabled}
      />
      <button type="submit" className="btn" disabled={props.disabled}>
        {t('scanButton')}
      </button>
    </form>
  );
}
