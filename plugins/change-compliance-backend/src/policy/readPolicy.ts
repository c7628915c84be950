import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod';
import {
  ChangePolicy,
  DEFAULT_POLICY,
  GITHUB_ISSUES_SYSTEM,
  TICKET_FIELDS,
} from './ChangePolicy';

const CONFIG_KEY = 'changeCompliance.policy';

const nonEmpty = z.string().trim().min(1);
const groupRef = z
  .string()
  .regex(
    /^group:[^/]+\/.+$/,
    'must be a group entity ref such as group:default/cab',
  );
const ticketField = z.enum(TICKET_FIELDS);

/**
 * A ticket project. `repositories` belongs to GitHub Issues alone: there it says which issues are
 * tickets, and without it no `#12` could ever count, so it is required.
 */
const ticketProject = z
  .strictObject({
    system: nonEmpty,
    key: z
      .string()
      .regex(
        /^[A-Z][A-Z0-9_]+$/,
        'must be an upper-case project key such as PAY',
      ),
    url: z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as https://acme.atlassian.net',
      })
      .optional(),
    repositories: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+$/,
            'must be a repository as owner/name, such as acme/payments',
          ),
      )
      .min(1)
      .optional(),
  })
  .superRefine((project, ctx) => {
    const githubIssues = project.system === GITHUB_ISSUES_SYSTEM;
    if (githubIssues && !project.repositories) {
      ctx.addIssue({
        code: 'custom',
        path: ['repositories'],
        message: `is required for system ${GITHUB_ISSUES_SYSTEM}: the repositories (owner/name) whose issues are tickets`,
      });
    }
    if (!githubIssues && project.repositories) {
      ctx.addIssue({
        code: 'custom',
        path: ['repositories'],
        message: `is only for system ${GITHUB_ISSUES_SYSTEM}`,
      });
    }
  });

/** Everything but the duration, which Backstage's own reader handles. Unknown keys are errors. */
const policySchema = z
  .object({
    productionEnvironments: z.array(nonEmpty).min(1),
    ticketProjects: z.array(ticketProject),
    requiredTicketFields: z.array(ticketField),
    ticketFieldMapping: z.record(
      z.string(),
      z.partialRecord(ticketField, nonEmpty),
    ),
    placeholderTexts: z.array(z.string()),
    minApprovals: z
      .number()
      .int()
      .min(1, 'must be at least 1: the control requires a peer review'),
    allowStaleApprovalAfterBaseMerge: z.boolean(),
    qualifiedReviewers: z
      .strictObject({
        owningGroup: z.boolean(),
        codeOwners: z.boolean(),
        groups: z.array(groupRef),
      })
      .partial(),
    approverGroups: z.array(groupRef),
    acceptEnvironmentReviewers: z.boolean(),
    emergency: z
      .strictObject({
        labels: z.array(nonEmpty),
        ticketTypes: z.array(nonEmpty),
        ticketPriorities: z.array(nonEmpty),
        retroWindow: z.unknown(),
      })
      .partial(),
    productionBranches: z.array(nonEmpty).min(1),
    botAccounts: z.array(nonEmpty),
    automationAccounts: z.array(nonEmpty),
    exemptPaths: z.array(nonEmpty),
    sample: z
      .strictObject({
        min: z.number().int().min(1),
        max: z.number().int().min(1),
        default: z.number().int().min(1),
      })
      .partial(),
  })
  .strict()
  .partial();

/** A policy that cannot be read stops the backend: a wrong policy would give wrong verdicts. */
export class PolicyConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`Invalid change compliance policy: ${key} ${problem}`);
    this.name = 'PolicyConfigError';
  }
}

/**
 * Reads `changeCompliance.policy` over the strict defaults. Every key is optional; a bad one
 * throws a PolicyConfigError naming the key.
 */
export function readPolicy(config: Config): ChangePolicy {
  const section = config.getOptionalConfig(CONFIG_KEY);
  if (!section) return structuredClone(DEFAULT_POLICY);

  const parsed = policySchema.safeParse(section.get());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = [CONFIG_KEY, ...issue.path.map(String)].join('.');
    const problem =
      issue.code === 'unrecognized_keys'
        ? `has unknown key(s) ${issue.keys.join(', ')}`
        : issue.message.replace(/^Invalid input: /, 'is invalid: ');
    throw new PolicyConfigError(key, problem);
  }
  const given = parsed.data;
  const defaults = structuredClone(DEFAULT_POLICY);

  let retroWindowMs = defaults.emergency.retroWindowMs;
  if (section.has('emergency.retroWindow')) {
    try {
      retroWindowMs = durationToMilliseconds(
        readDurationFromConfig(section, { key: 'emergency.retroWindow' }),
      );
    } catch (error) {
      throw new PolicyConfigError(
        `${CONFIG_KEY}.emergency.retroWindow`,
        `is not a duration (${(error as Error).message})`,
      );
    }
  }

  const sample = { ...defaults.sample, ...given.sample };
  if (!(sample.min <= sample.default && sample.default <= sample.max)) {
    throw new PolicyConfigError(
      `${CONFIG_KEY}.sample`,
      `must satisfy min <= default <= max (got ${sample.min}, ${sample.default}, ${sample.max})`,
    );
  }

  const ticketFieldMapping = { ...defaults.ticketFieldMapping };
  for (const [system, mapping] of Object.entries(
    given.ticketFieldMapping ?? {},
  )) {
    ticketFieldMapping[system] = { ...ticketFieldMapping[system], ...mapping };
  }

  const { retroWindow: _duration, ...emergency } = given.emergency ?? {};
  return {
    ...defaults,
    ...given,
    ticketFieldMapping,
    qualifiedReviewers: {
      ...defaults.qualifiedReviewers,
      ...given.qualifiedReviewers,
    },
    emergency: { ...defaults.emergency, ...emergency, retroWindowMs },
    sample,
  };
}
