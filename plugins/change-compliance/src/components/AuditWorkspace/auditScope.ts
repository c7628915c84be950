import { AuditScope } from '@change-compliance/plugin-change-compliance-common';
import { DEFAULT_PERIOD_DAYS, periodStart } from '../../compliance/period';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The scope as the auditor enters it: whole UTC days, both included, as audit periods are written
 * ("1 January to 30 June"), and the entity refs picked from the catalog.
 */
export interface ScopeInput {
  /** `YYYY-MM-DD`, the first day of the period. */
  fromDate: string;
  /** `YYYY-MM-DD`, the last day of the period (included). */
  toDate: string;
  systems: string[];
  groups: string[];
  services: string[];
}

/** The last 90 days up to and including today, as the service tab's default period. */
export function defaultScopeInput(now: Date): ScopeInput {
  return {
    fromDate: periodStart(DEFAULT_PERIOD_DAYS, now).slice(0, 10),
    toDate: now.toISOString().slice(0, 10),
    systems: [],
    groups: [],
    services: [],
  };
}

function dayStart(date: string): number | undefined {
  if (!DATE.test(date)) return undefined;
  const time = Date.parse(`${date}T00:00:00.000Z`);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The API's scope of an entered one, or why there is none. The API's `to` is exclusive, so the
 * last day is included by ending the period at the next midnight (UTC).
 */
export function auditScopeOf(
  input: ScopeInput,
): { scope: AuditScope } | { problem: string } {
  const from = dayStart(input.fromDate);
  const to = dayStart(input.toDate);
  if (from === undefined) {
    return { problem: 'Enter the first day of the period.' };
  }
  if (to === undefined) {
    return { problem: 'Enter the last day of the period.' };
  }
  if (to < from) {
    return {
      problem: 'The period ends before it starts: swap the two days.',
    };
  }
  return {
    scope: {
      from: new Date(from).toISOString(),
      to: new Date(to + DAY_MS).toISOString(),
      systems: input.systems,
      groups: input.groups,
      services: input.services,
    },
  };
}

/** The period of a scope as the auditor entered it: first and last day, both included. */
export function scopePeriodText(scope: AuditScope): string {
  const lastDay = new Date(Date.parse(scope.to) - 1).toISOString();
  return `${scope.from.slice(0, 10)} to ${lastDay.slice(
    0,
    10,
  )} (UTC, both included)`;
}

/** What a scope covers beside its period, for the samples drawn from it. */
export function scopeEntitiesText(scope: AuditScope): string {
  const refs = [
    ...(scope.systems ?? []),
    ...(scope.groups ?? []),
    ...(scope.services ?? []),
  ];
  return refs.length === 0 ? 'every service' : refs.join(', ');
}
