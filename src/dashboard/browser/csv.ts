/** One column of a report, shared by its table and its CSV so that both show the same strings. */
export interface Column<Row> {
  /** The CSV header: the API's field name. */
  title: string;
  /** The table header. */
  heading: string;
  value(row: Row): string;
  /** Free text (a product name): guarded against spreadsheet formulas in the CSV. */
  text?: boolean;
  /** Right-aligned in the table. */
  numeric?: boolean;
}

// A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string, text: boolean): string {
  const safe = text && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV: a header line, then one line per row, CRLF line ends. Numbers are written as given. */
export function toCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvCell(column.title, true))];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row), column.text === true)));
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}
