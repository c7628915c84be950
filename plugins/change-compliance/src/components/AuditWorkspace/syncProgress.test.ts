import { roundProgressText } from './syncProgress';

const round = (provider: string) => ({
  provider,
  startedAt: '2026-11-20T10:00:00.000Z',
  finishedAt: null,
  total: 4,
  done: 1,
  failed: 1,
  itemsSynced: 10,
});

describe('roundProgressText', () => {
  it('names each source and what its rounds go over', () => {
    expect(roundProgressText(round('github'))).toBe(
      'GitHub: 1 of 4 repositories synced (1 failed), started 2026-11-20 10:00 UTC',
    );
    expect(roundProgressText(round('gitlab'))).toBe(
      'GitLab: 1 of 4 projects synced (1 failed), started 2026-11-20 10:00 UTC',
    );
    expect(roundProgressText(round('argocd'))).toBe(
      'Argo CD: 1 of 4 applications synced (1 failed), started 2026-11-20 10:00 UTC',
    );
  });
});
