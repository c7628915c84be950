import { z } from 'zod';
import { CHECK_IDS } from '../model';

/*
 * The scenario format: an organisation described the way a person tells it ("alice opened PR 1,
 * bob approved it, it was merged and deployed"), from which build.ts derives the commits, SHAs and
 * every upstream record. The generator writes the same format, so hand-written and generated
 * organisations go through one builder. Times are ISO-8601; people are GitHub logins.
 */

const time = z.iso.datetime({ offset: true });
const checkStatus = z.enum(['pass', 'fail', 'pending', 'not-applicable']);

export const personSchema = z.object({
  login: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  bot: z.boolean().default(false),
  /** The catalog user, `user:default/alice.nakamura`. */
  user: z.string().optional(),
});

export const reviewSchema = z.object({
  reviewer: z.string(),
  state: z
    .enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'])
    .default('APPROVED'),
  at: time,
  /** Which of the PR's commits the reviewer saw (1-based); default the last (the final head). */
  onCommit: z.number().int().positive().optional(),
});

export const commitSchema = z.object({
  message: z.string(),
  author: z.string(),
  at: time,
  files: z.array(z.string()).default(['src/index.ts']),
  /** Logins credited with `Co-authored-by:` trailers. */
  coAuthors: z.array(z.string()).default([]),
});

export const pullRequestSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().default(''),
  author: z.string(),
  branch: z.string().optional(),
  base: z.string().optional(),
  labels: z.array(z.string()).default([]),
  createdAt: time,
  /** The PR's commits; default one commit by the author with the PR's title and `files`. */
  commits: z.array(commitSchema).optional(),
  files: z.array(z.string()).default(['src/index.ts']),
  reviews: z.array(reviewSchema).default([]),
  /** Absent: still open. */
  mergedAt: time.optional(),
  mergedBy: z.string().optional(),
  mergeMethod: z.enum(['merge', 'squash', 'rebase']).default('merge'),
  /** Merged by an administrator past the required reviews (admin override). */
  adminOverride: z.boolean().default(false),
});

export const directCommitSchema = commitSchema.extend({
  /** Branch it was pushed to; default the repository's default branch. */
  branch: z.string().optional(),
});

export const deploymentSchema = z.object({
  id: z.number().int().positive(),
  /** The catalog component deployed (monorepos deploy several from one repository). */
  service: z.string(),
  environment: z.string().default('production'),
  /** Branch deployed: the deployment ships that branch's head at `at`. */
  ref: z.string().optional(),
  at: time,
  by: z.string(),
  status: z.enum(['success', 'failure', 'error']).default('success'),
  /** Approvals given in the GitHub environment's deployment protection. */
  reviews: z
    .array(
      z.object({
        reviewer: z.string(),
        at: time,
        state: z.enum(['approved', 'rejected']).default('approved'),
      }),
    )
    .default([]),
  /** Ticket keys the pipeline recorded on the deployment. */
  tickets: z.array(z.string()).default([]),
  /**
   * A sync of this Argo CD application instead of a GitHub deployment: it is served in the
   * application's history on that instance, and GitHub does not know it. `by` started it, unless
   * the application's automated sync policy did.
   */
  argoCd: z
    .object({
      instance: z.string().min(1),
      application: z.string().min(1),
      automated: z.boolean().default(false),
      /** Where the application's manifests are in the repository. */
      path: z.string().default('deploy'),
    })
    .optional(),
  /** What the product must conclude: the verdict, and the checks that are not `pass`. */
  expected: z
    .object({
      verdict: z.enum(['compliant', 'pending', 'exception']),
      checks: z.partialRecord(z.enum(CHECK_IDS), checkStatus).default({}),
      messiness: z.array(z.string()).default([]),
    })
    .optional(),
});

export const protectionSchema = z.object({
  branch: z.string(),
  requiredApprovals: z.number().int().nonnegative().default(1),
  dismissStaleReviews: z.boolean().default(true),
  requireCodeOwnerReviews: z.boolean().default(false),
  enforceAdmins: z.boolean().default(false),
  requiredStatusChecks: z.array(z.string()).default([]),
});

/** A change to an issue's labels: who added (or removed) which label, when. */
export const labelEventSchema = z.object({
  label: z.string().min(1),
  actor: z.string(),
  at: time,
  action: z.enum(['added', 'removed']).default('added'),
});

/**
 * A pull request that references an issue, as GitHub records it on the issue's timeline: a mention
 * (`closes`: with a closing keyword such as `Fixes #12`), or a link made in the issue's Development
 * sidebar (`connected`, undone at `disconnectedAt`). The simulator does not read PR text for
 * references: what a scenario lists here is what GitHub recorded.
 */
export const issueReferenceSchema = z.object({
  pullRequest: z.number().int().positive(),
  /** `owner/name` of the PR's repository; default the issue's. */
  repository: z
    .string()
    .regex(/^[^/]+\/[^/]+$/, 'must be owner/name')
    .optional(),
  /** Default: when the PR was opened. */
  at: time.optional(),
  /** Default: the PR's author. */
  by: z.string().optional(),
  closes: z.boolean().default(false),
  connected: z.boolean().default(false),
  disconnectedAt: time.optional(),
});

/** A GitHub issue used as a ticket: its body's `## Heading` sections are the ticket's fields. */
export const issueSchema = z.object({
  /** Issues and PRs of a repository share one numbering: no PR may have the same number. */
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string().default(''),
  author: z.string(),
  createdAt: time,
  /** Absent: still open. */
  closedAt: time.optional(),
  labels: z.array(labelEventSchema).default([]),
  referencedBy: z.array(issueReferenceSchema).default([]),
});

export const repositorySchema = z.object({
  /** `owner/name` */
  name: z.string().regex(/^[^/]+\/[^/]+$/, 'must be owner/name'),
  /** The host it lives on: a GitLab project is served by the simulated GitLab only. */
  host: z.enum(['github', 'gitlab']).default('github'),
  defaultBranch: z.string().default('main'),
  createdAt: time.optional(),
  /** Release branches: name and the time they were cut from the default branch. */
  branches: z.array(z.object({ name: z.string(), from: time })).default([]),
  protection: z.array(protectionSchema).default([]),
  environments: z
    .array(
      z.object({
        name: z.string(),
        reviewers: z.array(z.string()).default([]),
        preventSelfReview: z.boolean().default(true),
      }),
    )
    .default([]),
  codeowners: z.string().optional(),
  pullRequests: z.array(pullRequestSchema).default([]),
  directCommits: z.array(directCommitSchema).default([]),
  deployments: z.array(deploymentSchema).default([]),
  /** GitHub issues, for services whose tickets are this repository's issues. */
  issues: z.array(issueSchema).default([]),
});

export const ticketSchema = z.object({
  key: z
    .string()
    .regex(/^[A-Z][A-Z0-9]*-[1-9][0-9]*$/, 'must be a Jira key such as PAY-1'),
  summary: z.string(),
  type: z.string().default('Story'),
  priority: z.string().default('Medium'),
  description: z.string().nullable().default(null),
  reporter: z.string(),
  createdAt: time,
  labels: z.array(z.string()).default([]),
  /** The policy's required fields, by their names in the demo's field mapping. */
  justification: z.string().nullable().default(null),
  implementationPlan: z.string().nullable().default(null),
  rollbackPlan: z.string().nullable().default(null),
  /** Workflow: each transition with who made it and when; the last one is the status. */
  transitions: z
    .array(z.object({ to: z.string(), by: z.string(), at: time }))
    .default([]),
  /** Remote links back to PRs, commits or deployments (`northwind/payments-api#12` or a URL). */
  links: z.array(z.string()).default([]),
});

export const changeRequestSchema = z.object({
  number: z.string().regex(/^CHG\d+$/),
  shortDescription: z.string(),
  description: z.string().default(''),
  justification: z.string().default(''),
  implementationPlan: z.string().default(''),
  backoutPlan: z.string().default(''),
  type: z.enum(['normal', 'standard', 'emergency']).default('normal'),
  requestedBy: z.string(),
  openedAt: time,
  state: z.string().default('3'),
  covers: z.string().optional(),
  approvals: z
    .array(
      z.object({
        approver: z.string(),
        state: z
          .enum(['requested', 'approved', 'rejected'])
          .default('approved'),
        at: time,
      }),
    )
    .default([]),
});

export const scenarioSchema = z.object({
  /** The simulated present: emergency windows and relative searches count from it. */
  now: time,
  people: z.array(personSchema).default([]),
  repositories: z.array(repositorySchema).default([]),
  jira: z
    .object({
      projects: z
        .array(z.object({ key: z.string(), name: z.string() }))
        .default([]),
      issues: z.array(ticketSchema).default([]),
    })
    .default({ projects: [], issues: [] }),
  serviceNow: z
    .object({ changeRequests: z.array(changeRequestSchema).default([]) })
    .default({ changeRequests: [] }),
});

export type ScenarioDocument = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioRepository = z.output<typeof repositorySchema>;
export type ScenarioPullRequest = z.output<typeof pullRequestSchema>;
export type ScenarioDeployment = z.output<typeof deploymentSchema>;
export type ScenarioTicket = z.output<typeof ticketSchema>;
export type ScenarioIssue = z.output<typeof issueSchema>;
