import { z } from 'zod';
import { TableApiClient } from '../client/TableApiClient';
import { Cell } from '../records/cell';

interface Updated {
  sys_id: Cell;
  sys_updated_on: Cell;
}

/**
 * The records of a table updated at or after `since` (`YYYY-MM-DD HH:mm:ss`, UTC: a literal time
 * in an encoded query is read as UTC), oldest first, a page at a time.
 *
 * Pages are keyed on the update time rather than counted by offset: each page asks again from the
 * last update time it saw. A record updated while the sync pages moves to the end of the list,
 * where it is read again, and no record can slip in front of the offset and be skipped, which an
 * offset would allow. Records of the second a page ended on are asked for again and dropped when
 * already given; when one second holds a whole page of records, that second alone is paged by
 * offset (its records ordered by sys_id stay put), then the pages go on after it.
 */
export async function* updatedSince<T extends Updated>(
  client: TableApiClient,
  table: string,
  options: {
    schema: z.ZodType<T>;
    fields: readonly string[];
    /** An encoded query the records must match as well, e.g. `source_table=change_request`. */
    filter: string;
    since: string;
    pageSize: number;
  },
): AsyncGenerator<T[]> {
  const { schema, fields, filter, pageSize } = options;
  const and = (query: string) => (filter ? `${filter}^${query}` : query);
  let lower = options.since;
  let after = false;
  let givenAtLower = new Set<string>();
  for (;;) {
    const page = await client.list(table, schema, {
      query: and(
        `sys_updated_on${
          after ? '>' : '>='
        }${lower}^ORDERBYsys_updated_on^ORDERBYsys_id`,
      ),
      fields,
      limit: pageSize,
    });
    const boundary = lower;
    const given = givenAtLower;
    yield page.filter(
      r => !(r.sys_updated_on.value === boundary && given.has(r.sys_id.value)),
    );
    if (page.length < pageSize) return;
    const last = page[page.length - 1].sys_updated_on.value;
    if (!after && last === lower) {
      // A whole page in one second: the rest of that second, by offset.
      for (let offset = pageSize; ; offset += pageSize) {
        const more = await client.list(table, schema, {
          query: and(`sys_updated_on=${lower}^ORDERBYsys_id`),
          fields,
          limit: pageSize,
          offset,
        });
        yield more;
        if (more.length < pageSize) break;
      }
      after = true;
      continue;
    }
    givenAtLower = new Set(
      page
        .filter(r => r.sys_updated_on.value === last)
        .map(r => r.sys_id.value),
    );
    lower = last;
    after = false;
  }
}
