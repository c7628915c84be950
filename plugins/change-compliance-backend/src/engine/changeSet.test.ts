import { alice, pullRequest } from './__testUtils__/baseline';
import {
  ChangeMapper,
  changesTouchingPaths,
  CommitGraphNode,
  computeChangeSet,
  DeploymentHistory,
  mapCommitsToChanges,
} from './changeSet';
import { CommitEvidence } from './evidence';

/** A linear history a <- b <- c <- d <- e, one commit a day from 2026-11-01. */
function linearGraph(): Map<string, CommitGraphNode> {
  const shas = ['a', 'b', 'c', 'd', 'e'];
  return new Map(
    shas.map((sha, i) => [
      sha,
      {
        parents: i === 0 ? [] : [shas[i - 1]],
        committedAt: `2026-11-0${i + 1}T12:00:00.000Z`,
      },
    ]),
  );
}

function commit(sha: string, message = `commit ${sha}`): CommitEvidence {
  return {
    sha,
    parents: [],
    author: alice,
    coAuthors: [],
    message,
    committedAt: '2026-11-05T12:00:00.000Z',
  };
}

describe('computeChangeSet', () => {
  it('takes the commits reachable from the deployment and not from the previous one', () => {
    expect(
      computeChangeSet({
        graph: linearGraph(),
        deployedSha: 'e',
        previousDeployedSha: 'b',
        windowStart: '2026-10-01T00:00:00.000Z',
      }),
    ).toEqual({ commits: ['e', 'd', 'c'], complete: true });
  });

  it('ships a commit once: the next deployment does not carry it again', () => {
    const graph = linearGraph();
    const first = computeChangeSet({
      graph,
      deployedSha: 'c',
      previousDeployedSha: 'a',
      windowStart: '2026-10-01T00:00:00.000Z',
    });
    const second = computeChangeSet({
      graph,
      deployedSha: 'e',
      previousDeployedSha: 'c',
      windowStart: '2026-10-01T00:00:00.000Z',
    });
    expect(first.commits).toEqual(['c', 'b']);
    expect(second.commits).toEqual(['e', 'd']);
  });

  it('for the first deployment, takes the commits since the start of the observed window', () => {
    expect(
      computeChangeSet({
        graph: linearGraph(),
        deployedSha: 'e',
        previousDeployedSha: null,
        windowStart: '2026-11-03T00:00:00.000Z',
      }).commits,
    ).toEqual(['e', 'd', 'c']);
  });

  it('follows both parents of a merge', () => {
    const graph = new Map<string, CommitGraphNode>(
      Object.entries({
        base: { parents: [], committedAt: '2026-11-01T00:00:00.000Z' },
        side: { parents: ['base'], committedAt: '2026-11-02T00:00:00.000Z' },
        main: { parents: ['base'], committedAt: '2026-11-02T00:00:00.000Z' },
        merge: {
          parents: ['main', 'side'],
          committedAt: '2026-11-03T00:00:00.000Z',
        },
      }),
    );
    expect(
      computeChangeSet({
        graph,
        deployedSha: 'merge',
        previousDeployedSha: 'base',
        windowStart: '2026-10-01T00:00:00.000Z',
      }).commits.sort(),
    ).toEqual(['main', 'merge', 'side']);
  });

  it('is empty for a rollback to an artefact already shipped', () => {
    expect(
      computeChangeSet({
        graph: linearGraph(),
        deployedSha: 'c',
        previousDeployedSha: 'e',
        windowStart: '2026-10-01T00:00:00.000Z',
      }),
    ).toEqual({ commits: [], complete: true });
  });

  it('is incomplete, not empty, when the deployed commit was never synced', () => {
    const result = computeChangeSet({
      graph: linearGraph(),
      deployedSha: 'zzz',
      previousDeployedSha: 'b',
      windowStart: '2026-10-01T00:00:00.000Z',
    });
    expect(result.complete).toBe(false);
    expect(result.reason).toMatch(/zzz/);
  });

  it('is incomplete when history between the two deployments is missing', () => {
    const graph = linearGraph();
    graph.delete('c');
    const result = computeChangeSet({
      graph,
      deployedSha: 'e',
      previousDeployedSha: 'a',
      windowStart: '2026-10-01T00:00:00.000Z',
    });
    expect(result.complete).toBe(false);
    expect(result.reason).toMatch(/commit c/);
  });
});

describe('DeploymentHistory', () => {
  /** A seeded pseudo-random sequence, so a failure can be replayed. */
  function random(seed: number) {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'gives the same change sets as computeChangeSet on random histories (seed %i)',
    seed => {
      const next = random(seed);
      // A DAG of 300 commits: mostly a line, with side branches merged back and gaps in history.
      const graph = new Map<string, CommitGraphNode>();
      const shas: string[] = [];
      for (let i = 0; i < 300; i++) {
        const sha = `c${i}`;
        const parents: string[] = [];
        if (i > 0)
          parents.push(shas[Math.max(0, i - 1 - Math.floor(next() * 3))]);
        if (i > 5 && next() < 0.2) parents.push(shas[Math.floor(next() * i)]);
        if (next() < 0.02) parents.push(`missing${i}`);
        graph.set(sha, {
          parents,
          committedAt: new Date(
            Date.UTC(2026, 0, 1) + i * 3600_000,
          ).toISOString(),
        });
        shas.push(sha);
      }
      // Deployments mostly move forward, sometimes roll back, jump, redeploy or name an unknown commit.
      const deployed: string[] = [];
      let position = 10;
      for (let d = 0; d < 60; d++) {
        const roll = next();
        if (roll < 0.1)
          position = Math.max(0, position - Math.floor(next() * 20));
        else if (roll < 0.15) position = Math.floor(next() * 300);
        else if (roll > 0.2)
          position = Math.min(299, position + Math.floor(next() * 8));
        deployed.push(next() < 0.03 ? 'unknown-commit' : shas[position]);
      }

      const windowStart = '2026-01-03T00:00:00.000Z';
      const history = new DeploymentHistory(graph, windowStart);
      deployed.forEach((sha, index) => {
        const expected = computeChangeSet({
          graph,
          deployedSha: sha,
          previousDeployedSha: index > 0 ? deployed[index - 1] : null,
          windowStart,
        });
        const actual = history.next(sha);
        expect({ ...actual, commits: [...actual.commits].sort() }).toEqual({
          ...expected,
          commits: [...expected.commits].sort(),
        });
      });
    },
  );
});

describe('mapCommitsToChanges', () => {
  const pr = { ...pullRequest(), mergeCommitSha: 'squash42' };

  it('maps a squash-merge commit to its PR by the host association, not the PR commit list', () => {
    const changes = mapCommitsToChanges({
      commits: [commit('squash42')],
      repository: 'northwind/payments-api',
      pullRequests: [{ ...pr, mergeCommitSha: null }],
      pullRequestByCommit: { squash42: 42 },
    });
    expect(changes).toEqual([
      {
        kind: 'pull-request',
        pullRequest: expect.objectContaining({ number: 42 }),
      },
    ]);
  });

  it('maps by the merge commit SHA when there is no association', () => {
    const changes = mapCommitsToChanges({
      commits: [commit('squash42')],
      repository: 'northwind/payments-api',
      pullRequests: [pr],
      pullRequestByCommit: {},
    });
    expect(changes.map(c => c.kind)).toEqual(['pull-request']);
  });

  it("maps a true merge's branch commits to the PR merged in the same change set", () => {
    const merged = pullRequest();
    const changes = mapCommitsToChanges({
      commits: [commit(merged.mergeCommitSha!), ...merged.commits],
      repository: 'northwind/payments-api',
      pullRequests: [merged],
      pullRequestByCommit: {},
    });
    expect(changes).toEqual([{ kind: 'pull-request', pullRequest: merged }]);
  });

  it("does not map a PR's own commits to it when its merge commit was not shipped", () => {
    const unmerged = pullRequest();
    const changes = mapCommitsToChanges({
      commits: unmerged.commits,
      repository: 'northwind/payments-api',
      pullRequests: [unmerged],
      pullRequestByCommit: {},
    });
    expect(changes.map(c => c.kind)).toEqual(['direct', 'direct']);
  });

  it('lists a PR once however many of its commits the change set holds', () => {
    const changes = mapCommitsToChanges({
      commits: [commit('m1'), commit('m2')],
      repository: 'northwind/payments-api',
      pullRequests: [pr],
      pullRequestByCommit: { m1: 42, m2: 42 },
    });
    expect(changes).toHaveLength(1);
  });

  it('maps a cherry-pick to the PR of the commit it was picked from', () => {
    const original = 'abc4200000000000000000000000000000000042';
    const changes = mapCommitsToChanges({
      commits: [
        commit(
          'pick1',
          `Tokenise cards\n\n(cherry picked from commit ${original})`,
        ),
      ],
      repository: 'northwind/payments-api',
      pullRequests: [{ ...pr, mergeCommitSha: original }],
      pullRequestByCommit: {},
    });
    expect(changes.map(c => c.kind)).toEqual(['pull-request']);
  });

  it('calls a commit no PR explains a direct change', () => {
    const changes = mapCommitsToChanges({
      commits: [commit('lonely')],
      repository: 'northwind/payments-api',
      pullRequests: [pr],
      pullRequestByCommit: {},
    });
    expect(changes).toEqual([
      {
        kind: 'direct',
        commit: expect.objectContaining({ sha: 'lonely' }),
        repository: 'northwind/payments-api',
      },
    ]);
  });
});

describe('ChangeMapper given SHAs', () => {
  const merged = pullRequest();
  const original = 'abc4200000000000000000000000000000000042';
  const picked = commit(
    'pick1',
    `Tokenise cards\n\n(cherry picked from commit ${original})`,
  );
  const mapper = new ChangeMapper(
    'northwind/payments-api',
    [merged, { ...pullRequest(), number: 43, mergeCommitSha: original }],
    new Map([['squash44', 42]]),
  );
  const shas = [
    merged.mergeCommitSha!,
    ...merged.commits.map(c => c.sha),
    'squash44',
    'pick1',
    'lonely',
  ];

  it('needs the commits themselves only where no PR claims the SHA', () => {
    expect(mapper.unclaimed(shas)).toEqual(['pick1', 'lonely']);
    // Without its merge commit in the set, a PR's own commit is not claimed.
    expect(mapper.unclaimed([merged.commits[0].sha])).toEqual([
      merged.commits[0].sha,
    ]);
  });

  it('maps as from the commits, asking only for the unclaimed ones', () => {
    const asked: string[] = [];
    const known = new Map([
      ['pick1', picked],
      ['lonely', commit('lonely')],
    ]);
    const fromShas = mapper.mapShas(shas, sha => {
      asked.push(sha);
      return known.get(sha);
    });
    expect(asked).toEqual(['pick1', 'lonely']);
    expect(
      fromShas.map(c =>
        c.kind === 'pull-request' ? c.pullRequest.number : c.commit.sha,
      ),
    ).toEqual([42, 43, 'lonely']);
    expect(
      mapper.map([
        commit(merged.mergeCommitSha!),
        ...merged.commits,
        commit('squash44'),
        picked,
        commit('lonely'),
      ]),
    ).toEqual(fromShas);
    // A commit the store does not have is left out.
    expect(mapper.mapShas(['lonely'], () => undefined)).toEqual([]);
  });
});

describe('changesTouchingPaths', () => {
  const web = {
    ...pullRequest(),
    number: 1,
    changedFiles: ['apps/web-banking/src/a.ts'],
  };
  const site = {
    ...pullRequest(),
    number: 2,
    changedFiles: ['apps/marketing-site/index.html'],
  };
  const unknown = { ...pullRequest(), number: 3, changedFiles: undefined };
  const changes = [web, site, unknown].map(p => ({
    kind: 'pull-request' as const,
    pullRequest: p,
  }));

  it("keeps a monorepo service's own changes and those it cannot rule out", () => {
    expect(
      changesTouchingPaths(changes, ['apps/web-banking/**']).map(c =>
        c.kind === 'pull-request' ? c.pullRequest.number : 0,
      ),
    ).toEqual([1, 3]);
  });

  it('keeps everything without a path filter', () => {
    expect(changesTouchingPaths(changes, undefined)).toHaveLength(3);
  });
});
