import {
  ChangeEvidence,
  CommitEvidence,
  PullRequestEvidence,
} from './evidence';
import { matchesAnyGlob } from './paths';

export interface CommitGraphNode {
  parents: string[];
  committedAt: string;
}

/** A repository's history by commit SHA. */
export type CommitGraph = ReadonlyMap<string, CommitGraphNode>;

export interface ChangeSet {
  /** Commits shipped by the deployment, newest first. */
  commits: string[];
  complete: boolean;
  reason?: string;
}

/** The commit and all its ancestors that the graph holds. */
function ancestorsOf(graph: CommitGraph, sha: string): Set<string> {
  const found = new Set<string>();
  const stack = [sha];
  while (stack.length > 0) {
    const next = stack.pop()!;
    const node = graph.get(next);
    if (found.has(next) || !node) continue;
    found.add(next);
    stack.push(...node.parents);
  }
  return found;
}

/**
 * Walks back from the deployed commit, breadth first, stopping at commits already shipped.
 * Reports whether it met the previous deployment's commit: then the history is linear and the
 * new ancestry is the old one plus this change set.
 */
function walkChangeSet(options: {
  graph: CommitGraph;
  deployedSha: string;
  previousDeployedSha: string | null;
  shipped: Set<string>;
  windowStart: number;
}): ChangeSet & { metPrevious: boolean } {
  const { graph, deployedSha, previousDeployedSha, shipped } = options;
  if (previousDeployedSha && !graph.has(previousDeployedSha)) {
    return {
      ...incomplete(
        `the previous deployment's commit ${previousDeployedSha} is not in the synced history`,
      ),
      metPrevious: false,
    };
  }
  if (!graph.has(deployedSha)) {
    return {
      ...incomplete(
        `the deployed commit ${deployedSha} is not in the synced history`,
      ),
      metPrevious: false,
    };
  }
  const commits: string[] = [];
  const seen = new Set<string>();
  const queue = [deployedSha];
  let metPrevious = false;
  for (let head = 0; head < queue.length; head++) {
    const sha = queue[head];
    if (seen.has(sha)) continue;
    seen.add(sha);
    if (shipped.has(sha)) {
      if (sha === previousDeployedSha) metPrevious = true;
      continue;
    }
    const node = graph.get(sha);
    if (!node) {
      if (previousDeployedSha) {
        return {
          ...incomplete(
            `commit ${sha} between the two deployments is not in the synced history`,
          ),
          metPrevious: false,
        };
      }
      continue; // Before the observed window: history starts here.
    }
    if (
      !previousDeployedSha &&
      Date.parse(node.committedAt) < options.windowStart
    )
      continue;
    commits.push(sha);
    queue.push(...node.parents);
  }
  return { commits, complete: true, metPrevious };
}

/**
 * The change set of a deployment: the commits reachable from the deployed commit and not from the
 * commit of the previous successful production deployment. For the first deployment in the data,
 * the commits reachable from it that were made since the start of the observed window.
 *
 * A commit the walk needs but the graph lacks makes the change set incomplete: better to say "not
 * known" than to pass a deployment on a partial history.
 */
export function computeChangeSet(options: {
  graph: CommitGraph;
  deployedSha: string;
  previousDeployedSha: string | null;
  windowStart: string;
}): ChangeSet {
  const { metPrevious: _linear, ...changeSet } = walkChangeSet({
    ...options,
    shipped: options.previousDeployedSha
      ? ancestorsOf(options.graph, options.previousDeployedSha)
      : new Set(),
    windowStart: Date.parse(options.windowStart),
  });
  return changeSet;
}

/**
 * computeChangeSet for a service's deployments taken in order, in time proportional to the
 * history rather than to deployments times history: the ancestry of the previous deployment is
 * kept and, where the history is linear, grown by each change set instead of walked again.
 */
export class DeploymentHistory {
  private previousSha: string | null = null;
  private shipped = new Set<string>();
  /** Parsed once: parsing it for each of a service's thousands of deployments showed in profiles. */
  private readonly windowStart: number;

  constructor(private readonly graph: CommitGraph, windowStart: string) {
    this.windowStart = Date.parse(windowStart);
  }

  next(deployedSha: string): ChangeSet {
    const { metPrevious, ...changeSet } = walkChangeSet({
      graph: this.graph,
      deployedSha,
      previousDeployedSha: this.previousSha,
      shipped: this.shipped,
      windowStart: this.windowStart,
    });
    if (changeSet.complete && metPrevious) {
      for (const sha of changeSet.commits) this.shipped.add(sha);
    } else {
      this.shipped = ancestorsOf(this.graph, deployedSha);
    }
    this.previousSha = deployedSha;
    return changeSet;
  }
}

function incomplete(reason: string): ChangeSet {
  return { commits: [], complete: false, reason };
}

const CHERRY_PICK = /\(cherry picked from commit ([0-9a-f]{7,40})\)/i;

/**
 * Maps each commit of a change set to its change: the PR that brought it onto the branch (by the
 * host's commit-to-PR association or the PR's merge commit, never the PR's own commit list alone,
 * which squash and rebase merges do not put on the branch), the PR of the commit it was
 * cherry-picked from, or else a direct change. Built once per repository, used per deployment.
 */
export class ChangeMapper {
  private readonly byNumber: Map<number, PullRequestEvidence>;
  private readonly byMergeCommit: Map<string, PullRequestEvidence>;
  private readonly byOwnCommit = new Map<string, PullRequestEvidence[]>();

  constructor(
    private readonly repository: string,
    pullRequests: PullRequestEvidence[],
    /** The host's association of branch commits to PR numbers. */
    private readonly pullRequestByCommit: ReadonlyMap<string, number>,
  ) {
    this.byNumber = new Map(pullRequests.map(pr => [pr.number, pr]));
    this.byMergeCommit = new Map(
      pullRequests
        .filter(pr => pr.mergeCommitSha)
        .map(pr => [pr.mergeCommitSha!, pr]),
    );
    for (const pr of pullRequests) {
      if (!pr.mergeCommitSha) continue;
      for (const own of pr.commits) {
        this.byOwnCommit.set(own.sha, [
          ...(this.byOwnCommit.get(own.sha) ?? []),
          pr,
        ]);
      }
    }
  }

  /** The PR a commit came with, judged by SHAs alone, within a change set of `shasHere`. */
  private prOf(
    sha: string,
    shasHere: ReadonlySet<string>,
  ): PullRequestEvidence | undefined {
    // One lookup per map (get, not has then get): asked for every commit of every deployment.
    const number = this.pullRequestByCommit.get(sha);
    const associated =
      number === undefined ? undefined : this.byNumber.get(number);
    if (associated) return associated;
    const merged = this.byMergeCommit.get(sha);
    if (merged) return merged;
    // A true merge brings the PR's own commits onto the branch with it: those commits belong to
    // the PR whose merge commit is in this same set (squash and rebase merges never bring them).
    const mergedHere = this.byOwnCommit
      .get(sha)
      ?.find(pr => shasHere.has(pr.mergeCommitSha!));
    if (mergedHere) return mergedHere;
    // Abbreviated SHAs (cherry-pick trailers) match a merge commit by prefix.
    if (sha.length < 40) {
      const prefixMatch = [...this.byMergeCommit.keys()].find(k =>
        k.startsWith(sha),
      );
      return prefixMatch ? this.byMergeCommit.get(prefixMatch) : undefined;
    }
    return undefined;
  }

  map(commits: CommitEvidence[]): ChangeEvidence[] {
    const bySha = new Map(commits.map(c => [c.sha, c]));
    return this.mapShas(
      commits.map(c => c.sha),
      sha => bySha.get(sha),
    );
  }

  /**
   * The SHAs of a change set that no PR claims by SHA: only for these does the mapping need the
   * commit itself (its message may name a cherry-picked commit; else it is a direct change).
   */
  unclaimed(shas: string[]): string[] {
    const shasHere = new Set(shas);
    return shas.filter(sha => !this.prOf(sha, shasHere));
  }

  /**
   * map for a change set given by its SHAs, in order: `commitOf` is asked only for the commits
   * `unclaimed` names, and one it does not know is left out.
   */
  mapShas(
    shas: string[],
    commitOf: (sha: string) => CommitEvidence | undefined,
  ): ChangeEvidence[] {
    const shasHere = new Set(shas);
    const prOf = (sha: string) => this.prOf(sha, shasHere);
    const changes: ChangeEvidence[] = [];
    const included = new Set<number>();
    for (const sha of shas) {
      let pr = prOf(sha);
      let commit: CommitEvidence | undefined;
      if (!pr) {
        commit = commitOf(sha);
        if (!commit) continue;
        pr = cherryPickSource(commit, prOf);
      }
      if (pr) {
        if (!included.has(pr.number)) {
          included.add(pr.number);
          changes.push({ kind: 'pull-request', pullRequest: pr });
        }
      } else {
        changes.push({
          kind: 'direct',
          commit: commit!,
          repository: this.repository,
        });
      }
    }
    return changes;
  }
}

/** One-off form of ChangeMapper. */
export function mapCommitsToChanges(options: {
  commits: CommitEvidence[];
  repository: string;
  pullRequests: PullRequestEvidence[];
  /** The host's association of branch commits to PR numbers (`commits/{sha}/pulls`). */
  pullRequestByCommit: Record<string, number>;
}): ChangeEvidence[] {
  return new ChangeMapper(
    options.repository,
    options.pullRequests,
    new Map(Object.entries(options.pullRequestByCommit)),
  ).map(options.commits);
}

function cherryPickSource(
  commit: CommitEvidence,
  prOf: (sha: string) => PullRequestEvidence | undefined,
): PullRequestEvidence | undefined {
  const original = commit.message.match(CHERRY_PICK)?.[1];
  return original ? prOf(original) : undefined;
}

/**
 * For a service that shares its repository: only the changes that touch its paths. A change whose
 * files are unknown stays in, since leaving it out could hide a change.
 */
export function changesTouchingPaths(
  changes: ChangeEvidence[],
  paths: string[] | undefined,
) {
  if (!paths || paths.length === 0) return changes;
  return changes.filter(change => {
    const files =
      change.kind === 'pull-request'
        ? change.pullRequest.changedFiles
        : change.commit.changedFiles;
    return !files || files.some(f => matchesAnyGlob(f, paths));
  });
}
