import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AuditReviewRequest,
  AuditScope,
} from '@change-compliance/plugin-change-compliance-common';
import { z } from 'zod';
import { ChangePolicy } from '../policy/ChangePolicy';

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 time, e.g. 2026-11-01T00:00:00Z',
});

/** Refs per list: a scope names systems, teams or services, not the whole catalog. */
const MAX_REFS = 200;

/**
 * A list of entity refs of one kind (any kind when undefined), written out in full
 * (`system:default/payments`; the namespace may be left out) and returned in the catalog's
 * canonical form, once each. A single query parameter arrives as a string, a repeated one as an
 * array.
 */
function refList(kind?: string) {
  const example = `${kind ?? 'component'}:default/name`;
  return z.preprocess(
    value => (typeof value === 'string' ? [value] : value),
    z
      .array(
        z.string().transform((ref, context) => {
          try {
            const parsed = parseEntityRef(ref);
            if (!kind || parsed.kind.toLowerCase() === kind) {
              return stringifyEntityRef(parsed);
            }
          } catch {
            // Reported below, with the form expected.
          }
          context.addIssue({
            code: 'custom',
            message: `must be an entity ref such as ${example}, got ${JSON.stringify(
              ref,
            )}`,
          });
          return z.NEVER;
        }),
      )
      .max(MAX_REFS)
      .optional()
      .transform(refs => (refs ? [...new Set(refs)].sort() : [])),
  );
}

const scopeSchema = z
  .object({
    from: isoTime,
    to: isoTime,
    systems: refList('system'),
    groups: refList('group'),
    services: refList(),
  })
  .refine(scope => Date.parse(scope.from) < Date.parse(scope.to), {
    path: ['to'],
    message: 'must be after from',
  })
  .transform(
    (scope): AuditScope => ({
      ...scope,
      from: new Date(scope.from).toISOString(),
      to: new Date(scope.to).toISOString(),
    }),
  );

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid ${what} ${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** The scope of `GET /audit/population`, from its query parameters; a 400 names the parameter. */
export function parseAuditScopeQuery(query: unknown): AuditScope {
  return parse(scopeSchema, query, 'query parameter');
}

/**
 * The body of `POST /audit/samples`. The size must lie within the policy's sample bounds; the
 * seed is any short printable text. A 400 names the field (`size`, `scope.from`, ...).
 */
export function parseAuditSampleRequest(
  body: unknown,
  bounds: ChangePolicy['sample'],
): { scope: AuditScope; size: number; seed?: string } {
  const schema = z.strictObject({
    scope: scopeSchema,
    size: z
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(bounds.min, {
        message: `must be between ${bounds.min} and ${bounds.max} (the policy's sample bounds)`,
      })
      .max(bounds.max, {
        message: `must be between ${bounds.min} and ${bounds.max} (the policy's sample bounds)`,
      })
      .default(bounds.default),
    seed: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[^\p{Cc}]+$/u, 'must not hold control characters')
      .optional(),
  });
  return parse(schema, body, 'field');
}

/**
 * The body of a review mark. An exception is a finding: its note must say what the auditor found.
 */
export function parseAuditReviewRequest(body: unknown): AuditReviewRequest {
  const schema = z
    .strictObject({
      conclusion: z.enum(['effective', 'exception']),
      note: z.string().trim().max(4000),
    })
    .refine(review => review.conclusion !== 'exception' || review.note, {
      path: ['note'],
      message: 'must say what was found when the conclusion is exception',
    });
  return parse(schema, body, 'field');
}
