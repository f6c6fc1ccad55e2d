/**
 * The printed words of a receipt. A receipt is a document, not a register message: the screen
 * (renderer/receipt/), the plain text and the PDF (host/) all take their words from here, so the
 * three forms cannot drift apart. Japanese is the legal form; English is offered for training.
 */
export type ReceiptLang = 'ja' | 'en';

export interface ReceiptLabels {
  title: string;
  registration: string;
  phone: string;
  register: string;
  saleNo: string;
  reducedMark: string;
  reducedNote: string;
  items: (count: number) => string;
  total: string;
  rateTarget: (ratePercent: number) => string;
  includedTax: string;
  cash: string;
  tendered: string;
  change: string;
  wallet: string;
  transactionId: string;
}

export const RECEIPT_LABELS: Readonly<Record<ReceiptLang, ReceiptLabels>> = {
  ja: {
    title: '領収書',
    registration: '登録番号',
    phone: '電話',
    register: 'レジ',
    saleNo: '取引No.',
    reducedMark: '※',
    reducedNote: '※は軽減税率(8%)対象商品です',
    items: (n) => `買上点数 ${n}点`,
    total: '合計',
    rateTarget: (r) => `${r}%対象`,
    includedTax: '内消費税',
    cash: '現金',
    tendered: 'お預り',
    change: 'お釣り',
    wallet: 'バーコード決済',
    transactionId: '取引ID',
  },
  en: {
    title: 'Receipt',
    registration: 'Registration No.',
    phone: 'Tel',
    register: 'Register',
    saleNo: 'Sale No.',
    reducedMark: '※',
    reducedNote: '※ reduced tax rate (8%) item',
    items: (n) => `${n} item${n === 1 ? '' : 's'}`,
    total: 'Total',
    rateTarget: (r) => `${r}% taxable`,
    includedTax: 'incl. tax',
    cash: 'Cash',
    tendered: 'Tendered',
    change: 'Change',
    wallet: 'Wallet payment',
    transactionId: 'Transaction ID',
  },
};

/** ¥1,234 (negative as -¥1,234). */
export function receiptYen(value: number): string {
  const digits = Math.abs(Math.trunc(value)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}¥${digits}`;
}

/** "8%対象 ¥1,234 (内消費税 ¥91)" */
export function taxRowText(labels: ReceiptLabels, row: { ratePercent: number; gross: number; tax: number }): string {
  return `${labels.rateTarget(row.ratePercent)} ${receiptYen(row.gross)} (${labels.includedTax} ${receiptYen(row.tax)})`;
}
