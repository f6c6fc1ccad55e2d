import type { MessageLevel } from '../../core/domain/messages.js';
import type { UiKey } from '../i18n/translate.js';

/** Non-blocking: the cashier can keep scanning; the next successful action replaces it. */
export function MessageBanner(props: { t: (key: UiKey) => string; level: MessageLevel; text: string; code: string; onDismiss: () => void }) {
  return (
    <div className={`banner banner-${props.level}`} data-testid="message-banner" data-code={props.code} data-level={props.level} role="alert">
      <span className="banner-icon" aria-hidden="true">
        {props.level === 'error' ? '✖' : '⚠'}
      </span>
      <span className="banner-text">{props.text}</span>
      <button type="button" className="banner-close" onClick={props.onDismiss} aria-label={props.t('dismiss')}>
        ×
      </button>
    </div>
  );
}
