import { useLayoutEffect, useRef } from 'react';
import type { BasketLine } from '../../core/domain/basket.js';
import type { Lang } from '../i18n/dictionary.js';
import { formatYen } from '../i18n/format.js';
import type { UiKey } from '../i18n/translate.js';

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
  const revealId = focusLine?.lineId ?? null;
  const revealWhen = focusLine ? `${focusLine.quantity}:${lines.length}` : '';
  // A layout effect runs in the same task as the render, so the frame that first paints the new line also scrolls it
  // into view; a passive effect could run after that frame and scroll one frame later.
  useLayoutEffect(() => {
    if (revealId === null) return;
    // Measured at the start of the next frame, which lays the page out anyway: measuring right here, after the
    // render, would force one more layout per scan before the frame's own.
    const frame = requestAnimationFrame(() => {
      const box = scroller.current;
      const row = box?.querySelector<HTMLElement>(`tr[data-line-id="${CSS.escape(revealId)}"]`);
      if (box && row) keepRowInView(box, row);
    });
    return () => cancelAnimationFrame(frame);
  }, [revealId, revealWhen]);
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

/** Scrolls the basket just enough that `row` is wholly visible, below the sticky column headings. */
function keepRowInView(box: HTMLElement, row: HTMLElement): void {
  const view = box.getBoundingClientRect();
  const top = view.top + box.clientTop + (box.querySelector('thead')?.getBoundingClientRect().height ?? 0);
  const bottom = view.top + box.clientTop + box.clientHeight;
  const rect = row.getBoundingClientRect();
  if (rect.bottom > bottom) box.scrollTop += rect.bottom - bottom;
  else if (rect.top < top) box.scrollTop -= top - rect.top;
}
