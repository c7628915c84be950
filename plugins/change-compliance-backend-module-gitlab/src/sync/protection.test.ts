import { z } from 'zod';
import {
  approvalRuleSchema,
  projectApprovalSettingsSchema,
  protectedBranchSchema,
} from '../client/schemas';
import protectionFixture from '../__fixtures__/protection.json';
import {
  ProjectProtection,
  protectionChanged,
  protectionSnapshot,
} from './protection';

const protection: ProjectProtection = {
  protectedBranches: z
    .array(protectedBranchSchema)
    .parse(protectionFixture.protectedBranches),
  approvalRules: z
    .array(approvalRuleSchema)
    .parse(protectionFixture.approvalRules),
  approvalSettings: projectApprovalSettingsSchema.parse(
    protectionFixture.approvalSettings,
  ),
};
const AT = '2026-11-20T00:00:00.000Z';

describe('protectionSnapshot', () => {
  it('records the default branch with its approval rules and who may approve', () => {
    expect(protectionSnapshot('g/p', 'main', protection, AT)).toEqual({
      repository: 'g/p',
      branch: 'main',
      observedAt: AT,
      protected: true,
      settings: {
        requiredApprovingReviewCount: 1,
        dismissStaleReviews: true,
        requireCodeOwnerReviews: true,
        allowForcePushes: false,
        allowedToPush: ['Maintainers'],
        allowedToMerge: ['Developers + Maintainers'],
        authorsMayApprove: false,
        committersMayApprove: false,
        approvalRulesEditableInMergeRequests: false,
        approvalRules: ['Peer review: 1'],
      },
    });
  });

  it('covers a release branch by its wildcard entry, with the rules naming it', () => {
    const snapshot = protectionSnapshot(
      'g/p',
      'release/2026/10',
      protection,
      AT,
    );
    expect(snapshot.protected).toBe(true);
    expect(snapshot.settings).toMatchObject({
      requiredApprovingReviewCount: 2,
      allowedToPush: ['No one'],
      approvalRules: ['Peer review: 1', 'Release managers: 2'],
    });
  });

  it('records a branch no entry covers as unprotected', () => {
    expect(protectionSnapshot('g/p', 'hotfix', protection, AT)).toEqual({
      repository: 'g/p',
      branch: 'hotfix',
      observedAt: AT,
      protected: false,
      settings: {},
    });
  });

  it('does not call a branch protected when no approval rule can be read (GitLab Free)', () => {
    const free = { protectedBranches: protection.protectedBranches };
    const snapshot = protectionSnapshot('g/p', 'main', free, AT);
    expect(snapshot.protected).toBe(false);
    expect(snapshot.settings).toMatchObject({
      requiredApprovingReviewCount: 0,
      authorsMayApprove: null,
      committersMayApprove: null,
    });
  });
});

describe('protectionChanged', () => {
  it('sees changes to protected branches and approval settings, not other events', () => {
    const event = (eventName: string, details = {}) => ({
      id: 1,
      created_at: AT,
      event_name: eventName,
      details,
    });
    expect(protectionChanged([])).toBe(false);
    expect(protectionChanged([event('project_feature_updated')])).toBe(false);
    expect(protectionChanged([event('protected_branch_updated')])).toBe(true);
    expect(
      protectionChanged([
        event('', { change: 'merge_requests_author_approval', from: false }),
      ]),
    ).toBe(true);
  });
});
