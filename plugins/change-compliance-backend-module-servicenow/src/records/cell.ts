import { z } from 'zod';

/** A field as `sysparm_display_value=all` gives it: the stored value and what a person sees. */
export interface Cell {
  value: string;
  display: string;
}

const scalar = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform(v => (v === null ? '' : String(v)));

/** `{ value, display_value }`; an empty reference or date is `''` on both sides. */
export const cell = z
  .object({ value: scalar.optional(), display_value: scalar.optional() })
  .transform(
    (c): Cell => ({
      value: c.value ?? '',
      display: c.display_value ?? c.value ?? '',
    }),
  );
