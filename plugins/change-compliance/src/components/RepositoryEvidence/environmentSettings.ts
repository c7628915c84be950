import {
  EnvironmentProtectionSettings,
  EnvironmentReviewer,
} from '@change-compliance/plugin-change-compliance-common';
import { ProtectionChange, ProtectionSetting } from './protectionSettings';

function reviewerName(reviewer: EnvironmentReviewer): string {
  return reviewer.type === 'team' ? `team ${reviewer.name}` : reviewer.name;
}

function minutes(count: number): string {
  if (count <= 0) return 'none';
  return count === 1 ? '1 minute' : `${count} minutes`;
}

function branchPolicy(
  policy: EnvironmentProtectionSettings['deploymentBranchPolicy'],
): string {
  if (!policy) return 'any branch';
  if (policy.type === 'protected-branches') return 'protected branches only';
  return policy.patterns.length
    ? `matching ${policy.patterns.join(', ')}`
    : 'matching no pattern';
}

/**
 * An environment's protection as the lines an auditor reads, in a fixed order: who must approve,
 * whether the deployer may approve their own deployment, the wait, and which branches may deploy.
 */
export function describeEnvironmentProtection(
  settings: EnvironmentProtectionSettings,
): ProtectionSetting[] {
  const reviewers = settings.requiredReviewers;
  return [
    {
      key: 'requiredReviewers',
      label: 'Required reviewers',
      value: reviewers.length ? reviewers.map(reviewerName).join(', ') : 'none',
    },
    {
      key: 'preventSelfReview',
      label: 'Self-review prevented',
      value: settings.preventSelfReview ? 'yes' : 'no',
    },
    {
      key: 'waitTimerMinutes',
      label: 'Wait timer',
      value: minutes(settings.waitTimerMinutes),
    },
    {
      key: 'deploymentBranchPolicy',
      label: 'Deployment branches',
      value: branchPolicy(settings.deploymentBranchPolicy),
    },
  ];
}

/** What changed from one record of an environment's protection to the next. */
export function environmentProtectionChanges(
  previous: EnvironmentProtectionSettings,
  current: EnvironmentProtectionSettings,
): ProtectionChange[] {
  const before = new Map(
    describeEnvironmentProtection(previous).map(s => [s.key, s.value]),
  );
  return describeEnvironmentProtection(current)
    .filter(s => before.get(s.key) !== s.value)
    .map(s => ({
      key: s.key,
      label: s.label,
      before: before.get(s.key) ?? 'not recorded',
      after: s.value,
    }));
}
