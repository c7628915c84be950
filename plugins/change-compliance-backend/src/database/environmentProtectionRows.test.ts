import { EnvironmentProtectionSettings } from '@change-compliance/plugin-change-compliance-common';
import { storeOnEachDatabase } from '../__testUtils__/storeOnEachDatabase';

jest.setTimeout(60_000);

const REPO = 'northwind/payments-api';

const guarded: EnvironmentProtectionSettings = {
  requiredReviewers: [
    { type: 'user', name: 'grace' },
    { type: 'team', name: 'northwind/payments-leads' },
  ],
  preventSelfReview: true,
  waitTimerMinutes: 15,
  deploymentBranchPolicy: { type: 'custom', patterns: ['main', 'release/*'] },
};

describe('environment protection in the store', () => {
  const { databases, createStore } = storeOnEachDatabase();

  it.each(databases.eachSupportedId())(
    'keeps a snapshot only when an environment’s protection changes, on %p',
    async id => {
      const store = await createStore(id);
      const record = (
        environment: string,
        observedAt: string,
        settings: EnvironmentProtectionSettings,
      ) =>
        store.recordEnvironmentProtection({
          repository: REPO,
          environment,
          observedAt,
          settings,
        });

      expect(
        await record('production', '2026-11-01T00:00:00.000Z', guarded),
      ).toBe(true);
      // The same rules listed in another order are no change.
      expect(
        await record('production', '2026-11-02T00:00:00.000Z', {
          ...guarded,
          requiredReviewers: [...guarded.requiredReviewers].reverse(),
          deploymentBranchPolicy: {
            type: 'custom',
            patterns: ['release/*', 'main'],
          },
        }),
      ).toBe(false);
      // Self review allowed again: a change.
      expect(
        await record('production', '2026-11-05T00:00:00.000Z', {
          ...guarded,
          preventSelfReview: false,
        }),
      ).toBe(true);
      // Another environment has a history of its own.
      expect(
        await record('staging', '2026-11-01T00:00:00.000Z', {
          requiredReviewers: [],
          preventSelfReview: false,
          waitTimerMinutes: 0,
          deploymentBranchPolicy: null,
        }),
      ).toBe(true);
      await store.recordEnvironmentProtection({
        repository: 'northwind/other',
        environment: 'production',
        observedAt: '2026-11-01T00:00:00.000Z',
        settings: guarded,
      });

      const history = await store.environmentProtectionHistory(REPO);
      expect(history.map(h => [h.environment, h.observedAt])).toEqual([
        ['production', '2026-11-01T00:00:00.000Z'],
        ['production', '2026-11-05T00:00:00.000Z'],
        ['staging', '2026-11-01T00:00:00.000Z'],
      ]);
      expect(history[0]).toEqual({
        repository: REPO,
        environment: 'production',
        observedAt: '2026-11-01T00:00:00.000Z',
        settings: {
          requiredReviewers: [
            { type: 'team', name: 'northwind/payments-leads' },
            { type: 'user', name: 'grace' },
          ],
          preventSelfReview: true,
          waitTimerMinutes: 15,
          deploymentBranchPolicy: {
            type: 'custom',
            patterns: ['main', 'release/*'],
          },
        },
      });
      expect(history[1].settings.preventSelfReview).toBe(false);
      expect(
        await store.environmentProtectionHistory('northwind/none'),
      ).toEqual([]);
    },
  );
});
