import { DeploymentVerdict } from '@change-compliance/plugin-change-compliance-common';
import { Knex } from 'knex';

/**
 * Daily tallies of a service's verdicts: how many deployments of each day ended with each verdict
 * and set of failing checks. A service summary over a period adds up a few hundred tally rows
 * instead of counting thousands of verdicts on every request; the part-days at the period's
 * edges are counted from the verdicts themselves.
 *
 * The tallies are derived data: `saveVerdictRecordsIn` recounts the days a batch of verdicts
 * touched, in the transaction that writes them, so they never disagree with the verdicts.
 */

type Row = Record<string, any>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** One row of a tally or of a count of verdicts: a week, verdict and failing checks. */
export interface TallyRow {
  /** Monday of the week, `YYYY-MM-DD`. */
  week: string;
  verdict: DeploymentVerdict;
  failing_checks: string;
  count: number;
}

const isPostgres = (knex: Knex) => knex.client.config.client === 'pg';

/** The UTC day of a verdict's deployment as `YYYY-MM-DD`, in each dialect. */
function dayOf(knex: Knex): string {
  return isPostgres(knex)
    ? "to_char(deployed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
    : 'date(deployed_at)';
}

const startOf = (day: string) => `${day}T00:00:00.000Z`;
const nextDay = (day: string) =>
  new Date(Date.parse(startOf(day)) + DAY_MS).toISOString().slice(0, 10);

/** Monday of the UTC week a day falls in. */
function mondayOf(day: string): string {
  const date = new Date(startOf(day));
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * Counts the days from `firstDay` to `lastDay` (inclusive) of each service again from its
 * verdicts. `touched` are the services and deployment times (ISO-8601, UTC) a write changed,
 * before and after it.
 */
export async function recountTallies(
  knex: Knex,
  touched: { serviceRef: string; deployedAt: string }[],
): Promise<void> {
  const range = new Map<string, { first: string; last: string }>();
  for (const { serviceRef, deployedAt } of touched) {
    const day = deployedAt.slice(0, 10);
    const known = range.get(serviceRef);
    if (!known) range.set(serviceRef, { first: day, last: day });
    else {
      if (day < known.first) known.first = day;
      if (day > known.last) known.last = day;
    }
  }
  const day = dayOf(knex);
  for (const [serviceRef, { first, last }] of range) {
    await knex('verdict_tallies')
      .where('service_ref', serviceRef)
      .andWhere('day', '>=', first)
      .andWhere('day', '<=', last)
      .del();
    const counted = knex('verdicts')
      .select('service_ref', knex.raw(`${day} as day`), 'verdict')
      .select('failing_checks')
      .count({ count: '*' })
      .where('service_ref', serviceRef)
      .andWhere('deployed_at', '>=', startOf(first))
      .andWhere('deployed_at', '<', startOf(nextDay(last)))
      .groupByRaw(`service_ref, ${day}, verdict, failing_checks`);
    // Spliced in, not bound: SQLite takes no parenthesised SELECT after INSERT's column list.
    const select = counted.toSQL();
    await knex.raw(
      `insert into verdict_tallies (service_ref, day, verdict, failing_checks, count) ${select.sql}`,
      select.bindings,
    );
  }
}

/** A service's verdicts in [from, to), counted straight from the verdict rows, by week. */
function countVerdictRows(
  knex: Knex,
  serviceRef: string,
  from: string,
  to: string,
): Promise<Row[]> {
  // The Monday of the deployment's UTC week, in each dialect.
  const week = isPostgres(knex)
    ? "to_char(date_trunc('week', deployed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')"
    : "date(deployed_at, 'weekday 0', '-6 days')";
  return knex('verdicts')
    .where({ service_ref: serviceRef })
    .andWhere('deployed_at', '>=', from)
    .andWhere('deployed_at', '<', to)
    .select(knex.raw(`${week} as week`), 'verdict', 'failing_checks')
    .count({ count: '*' })
    .groupByRaw(`${week}, verdict, failing_checks`);
}

/**
 * A service's verdicts over [from, to) (ISO-8601, UTC) by week, verdict and failing checks: the
 * whole days from the tallies, the part-days at either end from the verdicts.
 */
export async function tallyPeriod(
  knex: Knex,
  serviceRef: string,
  from: string,
  to: string,
): Promise<TallyRow[]> {
  const fromDay = from.slice(0, 10);
  const firstWholeDay = from === startOf(fromDay) ? fromDay : nextDay(fromDay);
  const endDay = to.slice(0, 10);
  if (firstWholeDay >= endDay) {
    return normalise(await countVerdictRows(knex, serviceRef, from, to));
  }
  const [days, head, tail] = await Promise.all([
    knex('verdict_tallies')
      .select('day', 'verdict', 'failing_checks')
      .sum({ count: 'count' })
      .where('service_ref', serviceRef)
      .andWhere('day', '>=', firstWholeDay)
      .andWhere('day', '<', endDay)
      .groupBy('day', 'verdict', 'failing_checks') as Promise<Row[]>,
    from < startOf(firstWholeDay)
      ? countVerdictRows(knex, serviceRef, from, startOf(firstWholeDay))
      : [],
    startOf(endDay) < to
      ? countVerdictRows(knex, serviceRef, startOf(endDay), to)
      : [],
  ]);
  return [
    ...days.map(r => ({
      week: mondayOf(r.day),
      verdict: r.verdict,
      failing_checks: r.failing_checks,
      count: Number(r.count),
    })),
    ...normalise([...head, ...tail]),
  ];
}

function normalise(rows: Row[]): TallyRow[] {
  return rows.map(r => ({
    week: r.week,
    verdict: r.verdict,
    failing_checks: r.failing_checks,
    count: Number(r.count),
  }));
}
