/**
 * A receipt on screen (after each sale and from history): the same model and printed words as the
 * plain-text and PDF forms (core/domain/receipt/), so what the cashier sees is what prints.
 */
import type { Receipt as ReceiptModel } from '../../core/domain/receipt/receipt.js';
import { RECEIPT_LABELS, receiptYen, taxRowText } from '../../core/domain/receipt/receipt-labels.js';
import type { Lang } from '../i18n/dictionary.js';

export function Receipt(props: { receipt: ReceiptModel; lang: Lang }) {
  const { receipt: r, lang } = props;
  const L = RECEIPT_LABELS[lang];
  return (
    <article className="receipt" lang={lang} data-testid="receipt" data-sale-no={r.saleNo} aria-label={`${L.title} ${L.saleNo} ${r.saleNo}`}>
      <header className="receipt-head">
        <h3 className="receipt-store">{r.store.storeName}</h3>
        <p>{r.store.address}</p>
        <p>
          {L.phone} {r.store.phone}
        </p>
        <p data-testid="receipt-registration">
          {L.registration} {r.store.registrationNumber}
        </p>
        <p className="receipt-title">{L.title}</p>
        <p className="receipt-row">
          <span data-testid="receipt-datetime">
            {r.date} {r.time}
          </span>
          {/* One unit: "Register R-" / "B03EC5" was broken at the id's hyphen in English. */}
          <span style={{ whiteSpace: 'nowrap' }}>
            {L.register} {r.registerId}
          </span>
        </p>
        <p>
          {L.saleNo} {r.saleNo}
        </p>
      </header>
      <ul className="receipt-lines">
        {r.lines.map((line) => (
          <li key={line.lineId} data-testid="receipt-line" data-reduced={line.reduced}>
            <span className="receipt-row">
              <span>
                <span className="receipt-mark" aria-hidden={!line.reduced}>
                  {line.reduced ? L.reducedMark : ''}
                </span>
                {lang === 'ja' ? line.nameJa : line.name}
              </span>
              <span>{receiptYen(line.amount)}</span>
            </span>
            {line.quantity > 1 && (
              <span className="receipt-qty">
                {receiptYen(line.unitPrice)} × {line.quantity}
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="receipt-totals">
        <p>{L.items(r.itemCount)}</p>
        <p className="receipt-row receipt-total">
          <span>{L.total}</span>
          <span data-testid="receipt-total">{receiptYen(r.total)}</span>
        </p>
        {r.taxRows.map((row) => (
          <p key={row.ratePercent} className="receipt-small" data-testid={`receipt-tax-${row.ratePercent}`}>
            {taxRowText(L, row)}
          </p>
        ))}
      </div>
      <div className="receipt-tenders">
        {r.tenders.map((tender, i) =>
          tender.kind === 'cash' ? (
            <div key={i}>
              <p className="receipt-row">
                <span>
                  {L.cash} {L.tendered}
                </span>
                <span>{receiptYen(tender.tendered)}</span>
              </p>
              <p className="receipt-row">
                <span>{L.change}</span>
                <span data-testid="receipt-change">{receiptYen(tender.change)}</span>
              </p>
            </div>
          ) : (
            <div key={i}>
              <p className="receipt-row">
                <span>{L.wallet}</span>
                <span>{receiptYen(tender.amount)}</span>
              </p>
              <p className="receipt-small" data-testid="receipt-wallet-tx">
                {L.transactionId} {tender.transactionId}
              </p>
            </div>
          ),
        )}
      </div>
      {r.hasReducedItems && <p className="receipt-small receipt-note">{L.reducedNote}</p>}
    </article>
  );
}
