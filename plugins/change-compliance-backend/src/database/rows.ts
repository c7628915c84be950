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

/** Reads JSON texts that repeat across the rows of one read. */
export interface SharedJson {
  json<T>(value: unknown): T;
  optionalJson<T>(value: unknown): T | undefined;
}

/**
 * Parses each distinct JSON text of the rows read together once: the same author on thousands
 * of commits becomes one object rather than thousands, which the garbage collector then has to
 * carry while a service is evaluated. The values are shared between rows, so they must be read,
 * never changed (the engine only reads evidence). Meant for values that repeat, such as people and
 * label lists, not for ones unique to each row.
 */
export function sharedJson(): SharedJson {
  const parsed = new Map<string, unknown>();
  const json = <T>(value: unknown): T => {
    const text = String(value);
    if (parsed.has(text)) return parsed.get(text) as T;
    const result = JSON.parse(text) as T;
    parsed.set(text, result);
    return result;
  };
  return {
    json,
    optionalJson: <T>(value: unknown): T | undefined => {
      if (value === null || value === undefined) return undefined;
      const result = json<T | null>(value);
      return result === null ? undefined : result;
    },
  };
}
