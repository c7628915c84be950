import { toIsoTimestamp } from './timestamps';

/** JSON in text columns: written whole and read whole. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T>(value: unknown): T {
  return JSON.parse(String(value)) as T;
}

export function fromOptionalJson<T>(value: unknown): T | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed = JSON.parse(String(value));
  return parsed === null ? undefined : (parsed as T);
}

export function optionalTimestamp(value: unknown): string | null {
  return value === null || value === undefined
    ? null
    : toIsoTimestamp(value as string);
}

/** SQLite returns booleans as 0 and 1. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}
