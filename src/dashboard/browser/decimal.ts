/**
 * Exact sums of the API's Decimal strings ("38221.69"): BigInt at the largest scale among them,
 * so that a total is to the cent what the rows add up to (floats are not).
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map((value) => {
    const match = DECIMAL.exec(value);
    if (!match) throw new Error(`Not a decimal: ${value}`);
    return { negative: match[1] === '-', whole: match[2]!, fraction: match[3] ?? '' };
  });
  const scale = Math.max(2, ...parsed.map((value) => value.fraction.length));
  let total = 0n;
  for (const value of parsed) {
    const units = BigInt(value.whole + value.fraction.padEnd(scale, '0'));
    total += value.negative ? -units : units;
  }
  const sign = total < 0n ? '-' : '';
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
