/**
 * The change management policy in force: what the checks demand. Read from
 * `changeCompliance.policy` (see config.d.ts); every default is the strict choice.
 */

/** Logical ticket fields the control's step 4 asks for. */
export const TICKET_FIELDS = [
  'description',
  'requester',
  'justification',
  'implementationPlan',
  'rollbackPlan',
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

/** The ticket system whose tickets are the issues of GitHub repositories (`#12`, `acme/payments#12`). */
export const GITHUB_ISSUES_SYSTEM = 'github-issues';
/** The ticket system whose tickets are ServiceNow change requests (`CHG0012345`). */
export const SERVICENOW_SYSTEM = 'servicenow';

/**
 * A ticket project whose references count. How a reference to it is written depends on its system:
 * `github-issues` and `servicenow` have their own forms; every other system (`jira`, ...) uses
 * Jira-style keys, `PAY-123`.
 */
export interface TicketProjectPolicy {
  /** Ticket system id, e.g. `jira`, `servicenow`, `github-issues`. */
  system: string;
  /**
   * Project key as it appears in references, e.g. `PAY` for `PAY-123`; for `servicenow`, the
   * number prefix, e.g. `CHG` for `CHG0012345`; for `github-issues`, the project's name (its
   * references are written with the repository instead).
   */
  key: string;
  /**
   * Where the project's tickets are shown, e.g. `https://acme.atlassian.net` (for `github-issues`,
   * a GitHub Enterprise host; default `https://github.com`). A key inside a link counts only when
   * the link goes there: the same key on another site is another system's ticket.
   */
  url?: string;
  /** For `github-issues` (and only there): the repositories (`owner/name`) whose issues are tickets. */
  repositories?: string[];
}

export interface ChangePolicy {
  /** Environment names, or globs, that are production. */
  productionEnvironments: string[];
  /** The projects whose keys count as ticket references; a key of any other project is not a ticket. */
  ticketProjects: TicketProjectPolicy[];
  /** The fields every linked ticket must have filled (control step 4). */
  requiredTicketFields: TicketField[];
  /**
   * Per ticket system: which of its fields holds each logical field. A required field with no
   * mapping cannot be shown filled, so it counts as missing.
   */
  ticketFieldMapping: Record<string, Partial<Record<TicketField, string>>>;
  /** Texts that do not count as a filled field (compared trimmed, case-insensitively). */
  placeholderTexts: string[];
  minApprovals: number;
  /**
   * Whether an approval of an earlier head stays valid when every later commit is a merge from
   * the base branch. Default false: any later commit makes it stale.
   */
  allowStaleApprovalAfterBaseMerge: boolean;
  qualifiedReviewers: {
    /** Members of the service's owning group (from the catalog) are qualified. */
    owningGroup: boolean;
    /** Code owners of every changed path are qualified. */
    codeOwners: boolean;
    /** Members of these groups (entity refs) are qualified. */
    groups: string[];
  };
  /** Members of these groups (entity refs) are authorised change approvers (e.g. a CAB). */
  approverGroups: string[];
  /** Whether a GitHub deployment review by a required reviewer of the environment is a formal approval. */
  acceptEnvironmentReviewers: boolean;
  emergency: {
    labels: string[];
    ticketTypes: string[];
    ticketPriorities: string[];
    /** How long after the deployment review and approval may be given, in milliseconds. */
    retroWindowMs: number;
  };
  /** Branches (globs) a production artefact may come from; `$default` is the repository's default branch. */
  productionBranches: string[];
  /** Accounts that are bots although their account type does not say so. */
  botAccounts: string[];
  /** Accounts whose direct commits are automated changes, not bypasses (e.g. a release bot). */
  automationAccounts: string[];
  /** Paths (globs) that need no ticket, review or approval when a change touches nothing else. */
  exemptPaths: string[];
  /** Audit sample size bounds and default. */
  sample: { min: number; max: number; default: number };
}

/** The strict defaults. */
export const DEFAULT_POLICY: ChangePolicy = {
  productionEnvironments: ['production'],
  ticketProjects: [],
  requiredTicketFields: [...TICKET_FIELDS],
  ticketFieldMapping: {
    // Jira has no standard fields for justification, plan and rollback: map your custom fields.
    jira: { description: 'description', requester: 'reporter' },
    servicenow: {
      description: 'description',
      requester: 'requested_by',
      justification: 'justification',
      implementationPlan: 'implementation_plan',
      rollbackPlan: 'backout_plan',
    },
    // An issue's fields are its body's Markdown sections by heading (`## Rollback plan`; headings
    // compare without regard to case), and `author`, who opened the issue.
    [GITHUB_ISSUES_SYSTEM]: {
      description: 'Description',
      requester: 'author',
      justification: 'Justification',
      implementationPlan: 'Implementation plan',
      rollbackPlan: 'Rollback plan',
    },
  },
  placeholderTexts: [
    'tbd',
    'todo',
    'n/a',
    'na',
    'none',
    '-',
    '--',
    '...',
    'to be defined',
    'to be determined',
    'fill in',
    'fill me in',
  ],
  minApprovals: 1,
  allowStaleApprovalAfterBaseMerge: false,
  qualifiedReviewers: { owningGroup: true, codeOwners: true, groups: [] },
  approverGroups: [],
  acceptEnvironmentReviewers: false,
  emergency: {
    labels: ['emergency', 'hotfix'],
    ticketTypes: [],
    ticketPriorities: [],
    retroWindowMs: 72 * 60 * 60 * 1000,
  },
  productionBranches: ['$default'],
  botAccounts: [],
  automationAccounts: [],
  exemptPaths: [],
  sample: { min: 25, max: 40, default: 25 },
};
