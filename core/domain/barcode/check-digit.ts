/** GS1 mod-10 check digit over the digits before the check digit (weights 3,1 from the right). */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = digitsWithoutCheck.length - 1; i >= 0; i--) {
    sum += (digitsWithoutCheck.charCodeAt(i) - 48) * weight;
    weight = weight === 3 ? 1 : 3;
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** Completes a GS1 number by appending its check digit. */
export function withGs1CheckDigit(digitsWithoutCheck: string): string {
  return digitsWithoutCheck + String(gs1CheckDigit(digitsWithoutCheck));
}

// GS1 General Specifications 7.9.3: price/weight verifier digits. Each weighting maps a digit to a digit
// (a permutation), so any single changed price digit changes the verifier.
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

function weightedSum(digits: string, tables: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i < tables.length; i++) sum += tables[i]![digits.charCodeAt(i) - 48]!;
  return sum;
}

/** Price verifier digit for a 4-digit price: weights 2-, 2-, 3, 5-; the sum times 3, units digit. */
export function priceCheckDigit4(price: string): number {
  if (!/^\d{4}$/.test(price)) throw new RangeError(`a 4-digit price is needed, got "${price}"`);
  return (weightedSum(price, [TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS]) * 3) % 10;
}

/**
 * Price verifier digit for a 5-digit price: weights 5+, 2-, 5-, 5+, 2-; the verifier is the digit whose
 * 5- product equals the distance from the sum up to the next multiple of ten.
 */
export function priceCheckDigit5(price: string): number {
  if (!/^\d{5}$/.test(price)) throw new RangeError(`a 5-digit price is needed, got "${price}"`);
  const target = (10 - (weightedSum(price, [FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS]) % 10)) % 10;
  return FIVE_MINUS.indexOf(target);
}

export function priceCheckDigit(price: string): number {
  return price.length === 5 ? priceCheckDigit5(price) : priceCheckDigit4(price);
}
