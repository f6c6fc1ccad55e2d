import { useRef } from 'react';
import type { BasketLine } from '../../core/domain/basket.js';
import type { Lang } from '../i18n/dictionary.js';
import { formatYen } from '../i18n/format.js';
import type { UiKey } from '../i18n/translate.js';
import { useKeepLineInView } from './keep-line-in-view.js';

export function BasketTable(props: {
  t: (key: UiKey) => string;
  lang: Lang;
  lines: readonly BasketLine[];
  lastLineId: string | null;
  selected: string | null;
  onSelect: (lineId: string) => void;
  onStep: (line: BasketLine, delta: number) => void;
  onVoid: (line: BasketLine) => void;
}) {
  const { t, lines } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // The line the cashier acts on: the selected one, else the one just scanned. It is kept in view whenever it
  // changes, a line is added or its quantity moves, so a scan past the tenth line never lands out of sight.
  const focusId = props.selected ?? props.lastLineId;
  const focusLine = focusId === null ? undefined : lines.find((l) => l.lineId === focusId);
  useKeepLineInView(scroller, focusLine?.lineId ?? null, focusLine ? `${focusLine.quantity}:${lines.length}` : '');
  return (
    <div className="basket-scroll" ref={scroller}>
      <table className="basket" aria-label={t('basket')}>
        <thead>
          <tr>
            <th scope="col" className="col-name">{t('colItem')}</th>
            <th scope="col" className="col-num">{t('colPrice')}</th>
            <th scope="col" className="col-qty">{t('colQty')}</th>
            <th scope="col" className="col-num">{t('colAmount')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr className="basket-empty">
              <td colSpan={4}>{t('basketEmpty')}</td>
            </tr>
          )}
          {lines.map((line) => {
            const selected = line.lineId === props.selected;
            const classes = ['line', line.lineId === props.lastLineId ? 'line-last' : '', selected ? 'line-selected' : '']
              .filter(Boolean)
              .join(' ');
            const reduced = line.item.taxClass === 'reduced';
            return (
              <tr
                key={line.lineId}
                className={classes}
                data-testid="basket-line"
                data-code={line.item.code}
                data-line-id={line.lineId}
                aria-current={selected ? 'true' : undefined}
                onClick={() => props.onSelect(line.lineId)}
              >
                <td className="col-name">
                  <span className="line-name" lang="ja">
                    {line.item.nameJa}
                    {reduced && (
                      <span className="reduced-mark" aria-label={t('reducedMark')} title={t('reducedMark')}>
                        ※
                      </span>
                    )}
                  </span>
                  {props.lang === 'en' && <span className="line-name-en" lang="en">{line.item.name}</span>}
                </td>
                <td className="col-num">{formatYen(line.item.price)}</td>
                <td className="col-qty">
                  {selected && (
                    <button type="button" className="qty-btn" aria-label={t('decrease')} onClick={() => props.onStep(line, -1)} disabled={line.quantity <= 1}>
                      −
                    </button>
                  )}
                  <span className="qty" data-testid="line-quantity">{line.quantity}</span>
                  {selected && (
                    <button type="button" className="qty-btn" aria-label={t('increase')} onClick={() => props.onStep(line, 1)}>
                      +
                    </button>
                  )}
                </td>
                <td className="col-num line-amount">
                  {formatYen(line.amount)}
                  {selected && (
                    <button type="button" className="void-btn" onClick={() => props.onVoid(line)} data-testid="void-line">
                      {t('voidLine')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

