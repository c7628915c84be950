import { branchGlobMatches, productionBranches } from './productionBranches';

describe('branchGlobMatches', () => {
  it('keeps * within one path segment and lets ** cross them', () => {
    expect(branchGlobMatches('release/*', 'release/1.4')).toBe(true);
    expect(branchGlobMatches('release/*', 'release/1.4/hotfix')).toBe(false);
    expect(branchGlobMatches('release/**', 'release/1.4/hotfix')).toBe(true);
    expect(branchGlobMatches('main', 'main')).toBe(true);
    expect(branchGlobMatches('v1.?', 'v1x4')).toBe(false);
  });
});

describe('productionBranches', () => {
  it('lists the default branch, named branches without records, and matching recorded ones', () => {
    const record = (branch: string, observedAt: string) => ({
      branch,
      observedAt,
      protected: true,
      settings: {},
    });
    const branches = productionBranches({
      entityRef: 'component:default/payments-api',
      repository: 'northwind/payments-api',
      defaultBranch: 'main',
      productionBranches: ['$default', 'hotfix', 'release/*', 'main'],
      productionEnvironments: ['production'],
      environments: [],
      protection: [
        record('main', '2026-10-20T00:00:00.000Z'),
        record('main', '2026-10-01T00:00:00.000Z'),
        record('release/2', '2026-10-01T00:00:00.000Z'),
        record('feature/x', '2026-10-01T00:00:00.000Z'),
      ],
    });
    expect(branches.map(b => [b.branch, b.records.length])).toEqual([
      ['main', 2],
      ['hotfix', 0],
      ['release/2', 1],
    ]);
    expect(branches[0].records[1].observedAt).toBe('2026-10-20T00:00:00.000Z');
  });
});
