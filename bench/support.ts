export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function printTable(title: string, header: string[], rows: (string | number)[][]) {
  console.log(`\n${title}`);
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => String(row[index]).length)));
  const line = (cells: (string | number)[]) => cells.map((cell, index) => String(cell).padStart(widths[index]!)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
