import type { EnvironmentProtectionSettings } from '@change-compliance/plugin-change-compliance-common';
import type { EnvironmentProtectionSnapshot } from '@change-compliance/plugin-change-compliance-node';
import { Knex } from 'knex';
import { fromJson, toJson } from './rows';
import { toIsoTimestamp } from './timestamps';
import { upsertRows } from './upsert';

type Row = Record<string, any>;

/*
 * The SQL of deployment environments' protection, for KnexEvidenceStore: a snapshot per observed
 * change, kept apart from the change evidence because no check reads it.
 */

/**
 * The settings in one canonical form (fixed key order, reviewers and patterns sorted), so that
 * the same protection read twice, listed in another order, is not taken for a change.
 */
function canonical(
  settings: EnvironmentProtectionSettings,
): EnvironmentProtectionSettings {
  return {
    requiredReviewers: [...settings.requiredReviewers]
      .map(r => ({ type: r.type, name: r.name }))
      .sort((a, b) =>
        `${a.type}:${a.name}`.localeCompare(`${b.type}:${b.name}`),
      ),
    preventSelfReview: settings.preventSelfReview,
    waitTimerMinutes: settings.waitTimerMinutes,
    deploymentBranchPolicy: canonicalBranchPolicy(
      settings.deploymentBranchPolicy,
    ),
  };
}

function canonicalBranchPolicy(
  policy: EnvironmentProtectionSettings['deploymentBranchPolicy'],
): EnvironmentProtectionSettings['deploymentBranchPolicy'] {
  if (policy === null) return null;
  if (policy.type === 'protected-branches') {
    return { type: 'protected-branches' };
  }
  return { type: 'custom', patterns: [...new Set(policy.patterns)].sort() };
}

/** Keeps a snapshot when it differs from the environment's latest one; true when it did. */
export async function recordEnvironmentProtection(
  knex: Knex,
  snapshot: EnvironmentProtectionSnapshot,
): Promise<boolean> {
  return knex.transaction(async tx => {
    const latest: Row | undefined = await tx('environment_protection_snapshots')
      .where({
        repository: snapshot.repository,
        environment: snapshot.environment,
      })
      .orderBy('observed_at', 'desc')
      .first();
    const settings = toJson(canonical(snapshot.settings));
    if (latest && latest.settings === settings) return false;
    await upsertRows(
      tx,
      'environment_protection_snapshots',
      [
        {
          repository: snapshot.repository,
          environment: snapshot.environment,
          observed_at: toIsoTimestamp(snapshot.observedAt),
          settings,
        },
      ],
      { key: ['repository', 'environment', 'observed_at'] },
    );
    return true;
  });
}

/** Every recorded change of a repository's environments' protection, by environment, oldest first. */
export async function environmentProtectionHistory(
  knex: Knex,
  repository: string,
): Promise<EnvironmentProtectionSnapshot[]> {
  const rows: Row[] = await knex('environment_protection_snapshots')
    .where({ repository })
    .orderBy([{ column: 'environment' }, { column: 'observed_at' }]);
  return rows.map(r => ({
    repository: r.repository,
    environment: r.environment,
    observedAt: toIsoTimestamp(r.observed_at),
    settings: fromJson<EnvironmentProtectionSettings>(r.settings),
  }));
}
