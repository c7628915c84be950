type Cell = string | number | boolean | null | undefined;

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a cell quoted when it holds a comma, a quote or a
 * line break, quotes doubled. Empty for null and undefined. Values are written as they are, never
 * altered, because the file is evidence.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows]
    .map(row => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
