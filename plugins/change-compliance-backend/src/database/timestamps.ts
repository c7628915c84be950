/**
 * Timestamps come back from the drivers in different forms (PostgreSQL: Date; SQLite: the ISO
 * string we wrote, or epoch milliseconds for rows written as Date). The store's API speaks only
 * UTC ISO-8601.
 */
export function toIsoTimestamp(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Unreadable timestamp in store: ${String(value)}`);
  }
  return date.toISOString();
}
