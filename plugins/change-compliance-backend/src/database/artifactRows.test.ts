import { RunningArtifactObservation } from '@change-compliance/plugin-change-compliance-node';
import { storeOnEachDatabase } from '../__testUtils__/storeOnEachDatabase';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const OLD = `sha256:${'01'.repeat(32)}`;
const NEW = `sha256:${'02'.repeat(32)}`;

function seen(
  digest: string,
  observedAt: string,
  overrides: Partial<RunningArtifactObservation> = {},
): RunningArtifactObservation {
  return {
    serviceRef: SERVICE,
    cluster: 'production-eu',
    namespace: 'payments',
    workload: 'Deployment/payments-api',
    container: 'api',
    image: 'registry.example/payments-api:1.4.2',
    digest,
    observedAt,
    ...overrides,
  };
}

describe('running artefacts and provenance in the store', () => {
  const { databases, createStore } = storeOnEachDatabase();

  it.each(databases.eachSupportedId())(
    'keeps when each image was first and last seen, and what no longer runs, on %p',
    async id => {
      const store = await createStore(id);
      const sweep = (observedAt: string) => ({
        cluster: 'production-eu',
        serviceRefs: [SERVICE],
        observedAt,
      });
      // Two pods of one workload: one row.
      await store.recordRunningArtifacts(sweep('2026-11-10T10:00:00.000Z'), [
        seen(OLD, '2026-11-10T10:00:00.000Z'),
        seen(OLD, '2026-11-10T10:00:00.000Z'),
      ]);
      await store.recordRunningArtifacts(sweep('2026-11-10T11:00:00.000Z'), [
        seen(OLD, '2026-11-10T11:00:00.000Z'),
      ]);
      await store.recordRunningArtifacts(sweep('2026-11-10T12:00:00.000Z'), [
        seen(NEW, '2026-11-10T12:00:00.000Z'),
      ]);

      expect(await store.listRunningArtifacts(SERVICE)).toEqual([
        expect.objectContaining({
          digest: NEW,
          firstSeenAt: '2026-11-10T12:00:00.000Z',
          lastSeenAt: '2026-11-10T12:00:00.000Z',
          running: true,
        }),
        expect.objectContaining({
          digest: OLD,
          firstSeenAt: '2026-11-10T10:00:00.000Z',
          lastSeenAt: '2026-11-10T11:00:00.000Z',
          running: false,
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the digests provenance is wanted for, and keeps a statement once, on %p',
    async id => {
      const store = await createStore(id);
      await store.upsertDeployments([
        {
          source: 'ci',
          externalId: '1',
          serviceRef: SERVICE,
          environment: 'production',
          commitSha: 'abcdef1',
          imageDigest: OLD,
          provenanceRef: 'https://ci.example/attestations/1',
          deployedAt: '2026-11-10T09:00:00.000Z',
          status: 'success',
          ticketKeys: [],
        },
      ]);
      await store.recordRunningArtifacts(
        {
          cluster: 'production-eu',
          serviceRefs: [SERVICE],
          observedAt: '2026-11-10T10:00:00.000Z',
        },
        [seen(NEW, '2026-11-10T10:00:00.000Z')],
      );
      const statement = {
        digest: OLD,
        source: 'github-attestations',
        statementId: 'f'.repeat(64),
        predicateType: 'https://slsa.dev/provenance/v1',
        sourceCommit: 'ABCDEF1234567890ABCDEF1234567890ABCDEF12',
        verification: 'unverified' as const,
        verificationNote: 'no key configured',
        fetchedAt: '2026-11-10T10:00:00.000Z',
      };
      await store.upsertProvenance([statement]);
      await store.upsertProvenance([
        { ...statement, fetchedAt: '2026-11-11T10:00:00.000Z' },
      ]);

      expect(await store.listArtifactDigests()).toEqual([
        { serviceRef: SERVICE, digest: OLD, provenanceKnown: true },
        { serviceRef: SERVICE, digest: NEW, provenanceKnown: false },
      ]);
      expect(await store.listProvenance([OLD, NEW])).toEqual([
        expect.objectContaining({
          digest: OLD,
          sourceCommit: 'abcdef1234567890abcdef1234567890abcdef12',
          fetchedAt: '2026-11-10T10:00:00.000Z',
        }),
      ]);
      expect((await store.getDeployment('ci/1'))?.provenanceRef).toBe(
        'https://ci.example/attestations/1',
      );
      expect(
        await store.listDeploymentsWithDigests(SERVICE, [OLD, NEW]),
      ).toEqual([
        {
          id: 'ci/1',
          environment: 'production',
          status: 'success',
          imageDigest: OLD,
          deployedAt: '2026-11-10T09:00:00.000Z',
        },
      ]);
    },
  );
});
