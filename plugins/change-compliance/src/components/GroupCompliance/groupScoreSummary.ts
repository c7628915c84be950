import {
  GroupSummary,
  ServiceSummary,
} from '@change-compliance/plugin-change-compliance-common';

/**
 * The group's rollup in the shape the score card reads, so the group's score reads exactly as a
 * service's does: the same rounding, the same counts, pending apart, the checks failing most
 * often over all its services. The card draws no trend: each service's is in the table.
 */
export function groupScoreSummary(group: GroupSummary): ServiceSummary {
  return {
    entityRef: group.groupRef,
    from: group.from,
    to: group.to,
    compliant: group.compliant,
    exceptions: group.exceptions,
    pending: group.pending,
    score: group.score,
    trend: [],
    failuresByCheck: group.failuresByCheck,
  };
}
