/**
 * A Jira timestamp (`2026-06-01T10:00:00.000+0200`) as UTC ISO-8601. Jira writes the offset
 * without a colon, which ISO-8601's extended form (and so not every parser) requires.
 */
export function isoFromJira(time: string): string {
  const withColon = time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = Date.parse(withColon);
  if (Number.isNaN(parsed)) throw new Error(`Not a Jira timestamp: ${time}`);
  return new Date(parsed).toISOString();
}

/**
 * A time as JQL's `"yyyy-MM-dd HH:mm"`, in the time zone Jira reads it in: the searching
 * account's own, as `/myself` reports it. Seconds are dropped, so the minute is read whole.
 */
export function jqlTime(time: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(time))
      .map(part => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
