/**
 * The plain-text receipt (GET /api/sales/ID/receipt.txt): fixed width in display columns, where a
 * full-width (Japanese) character takes two columns as on a thermal printer.
 */
import type { Receipt } from './receipt.js';
import { RECEIPT_LABELS, receiptYen, taxRowText, type ReceiptLang } from './receipt-labels.js';

export const RECEIPT_TEXT_COLUMNS = 40;

/** Display columns of a string: 2 for East Asian wide and full-width characters, 1 otherwise. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp === 0x203b // ※ prints wide in Japanese fonts
  );
}

/** left ... right on one line of `columns`; a left part too long for the line is cut, the amount never. */
function spread(left: string, right: string, columns = RECEIPT_TEXT_COLUMNS): string {
  let l = left;
  while (displayWidth(l) + displayWidth(right) + 1 > columns && l.length > 0) l = [...l].slice(0, -1).join('');
  return `${l}${' '.repeat(Math.max(1, columns - displayWidth(l) - displayWidth(right)))}${right}`;
}

/** Centred; a text wider than the line is wrapped first (a store name or address may be 60 characters). */
function center(text: string, columns = RECEIPT_TEXT_COLUMNS): string[] {
  return wrap(text, columns).map((line) => `${' '.repeat(Math.max(0, Math.floor((columns - displayWidth(line)) / 2)))}${line}`);
}

/**
 * Lines of at most `columns` display columns: broken at the last space of a line when that space is past its
 * middle, else at the width (an id or a Japanese name has no spaces); continuation lines start with `indent`.
 */
export function wrap(text: string, columns = RECEIPT_TEXT_COLUMNS, indent = ''): string[] {
  const out: string[] = [];
  let rest = [...text];
  let prefix = '';
  while (rest.length > 0) {
    const room = columns - displayWidth(prefix);
    let take = 0;
    for (let width = 0; take < rest.length && width + displayWidth(rest[take]!) <= room; take++) width += displayWidth(rest[take]!);
    if (take < rest.length) {
      const space = rest.lastIndexOf(' ', take);
      if (space > take / 2) take = space;
    }
    out.push(`${prefix}${rest.slice(0, Math.max(1, take)).join('').trimEnd()}`);
    rest = rest.slice(Math.max(1, take));
    while (rest[0] === ' ') rest = rest.slice(1);
    prefix = indent;
  }
  return out;
}

export function renderReceiptText(receipt: Receipt, lang: ReceiptLang = 'ja'): string {
  const L = RECEIPT_LABELS[lang];
  const rule = '-'.repeat(RECEIPT_TEXT_COLUMNS);
  const out: string[] = [
    ...center(receipt.store.storeName),
    ...center(receipt.store.address),
    ...center(`${L.phone} ${receipt.store.phone}`),
    ...center(`${L.registration} ${receipt.store.registrationNumber}`),
    '',
    ...center(L.title),
    spread(`${receipt.date} ${receipt.time}`, `${L.register} ${receipt.registerId}`),
    spread(`${L.saleNo} ${receipt.saleNo}`, ''),
    rule,
  ];
  for (const line of receipt.lines) {
    const name = lang === 'ja' ? line.nameJa : line.name;
    // A name too long to sit beside its amount wraps onto the next lines rather than losing its end ("(10個入)").
    const amount = receiptYen(line.amount);
    const [first = '', ...rest] = wrap(`${line.reduced ? L.reducedMark : '  '}${name}`, RECEIPT_TEXT_COLUMNS - displayWidth(amount) - 1, '  ');
    out.push(spread(first, amount), ...rest);
    if (line.quantity > 1) out.push(`    ${receiptYen(line.unitPrice)} x ${line.quantity}`);
  }
  out.push(rule);
  out.push(spread(L.items(receipt.itemCount), ''));
  out.push(spread(L.total, receiptYen(receipt.total)));
  for (const row of receipt.taxRows) out.push(...wrap(`  ${taxRowText(L, row)}`, RECEIPT_TEXT_COLUMNS, '    '));
  out.push(rule);
  for (const tender of receipt.tenders) {
    if (tender.kind === 'cash') {
      out.push(spread(`${L.cash} ${L.tendered}`, receiptYen(tender.tendered)));
      out.push(spread(L.change, receiptYen(tender.change)));
    } else {
      out.push(spread(L.wallet, receiptYen(tender.amount)));
      // A gateway payment id (p_ + a UUID) does not fit beside its label: it then gets a line of its own, whole.
      const oneLine = `  ${L.transactionId} ${tender.transactionId}`;
      if (displayWidth(oneLine) <= RECEIPT_TEXT_COLUMNS) out.push(oneLine);
      else out.push(`  ${L.transactionId}`, ...wrap(`  ${tender.transactionId}`, RECEIPT_TEXT_COLUMNS, '  '));
    }
  }
  if (receipt.hasReducedItems) {
    out.push(rule);
    out.push(...wrap(L.reducedNote));
  }
  return `${out.join('\n')}\n`;
}
