import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ArtifactProvenance } from '@change-compliance/plugin-change-compliance-node';
import { Knex } from 'knex';
import {
  createTestDatabases,
  databaseServiceFor,
} from '../__testUtils__/testDatabases';
import {
  loadDemoEvidence,
  paymentsApiService as service,
} from '../__testUtils__/demoEvidence';
import { KnexEvidenceStore } from '../database/KnexEvidenceStore';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateService } from './ServiceEvaluator';

jest.setTimeout(60_000);

const DIGEST = `sha256:${'7d1e'.repeat(16)}`;
const OTHER_COMMIT = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

function provenance(
  overrides: Partial<ArtifactProvenance> = {},
): ArtifactProvenance {
  return {
    digest: DIGEST,
    source: 'github-attestations',
    statementId: 'a'.repeat(64),
    predicateType: 'https://slsa.dev/provenance/v1',
    sourceRepository: 'https://github.com/northwind/payments-api',
    sourceCommit: OTHER_COMMIT,
    sourceRef: 'refs/heads/main',
    builderId: 'https://github.com/actions/runner/github-hosted',
    verification: 'verified',
    verificationNote: 'ECDSA key demo-build-key',
    url: 'https://github.example/northwind/payments-api/attestations/1',
    fetchedAt: '2026-11-12T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * The stored build provenance of a deployment's image reaches the engine: a compliant deployment
 * whose image turns out to be built from another commit becomes an exception of
 * `artifact.traceable`, with both commits in the reason.
 */
describe('evaluating deployments against their images build provenance', () => {
  const databases = createTestDatabases();
  let knex: Knex | undefined;

  afterEach(async () => {
    await knex?.destroy();
    knex = undefined;
  });

  async function storeWithImage(id: TestDatabaseId) {
    knex = await databases.init(id);
    const store = await KnexEvidenceStore.create({
      database: databaseServiceFor(knex),
    });
    await loadDemoEvidence(store);
    await store.upsertApprovals(baseline().approvals);
    const deployed = (await store.getDeployment('github/9001'))!;
    await store.upsertDeployments([{ ...deployed, imageDigest: DIGEST }]);
    return { store, deployedCommit: deployed.commitSha };
  }

  const run = (store: KnexEvidenceStore) =>
    evaluateService({
      store,
      policy: basePolicy(),
      service,
      windowStart: '2026-11-01T00:00:00.000Z',
      evaluatedAt: '2026-11-20T00:00:00.000Z',
      cause: 'test',
    });

  it.each(databases.eachSupportedId())(
    'fails artifact.traceable, naming both commits, when the provenance names another commit, on %p',
    async id => {
      const { store, deployedCommit } = await storeWithImage(id);
      await run(store);
      expect((await store.getEvaluation('github/9001'))?.verdict).toBe(
        'compliant',
      );

      await store.upsertProvenance([provenance()]);
      await run(store);

      const evaluation = await store.getEvaluation('github/9001');
      expect(evaluation?.verdict).toBe('exception');
      expect(evaluation?.failingChecks).toEqual(['artifact.traceable']);
      const check = evaluation!.checks.find(
        c => c.checkId === 'artifact.traceable',
      )!;
      expect(check.reason).toContain(`built from commit ${OTHER_COMMIT}`);
      expect(check.reason).toContain(`the deployed commit ${deployedCommit}`);
      expect(check.evidenceRefs).toContain(
        'provenance:https://github.example/northwind/payments-api/attestations/1',
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'stays compliant when the verified provenance names the deployed commit, on %p',
    async id => {
      const { store, deployedCommit } = await storeWithImage(id);
      await store.upsertProvenance([
        provenance({ sourceCommit: deployedCommit }),
      ]);
      await run(store);

      const evaluation = await store.getEvaluation('github/9001');
      expect(evaluation?.verdict).toBe('compliant');
      expect(
        evaluation!.checks.find(c => c.checkId === 'artifact.traceable')!
          .reason,
      ).toMatch(
        /build provenance of sha256:7d1e\S+ names it, signature verified/,
      );
    },
  );
});
