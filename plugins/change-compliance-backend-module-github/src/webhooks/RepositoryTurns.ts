interface Turn {
  done: Promise<void>;
}

/**
 * Syncs of a repository take turns in this process, so that a webhook and the scheduled task
 * never read and move the same repository's cursor at once. Requests that arrive while a sync
 * runs share one follow-up sync, which starts when the running one ends: a burst of deliveries
 * costs at most two syncs, and every request is answered by a sync that started after it.
 */
export class RepositoryTurns {
  private readonly turns = new Map<
    string,
    { running: Turn; followUp?: Turn }
  >();

  /**
   * Runs `sync` for the repository when no sync of it is running, else once after the running
   * one, for every request made meanwhile; settles as the sync that answers the request does.
   */
  inTurn(slug: string, sync: () => Promise<void>): Promise<void> {
    const current = this.turns.get(slug);
    if (current?.followUp) return current.followUp.done;

    const turn = {} as Turn;
    // The follow-up waits for the running sync, whether it succeeds or not.
    const previous = current
      ? current.running.done.catch(() => undefined)
      : Promise.resolve();
    turn.done = previous
      .then(() => {
        const state = this.turns.get(slug)!;
        if (state.followUp === turn) {
          state.running = turn;
          state.followUp = undefined;
        }
        return sync();
      })
      .finally(() => {
        const state = this.turns.get(slug);
        if (state?.running === turn && !state.followUp) {
          this.turns.delete(slug);
        }
      });
    if (current) current.followUp = turn;
    else this.turns.set(slug, { running: turn });
    return turn.done;
  }
}
