import { DeploymentRecord } from '@change-compliance/plugin-change-compliance-node';
import { storeOnEachDatabase } from '../__testUtils__/storeOnEachDatabase';
import { baseline, basePolicy } from '../engine/__testUtils__/baseline';
import { evaluateDeployment } from '../engine/evaluateDeployment';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments-api';
const LEDGER = 'component:default/ledger';

function deployment(
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    source: 'github',
    externalId: '9001',
    serviceRef: PAYMENTS,
    environment: 'production',
    commitSha: '9e8d7c6b5a4938271605f4e3d2c1b0a998877665',
    deployedAt: '2026-11-10T12:00:00.000Z',
    pipelineRunUrl: 'https://github.com/northwind/payments-api/actions/runs/1',
    ref: 'main',
    status: 'success',
    ticketKeys: ['PAY-12'],
    ...overrides,
  };
}

/**
 * The API gives a remembered answer again while a service's revision stands: every change to
 * what the answer shows must move it, and (so that remembering is worth it) nothing else should.
 */
describe('service revisions', () => {
  const { databases, createStore } = storeOnEachDatabase();

  it.each(databases.eachSupportedId())(
    'move with deployments, and not for a re-sync of the same, on %p',
    async id => {
      const store = await createStore(id);
      const revisions = async () => [
        await store.serviceRevision(PAYMENTS),
        await store.serviceRevision(LEDGER),
      ];
      expect(await revisions()).toEqual(['0', '0']);

      await store.upsertDeployments([deployment()]);
      const afterFirst = await revisions();
      expect(afterFirst[0]).not.toBe('0');
      expect(afterFirst[1]).toBe('0');

      // The same deployment synced again changes nothing.
      await store.upsertDeployments([deployment()]);
      expect(await revisions()).toEqual(afterFirst);

      // A changed status moves its service only.
      await store.upsertDeployments([deployment({ status: 'failure' })]);
      const afterChange = await revisions();
      expect(afterChange[0]).not.toBe(afterFirst[0]);
      expect(afterChange[1]).toBe('0');

      // A deployment attributed to another service leaves one list and joins another.
      await store.upsertDeployments([deployment({ serviceRef: LEDGER })]);
      const afterMove = await revisions();
      expect(afterMove[0]).not.toBe(afterChange[0]);
      expect(afterMove[1]).not.toBe('0');

      // A deployment event: new moves it, a repeat of the same event does not.
      await store.recordDeployment(deployment({ externalId: '9002' }));
      const afterEvent = await revisions();
      expect(afterEvent[0]).not.toBe(afterMove[0]);
      await store.recordDeployment(deployment({ externalId: '9002' }));
      expect(await revisions()).toEqual(afterEvent);
    },
  );

  it.each(databases.eachSupportedId())(
    'move with changed verdicts and with every sweep of what runs, on %p',
    async id => {
      const store = await createStore(id);
      await store.upsertDeployments([deployment()]);
      const stored = await store.serviceRevision(PAYMENTS);
      const evaluation = {
        ...evaluateDeployment(baseline(), basePolicy()),
        deploymentId: 'github/9001',
        serviceRef: PAYMENTS,
        deployedAt: '2026-11-10T12:00:00.000Z',
        evaluatedAt: '2026-11-10T12:05:00.000Z',
      };

      await store.saveEvaluations([evaluation], 'test');
      const judged = await store.serviceRevision(PAYMENTS);
      expect(judged).not.toBe(stored);

      // The same result again is not written, and moves nothing.
      await store.saveEvaluations(
        [{ ...evaluation, evaluatedAt: '2026-11-10T13:00:00.000Z' }],
        'test',
      );
      expect(await store.serviceRevision(PAYMENTS)).toBe(judged);

      const exception = {
        ...evaluateDeployment({ ...baseline(), approvals: [] }, basePolicy()),
        deploymentId: 'github/9001',
        serviceRef: PAYMENTS,
        deployedAt: '2026-11-10T12:00:00.000Z',
        evaluatedAt: '2026-11-10T14:00:00.000Z',
      };
      await store.saveEvaluations([exception], 'test');
      const rejudged = await store.serviceRevision(PAYMENTS);
      expect(rejudged).not.toBe(judged);

      await store.recordRunningArtifacts(
        {
          cluster: 'production-eu',
          serviceRefs: [PAYMENTS],
          observedAt: '2026-11-10T15:00:00.000Z',
        },
        [
          {
            serviceRef: PAYMENTS,
            cluster: 'production-eu',
            namespace: 'payments',
            workload: 'Deployment/payments-api',
            container: 'api',
            image: 'registry.example/payments-api:1.4.2',
            digest: `sha256:${'01'.repeat(32)}`,
            observedAt: '2026-11-10T15:00:00.000Z',
          },
        ],
      );
      expect(await store.serviceRevision(PAYMENTS)).not.toBe(rejudged);
      expect(await store.serviceRevision(LEDGER)).toBe('0');
    },
  );
});
