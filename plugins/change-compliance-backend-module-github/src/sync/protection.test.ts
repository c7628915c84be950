import { ruleFor } from './protection';
import { GraphqlProtectionRule } from './readRepositoryEvidence';

function rule(pattern: string): GraphqlProtectionRule {
  return {
    pattern,
    requiresApprovingReviews: true,
    requiredApprovingReviewCount: 1,
    dismissesStaleReviews: false,
    requiresCodeOwnerReviews: false,
    isAdminEnforced: false,
    allowsForcePushes: false,
    allowsDeletions: false,
    requiredStatusCheckContexts: [],
  };
}

describe('ruleFor', () => {
  const rules = [rule('release/*'), rule('**/hotfix'), rule('main'), rule('*')];

  it.each([
    ['main', 'main'],
    ['release/1.4', 'release/*'],
    ['team/a/hotfix', '**/hotfix'],
    ['feature', '*'],
  ])('protects %s with %s', (branch, pattern) => {
    expect(ruleFor(rules, branch)?.pattern).toBe(pattern);
  });

  it('leaves a branch no pattern covers unprotected: `*` stops at a slash', () => {
    expect(ruleFor(rules, 'release/1.4/patch')).toBeUndefined();
  });

  it('prefers the rule that names the branch over an earlier pattern', () => {
    expect(ruleFor([rule('m*'), rule('main')], 'main')?.pattern).toBe('main');
  });
});
