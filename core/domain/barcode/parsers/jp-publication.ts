/**
 * Japanese publication codes carried in EAN-13 symbols: magazines (定期刊行物コード, prefix 491), books
 * (ISBN 978/979) and the books' second bar (prefix 192, Cコード + 本体価格). The magazine and second-bar
 * layouts follow the JPO / GS1 Japan publication guidelines; neither carries a check beyond the EAN-13 one.
 */
import type { BookPriceBarcode, IsbnBarcode, MagazineBarcode } from '../types.js';

export function isMagazineCode(code13: string): boolean {
  return code13.startsWith('491');
}

export function magazineBarcode(code13: string, data: string): MagazineBarcode {
  return {
    ok: true,
    kind: 'JAN-magazine',
    lookupCode: code13,
    data,
    magazine: { code: code13.slice(4, 9), issue: code13.slice(9, 11), yearDigit: code13.charCodeAt(11) - 48 },
  };
}

export function isIsbn(code13: string): boolean {
  return code13.startsWith('978') || code13.startsWith('979');
}

export function isbnBarcode(code13: string, data: string): IsbnBarcode {
  return { ok: true, kind: 'ISBN', lookupCode: code13, data, isbn13: code13 };
}

/** 192 is today's second bar; 191 marked the tax-inclusive price before 2004 and is read the same way. */
export function isBookPriceBar(code13: string): boolean {
  return code13.startsWith('192') || code13.startsWith('191');
}

export function bookPriceBarcode(code13: string, data: string): BookPriceBarcode {
  return {
    ok: true,
    kind: 'JP-book-price',
    lookupCode: code13,
    data,
    cCode: code13.slice(3, 7),
    price: Number(code13.slice(7, 12)),
  };
}
