/*
 * The Table API gives a date-time's stored value (`sysparm_display_value` false, or the `value`
 * of `all`) in UTC as `YYYY-MM-DD HH:mm:ss`, whatever the user's time zone; the display value is
 * in the user's zone and format, so times are always read from the stored value.
 */

const GLIDE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** `2026-11-02 12:30:00` (UTC) → `2026-11-02T12:30:00.000Z`; undefined when empty or malformed. */
export function isoFromGlide(value: string | undefined): string | undefined {
  const match = value?.trim().match(GLIDE_TIME);
  return match ? `${match[1]}T${match[2]}.000Z` : undefined;
}

/** An ISO-8601 time → the Table API's UTC `YYYY-MM-DD HH:mm:ss`, for encoded queries. */
export function glideFromIso(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}
