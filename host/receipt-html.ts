/** A receipt as a standalone HTML page (80 mm roll) for the PDF export; words from core's receipt labels. */
import type { Receipt } from '../core/domain/receipt/receipt.js';
import { RECEIPT_LABELS, receiptYen, taxRowText, type ReceiptLang } from '../core/domain/receipt/receipt-labels.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function receiptHtml(receipt: Receipt, lang: ReceiptLang = 'ja'): string {
  const L = RECEIPT_LABELS[lang];
  const e = escapeHtml;
  const row = (left: string, right: string, cls = '') => `<div class="row ${cls}"><span>${left}</span><span>${right}</span></div>`;
  const lines = receipt.lines
    .map((line) => {
      const name = e(lang === 'ja' ? line.nameJa : line.name);
      const qty = line.quantity > 1 ? `<div class="qty">${e(receiptYen(line.unitPrice))} × ${line.quantity}</div>` : '';
      return row(`<span class="mark">${line.reduced ? L.reducedMark : ''}</span>${name}`, e(receiptYen(line.amount))) + qty;
    })
    .join('');
  const tenders = receipt.tenders
    .map((t) =>
      t.kind === 'cash'
        ? row(`${e(L.cash)} ${e(L.tendered)}`, e(receiptYen(t.tendered))) + row(e(L.change), e(receiptYen(t.change)))
        : row(e(L.wallet), e(receiptYen(t.amount))) + `<div class="small">${e(L.transactionId)} ${e(t.transactionId)}</div>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${e(L.title)} ${receipt.saleNo}</title>
<style>
  @page { margin: 0; }
  html, body { margin: 0; }
  body { width: 72mm; padding: 4mm; font: 10pt/1.45 'IPAGothic', 'IPAexGothic', 'Noto Sans CJK JP', sans-serif; color: #000; }
  h1 { font-size: 13pt; margin: 0; text-align: center; }
  .center { text-align: center; }
  .title { text-align: center; font-size: 12pt; letter-spacing: 0.3em; margin: 2mm 0; }
  .row { display: flex; justify-content: space-between; gap: 2mm; }
  .mark { display: inline-block; width: 1.2em; }
  .qty, .small { font-size: 8.5pt; padding-left: 1.2em; }
  .total { font-size: 13pt; font-weight: bold; }
  hr { border: 0; border-top: 1px dashed #000; margin: 1.5mm 0; }
</style></head>
<body>
<h1>${e(receipt.store.storeName)}</h1>
<div class="center">${e(receipt.store.address)}</div>
<div class="center">${e(L.phone)} ${e(receipt.store.phone)}</div>
<div class="center">${e(L.registration)} ${e(receipt.store.registrationNumber)}</div>
<div class="title">${e(L.title)}</div>
${row(`${e(receipt.date)} ${e(receipt.time)}`, `${e(L.register)} ${e(receipt.registerId)}`)}
${row(`${e(L.saleNo)} ${receipt.saleNo}`, '')}
<hr>${lines}<hr>
${row(e(L.items(receipt.itemCount)), '')}
${row(e(L.total), e(receiptYen(receipt.total)), 'total')}
${receipt.taxRows.map((r) => `<div class="small">${e(taxRowText(L, r))}</div>`).join('')}
<hr>${tenders}
${receipt.hasReducedItems ? `<hr><div class="small">${e(L.reducedNote)}</div>` : ''}
</body></html>`;
}
