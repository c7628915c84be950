import { EvidenceSink } from './sink';

/**
 * Runs one sync of a provider's scope from the cursor its last successful sync left, and records
 * how it ended (`GET /sources`): on success with the new cursor and how many items it stored; on
 * failure with the error, the cursor unmoved so that the next sync reads the same again, and the
 * error thrown on.
 */
export async function recordedSync<C>(options: {
  sink: EvidenceSink;
  provider: string;
  scope: string;
  now: () => Date;
  sync: (cursor: Partial<C>) => Promise<{ cursor: C; count: number }>;
}): Promise<{ count: number }> {
  const { sink, provider, scope, now } = options;
  const startedAt = now().toISOString();
  const state = await sink.getSyncState(provider, scope);
  try {
    const synced = await options.sync(
      state.cursor ? JSON.parse(state.cursor) : {},
    );
    await sink.recordSync({
      provider,
      scope,
      startedAt,
      finishedAt: now().toISOString(),
      result: 'success',
      cursor: JSON.stringify(synced.cursor),
      itemsSynced: synced.count,
    });
    return { count: synced.count };
  } catch (error) {
    await sink.recordSync({
      provider,
      scope,
      startedAt,
      finishedAt: now().toISOString(),
      result: 'failure',
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
