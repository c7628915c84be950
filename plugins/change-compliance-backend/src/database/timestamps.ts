/** What Date.prototype.toISOString writes for years 0000-9999, the form the store writes. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Timestamps come back from the drivers in different forms (PostgreSQL: Date; SQLite: the ISO
 * string we wrote, or epoch milliseconds for rows written as Date). The store's API speaks only
 * UTC ISO-8601.
 */
export function toIsoTimestamp(value: Date | string | number): string {
  // SQLite's common case, met many thousands of times per evaluation: the string we wrote.
  if (typeof value === 'string' && CANONICAL_UTC.test(value)) return value;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Unreadable timestamp in store: ${String(value)}`);
  }
  return date.toISOString();
}
