import { CHECK_IDS } from '@change-compliance/plugin-change-compliance-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { daysBefore } from '../time';

const MINUTE_MS = 60_000;

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 time, e.g. 2026-11-01T00:00:00Z',
});

/** The period a view covers: `from` (inclusive) and `to` (exclusive); default the last 90 days. */
const periodSchema = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
});

const deploymentQuerySchema = periodSchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  environment: z.string().min(1).optional(),
  verdict: z.enum(['compliant', 'pending', 'exception']).optional(),
  check: z.enum(CHECK_IDS).optional(),
});

function parse<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid query parameter ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}

function nextWholeMinute(time: Date): Date {
  return new Date(
    Math.floor(time.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS,
  );
}

function resolvePeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date,
) {
  // An open period ends at the next whole minute rather than this millisecond: requests within a
  // minute ask the same question and get the same (remembered) answer. A deployment is recorded
  // after it happened, so the minute ahead holds none but those a skewed clock dated ahead.
  const end = to ? new Date(to) : nextWholeMinute(now);
  const start = new Date(from ?? daysBefore(end, 90));
  if (start >= end) {
    throw new InputError('Invalid query parameters: from must be before to');
  }
  return { from: start.toISOString(), to: end.toISOString() };
}

export function parsePeriod(query: unknown, now = new Date()) {
  const { from, to } = parse(periodSchema, query);
  return resolvePeriod(from, to, now);
}

export function parseDeploymentQuery(query: unknown, now = new Date()) {
  const parsed = parse(deploymentQuerySchema, query);
  return { ...parsed, ...resolvePeriod(parsed.from, parsed.to, now) };
}

/**
 * The deployment id of a `/deployments/:source/:externalId` path. The source is the id's first
 * segment, so it cannot hold a slash (an encoded `%2F` arrives decoded); the external id may.
 */
export function deploymentIdFromPath(params: {
  source: string;
  externalId: string;
}): string {
  if (params.source.includes('/')) {
    throw new InputError(
      `The deployment source must not contain '/': ${params.source}`,
    );
  }
  return `${params.source}/${params.externalId}`;
}
