import {
  ticketFieldLabel,
  ticketSystemLabel,
} from '../../compliance/evidenceVocabulary';

/**
 * The policy in force, read from `GET /policy` as the auditor reads a policy document: what it
 * demands, in sentences. The API answers the policy as configured (JSON); anything this summary
 * does not name is still in the full text the card shows beside it.
 */

type Policy = Record<string, unknown>;

export interface PolicyLine {
  label: string;
  value: string;
}

/** The sample bounds the backend enforces, and its default size. */
export interface SampleBounds {
  min: number;
  max: number;
  default: number;
}

/** The control's own bounds, for a policy that does not say (the backend's default policy). */
const CONTROL_SAMPLE_BOUNDS: SampleBounds = { min: 25, max: 40, default: 25 };

function record(value: unknown): Policy | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Policy)
    : undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : undefined;
}

function list(items: string[], whenEmpty: string): string {
  return items.length > 0 ? items.join(', ') : whenEmpty;
}

/** One of the policy's lists as text; undefined when the policy has no such list. */
function listOf(value: unknown, whenEmpty: string): string | undefined {
  const items = strings(value);
  return items && list(items, whenEmpty);
}

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

export function sampleBounds(policy: Policy | undefined): SampleBounds {
  const sample = record(policy?.sample);
  const number = (key: keyof SampleBounds) =>
    typeof sample?.[key] === 'number'
      ? (sample[key] as number)
      : CONTROL_SAMPLE_BOUNDS[key];
  return { min: number('min'), max: number('max'), default: number('default') };
}

function ticketProjects(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const projects = value
    .map(record)
    .flatMap(project =>
      project && typeof project.key === 'string'
        ? [`${project.key} (${ticketSystemLabel(String(project.system))})`]
        : [],
    );
  return list(projects, 'none configured: no reference counts as a ticket');
}

function peerReview(policy: Policy): string | undefined {
  if (typeof policy.minApprovals !== 'number') return undefined;
  return `At least ${plural(
    policy.minApprovals,
    'approval',
    'approvals',
  )} on the final head commit, before the merge, by someone who authored none of the change's commits${
    policy.allowStaleApprovalAfterBaseMerge === true
      ? '; an approval stays valid when the only later commits are merges from the base branch'
      : ''
  }.`;
}

function qualifiedReviewers(value: unknown): string | undefined {
  const qualified = record(value);
  if (!qualified) return undefined;
  const who = [
    ...(qualified.owningGroup === true ? ['members of the owning team'] : []),
    ...(qualified.codeOwners === true
      ? ['code owners of the changed paths']
      : []),
    ...(strings(qualified.groups) ?? []),
  ];
  return list(who, 'none listed');
}

function approvers(policy: Policy): string | undefined {
  const groups = strings(policy.approverGroups);
  if (!groups) return undefined;
  const who = [
    ...groups,
    ...(policy.acceptEnvironmentReviewers === true
      ? ["required reviewers of the deployment's GitHub environment"]
      : []),
  ];
  return list(who, 'none listed');
}

function emergency(value: unknown): string | undefined {
  const rules = record(value);
  if (!rules) return undefined;
  const markers = [
    ...(strings(rules.labels) ?? []).map(l => `label ${l}`),
    ...(strings(rules.ticketTypes) ?? []).map(t => `ticket type ${t}`),
    ...(strings(rules.ticketPriorities) ?? []).map(p => `priority ${p}`),
  ];
  const hours =
    typeof rules.retroWindowMs === 'number'
      ? Math.round(rules.retroWindowMs / 3_600_000)
      : undefined;
  return `Marked by ${list(markers, 'nothing (no change is an emergency)')}${
    hours === undefined
      ? ''
      : `; review and approval may follow within ${plural(
          hours,
          'hour',
          'hours',
        )} of the deployment`
  }.`;
}

function branches(value: unknown): string | undefined {
  const patterns = strings(value);
  return (
    patterns &&
    list(
      patterns.map(p => (p === '$default' ? 'the default branch' : p)),
      'none',
    )
  );
}

/** The policy's rules, one line each, in the order of the testing procedure. */
export function policyLines(policy: Policy): PolicyLine[] {
  const requiredFields = strings(policy.requiredTicketFields);
  const lines: Array<[string, string | undefined]> = [
    ['Production environments', listOf(policy.productionEnvironments, 'none')],
    ['Ticket projects', ticketProjects(policy.ticketProjects)],
    [
      'Required ticket fields',
      requiredFields && list(requiredFields.map(ticketFieldLabel), 'none'),
    ],
    ['Peer review', peerReview(policy)],
    ['Qualified reviewers', qualifiedReviewers(policy.qualifiedReviewers)],
    ['Authorised change approvers', approvers(policy)],
    ['Emergency changes', emergency(policy.emergency)],
    ['Production branches', branches(policy.productionBranches)],
    ['Exempt paths', listOf(policy.exemptPaths, 'none')],
    ['Automation accounts', listOf(policy.automationAccounts, 'none')],
  ];
  const bounds = record(policy.sample) ? sampleBounds(policy) : undefined;
  if (bounds) {
    lines.push([
      'Audit sample size',
      `${bounds.min} to ${bounds.max}, ${bounds.default} unless chosen`,
    ]);
  }
  return lines.flatMap(([label, value]) =>
    value === undefined ? [] : [{ label, value }],
  );
}
