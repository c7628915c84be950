import { EnvironmentProtectionSettings } from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { EnvironmentProtectionSnapshot } from '../database/records';
import { DEFAULT_POLICY } from '../policy/ChangePolicy';
import { repositoryEvidence } from './repositoryEvidence';

const REPO = 'northwind/payments-api';
const SERVICE = 'component:default/payments-api';

const none: EnvironmentProtectionSettings = {
  requiredReviewers: [],
  preventSelfReview: false,
  waitTimerMinutes: 0,
  deploymentBranchPolicy: null,
};

function storeWith(snapshots: EnvironmentProtectionSnapshot[]): EvidenceStore {
  const store: Partial<EvidenceStore> = {
    listServices: async () => [
      {
        entityRef: SERVICE,
        repositorySlug: REPO,
        ticketProjectKey: null,
        sourcePaths: null,
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
    ],
    getRepository: async () => ({
      slug: REPO,
      host: 'github.com',
      defaultBranch: 'main',
    }),
    branchProtectionHistory: async () => [],
    environmentProtectionHistory: async repository =>
      snapshots.filter(s => s.repository === repository),
  };
  return store as EvidenceStore;
}

describe('repositoryEvidence', () => {
  it('lists environments production first, each with its history oldest first', async () => {
    const at = (environment: string, observedAt: string, waitTimer = 0) => ({
      repository: REPO,
      environment,
      observedAt,
      settings: { ...none, waitTimerMinutes: waitTimer },
    });
    const answer = await repositoryEvidence(
      storeWith([
        at('qa', '2026-11-01T00:00:00.000Z'),
        at('prod-us', '2026-11-03T00:00:00.000Z', 30),
        at('prod-us', '2026-11-01T00:00:00.000Z', 10),
        at('prod-eu', '2026-11-01T00:00:00.000Z'),
        at('canary', '2026-11-01T00:00:00.000Z'),
      ]),
      { ...DEFAULT_POLICY, productionEnvironments: ['prod-*'] },
      SERVICE,
    );
    expect(answer?.productionEnvironments).toEqual(['prod-*']);
    expect(
      answer?.environments.map(e => [e.environment, e.production]),
    ).toEqual([
      ['prod-eu', true],
      ['prod-us', true],
      ['canary', false],
      ['qa', false],
    ]);
    expect(
      answer?.environments[1].history.map(h => [
        h.observedAt,
        h.settings.waitTimerMinutes,
      ]),
    ).toEqual([
      ['2026-11-01T00:00:00.000Z', 10],
      ['2026-11-03T00:00:00.000Z', 30],
    ]);
  });

  it('answers an empty list when no environment was recorded', async () => {
    const answer = await repositoryEvidence(
      storeWith([]),
      DEFAULT_POLICY,
      SERVICE,
    );
    expect(answer?.environments).toEqual([]);
  });
});
