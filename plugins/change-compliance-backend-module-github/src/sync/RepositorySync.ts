import {
  CommitEvidence,
  EvidenceSink,
  PullRequestEvidence,
  ServiceRecord,
  daysBefore,
  recordedSync,
} from '@change-compliance/plugin-change-compliance-node';
import { Octokit } from '@octokit/rest';
import { commitOf, GraphqlCommit, pullRequestOf } from '../mapping';
import { readProtectionHistory } from './auditLog';
import { CodeOwners } from './codeOwners';
import { deploymentOf, PROVIDER_ID } from './deployments';
import { readDeploymentReviews } from './deploymentReviews';
import {
  environmentProtectionSnapshot,
  readDeploymentBranchPolicies,
} from './environmentProtection';
import { protectionSnapshot, ruleFor } from './protection';
import {
  BRANCH_HISTORY,
  commitsByOid,
  MORE_COMMITS,
  MORE_FILES,
  MORE_REVIEWS,
  PAGE,
} from './queries';
import {
  GraphqlHistoryCommit,
  GraphqlPullRequestPage,
  iso,
  Page,
  readRepositoryEvidence,
} from './readRepositoryEvidence';

export { PROVIDER_ID };

/** Where the last successful sync of a repository left off. */
interface Cursor {
  /** When it ran; absent before the first successful sync. */
  syncedAt?: string;
  /** `updatedAt` of the most recently updated merged PR seen. */
  pullsUpdatedAt?: string;
  /** Branch history is read again from here: the newest commit seen, less a day for late pushes. */
  commitsSince?: string;
  /** The newest commit seen: the files of direct changes are read only for newer ones. */
  newestCommitAt?: string;
  /** Deployments created from here on are read again (their statuses come late). */
  deploymentsSince?: string;
}

export interface RepositorySyncOptions {
  octokit: Octokit;
  sink: EvidenceSink;
  host: string;
  /** `owner/name` */
  slug: string;
  /** The catalog services whose code lives in this repository. */
  services: ServiceRecord[];
  /** Start of the observed window: nothing older is read on a first sync. */
  windowStart: string;
  now: () => Date;
}

/**
 * One sync of one repository into the evidence store: its default branch and branch heads, the
 * history of its branches, merged PRs with their reviews and commits, the association of branch
 * commits to PRs, deployments with their statuses, the protection of the branches deployed
 * from and of the deployment environments. One GraphQL query reads all of it a page at a time
 * (`readRepositoryEvidence`), back to the last sync's cursor only. The cursor moves only when the whole sync succeeded, so a sync that
 * fails half-way is read again from the same point.
 */
export class RepositorySync {
  private readonly owner: string;
  private readonly name: string;

  constructor(private readonly options: RepositorySyncOptions) {
    [this.owner, this.name] = options.slug.split('/');
  }

  /** Syncs the repository; returns how many items (commits, PRs, deployments) it stored. */
  async run(): Promise<number> {
    const { sink, slug } = this.options;
    const { count } = await recordedSync<Cursor>({
      sink,
      provider: PROVIDER_ID,
      scope: slug,
      now: this.options.now,
      sync: cursor => this.sync(cursor),
    });
    await sink.requestEvaluation(
      this.options.services.map(s => s.entityRef),
      `GitHub sync of ${slug}`,
    );
    return count;
  }

  private async sync(
    cursor: Cursor,
  ): Promise<{ cursor: Cursor; count: number }> {
    const { octokit, sink, slug, host, services, windowStart } = this.options;
    const firstSync = cursor.syncedAt === undefined;
    const evidence = await readRepositoryEvidence(octokit, {
      owner: this.owner,
      name: this.name,
      commitsSince: cursor.commitsSince ?? windowStart,
      pullRequestsSince: cursor.pullsUpdatedAt ?? windowStart,
      deploymentsSince: cursor.deploymentsSince ?? windowStart,
    });
    await sink.upsertRepositories([
      { slug, host, defaultBranch: evidence.defaultBranch },
    ]);
    await sink.upsertBranchHeads(slug, evidence.heads);

    const deployments = evidence.deployments.flatMap(
      d => deploymentOf(d, services) ?? [],
    );
    // The history of the default branch, and of every other branch something was deployed from.
    const deployedRefs = new Set(
      deployments
        .map(d => d.ref)
        .filter((r): r is string => !!r && r in evidence.heads),
    );
    const history = [...evidence.history];
    for (const branch of deployedRefs) {
      if (branch === evidence.defaultBranch) continue;
      history.push(
        ...(await this.branchHistory(
          branch,
          cursor.commitsSince ?? windowStart,
          new Set(history.map(c => c.oid)),
        )),
      );
    }

    // The audit log (admin overrides) matters only for PRs not seen before, and for the
    // protection's past on the first sync: an idle repository does not pay for it. PRs updated in
    // the very second of the cursor were stored by the last sync; they are written again only
    // together with a fresh reading of the audit log, so that no override is lost.
    const changed = evidence.pullRequests.filter(
      pr => !cursor.pullsUpdatedAt || iso(pr.updatedAt) > cursor.pullsUpdatedAt,
    );
    const audit =
      firstSync || changed.length > 0
        ? await readProtectionHistory(octokit, slug, windowStart)
        : undefined;
    // Owners as the default branch's CODEOWNERS names them now: a file changed since a PR merged
    // is read as it stands at the sync, not as it stood at the merge.
    const codeOwners = CodeOwners.parse(evidence.codeOwners);
    const pullRequests: (PullRequestEvidence & { updatedAt: string })[] = [];
    for (const pr of changed.length > 0 ? evidence.pullRequests : []) {
      await this.completeNestedPages(pr);
      const evidenceOfPr = pullRequestOf(
        slug,
        pr,
        audit?.overrides ?? new Set(),
      );
      pullRequests.push({
        ...evidenceOfPr,
        ...(codeOwners && evidenceOfPr.changedFiles
          ? { codeOwnersByPath: codeOwners.byPath(evidenceOfPr.changedFiles) }
          : {}),
        updatedAt: iso(pr.updatedAt),
      });
    }

    const { associations, direct } = await this.associations(
      history,
      pullRequests,
      cursor.newestCommitAt,
    );
    const commits = uniqueCommits(history).map(c =>
      direct.has(c.sha) ? { ...c, changedFiles: direct.get(c.sha) } : c,
    );
    // A PR's own commits belong to the branch's history too (behind its merge commit), also when
    // they were made before the window's start that the history stops at.
    const prCommits = pullRequests.flatMap(pr => pr.commits);
    // Later syncs start from commits already stored, so only the first has a boundary.
    const boundary = firstSync
      ? await this.boundary([...commits, ...prCommits])
      : [];
    const bySha = new Map<string, CommitEvidence>();
    for (const commit of [...commits, ...prCommits, ...boundary]) {
      if (!bySha.has(commit.sha)) bySha.set(commit.sha, commit);
    }
    await sink.upsertCommits(slug, [...bySha.values()]);
    await sink.upsertPullRequests(pullRequests);
    await sink.upsertCommitAssociations(slug, associations);
    await sink.upsertDeployments(deployments);
    await sink.upsertApprovals(
      await readDeploymentReviews(
        octokit,
        evidence.deployments.filter(d => deploymentOf(d, services)),
        evidence.environments,
      ),
    );

    // On a first sync the protection seen now is the only snapshot. It stands for the whole
    // window only when the audit log shows no change to it in the window; otherwise deployments
    // before today have unknown protection, and no-bypass does not pass them.
    const unchangedSinceWindowStart =
      firstSync && audit !== undefined && !audit.protectionChanged;
    for (const branch of new Set([evidence.defaultBranch, ...deployedRefs])) {
      await sink.recordBranchProtection(
        protectionSnapshot(
          slug,
          branch,
          ruleFor(evidence.protectionRules, branch),
          unchangedSinceWindowStart
            ? windowStart
            : this.options.now().toISOString(),
        ),
      );
    }

    // Environment protection as it stands at this sync; the store keeps it only when it changed.
    const branchPolicies = await readDeploymentBranchPolicies(
      octokit,
      this.owner,
      this.name,
      evidence.environments,
    );
    for (const environment of evidence.environments) {
      await sink.recordEnvironmentProtection(
        environmentProtectionSnapshot(
          slug,
          environment,
          branchPolicies.get(environment.name),
          this.options.now().toISOString(),
        ),
      );
    }

    const now = this.options.now().toISOString();
    const newest = (times: string[], since?: string) =>
      times.reduce<string | undefined>(
        (latest, t) => (!latest || t > latest ? t : latest),
        since,
      );
    const newestCommit = newest(commits.map(c => c.committedAt));
    return {
      cursor: {
        syncedAt: now,
        pullsUpdatedAt: newest(
          pullRequests.map(pr => pr.updatedAt),
          cursor.pullsUpdatedAt,
        ),
        commitsSince: newestCommit
          ? daysBefore(newestCommit, 1)
          : cursor.commitsSince,
        newestCommitAt: newest(
          commits.map(c => c.committedAt),
          cursor.newestCommitAt,
        ),
        deploymentsSince: daysBefore(now, 3),
      },
      count: commits.length + pullRequests.length + deployments.length,
    };
  }

  /**
   * A deployed branch's history other than the default branch's. In date order, once a whole page
   * holds only commits the default branch already brought, the rest is the shared past.
   */
  private async branchHistory(
    branch: string,
    since: string,
    known: Set<string>,
  ): Promise<GraphqlHistoryCommit[]> {
    const out: GraphqlHistoryCommit[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: {
        repository: {
          ref: { target: { history?: Page<GraphqlHistoryCommit> } } | null;
        };
      } = await this.options.octokit.graphql(BRANCH_HISTORY, {
        owner: this.owner,
        name: this.name,
        branch: `refs/heads/${branch}`,
        since,
        after,
      });
      const page = answer.repository.ref?.target.history;
      if (!page) return out;
      const fresh = page.nodes.filter(c => !known.has(c.oid));
      out.push(...fresh);
      if (fresh.length === 0 || !page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
    }
  }

  /**
   * The commits just outside the synced history: parents that were not read because they are
   * older than the window. With them stored, a change-set walk sees where the window begins
   * instead of a gap it must treat as unknown history. Parents inside the window (a real gap)
   * are read too, and so on until the boundary is older than the window. A hundred at a time.
   */
  private async boundary(known: CommitEvidence[]): Promise<CommitEvidence[]> {
    const { octokit, windowStart } = this.options;
    const have = new Set(known.map(c => c.sha));
    let missing = [...new Set(known.flatMap(c => c.parents))].filter(
      sha => !have.has(sha),
    );
    const out: CommitEvidence[] = [];
    while (missing.length > 0) {
      const batch = missing.slice(0, PAGE);
      missing = missing.slice(PAGE);
      batch.forEach(sha => have.add(sha));
      const answer: {
        repository: Record<string, GraphqlCommit | null>;
      } = await octokit.graphql(commitsByOid(batch.length), {
        owner: this.owner,
        name: this.name,
        ...Object.fromEntries(batch.map((sha, i) => [`c${i}`, sha])),
      });
      for (const found of Object.values(answer.repository)) {
        if (!found) continue;
        const commit = commitOf(found);
        out.push(commit);
        if (commit.committedAt >= windowStart) {
          missing.push(...commit.parents.filter(p => !have.has(p)));
        }
      }
    }
    return out;
  }

  /** A PR's reviews, commits and files beyond the first page, for that PR alone. */
  private async completeNestedPages(pr: GraphqlPullRequestPage) {
    const more = async <T>(
      query: string,
      connection: 'reviews' | 'commits' | 'files',
      page: Page<T>,
    ) => {
      let current = page;
      while (current.pageInfo.hasNextPage) {
        const answer: {
          repository: { pullRequest: Record<string, Page<T>> };
        } = await this.options.octokit.graphql(query, {
          owner: this.owner,
          name: this.name,
          number: pr.number,
          after: current.pageInfo.endCursor,
        });
        current = answer.repository.pullRequest[connection];
        page.nodes.push(...current.nodes);
      }
    };
    await more(MORE_REVIEWS, 'reviews', pr.reviews);
    await more(MORE_COMMITS, 'commits', pr.commits);
    if (pr.files) await more(MORE_FILES, 'files', pr.files);
  }

  /**
   * Which PR brought each branch commit. A PR's merge commit and its own commits are known from
   * the PR; for any other commit (a squash or rebase result, a cherry-pick, a direct push) the
   * association GitHub listed with the history decides. A commit with none is a direct change:
   * its changed files are read (one request each, the first time it is seen) so that exempt paths
   * and monorepo path filters can place it.
   */
  private async associations(
    history: GraphqlHistoryCommit[],
    pullRequests: PullRequestEvidence[],
    newestSeen: string | undefined,
  ): Promise<{
    associations: Record<string, number>;
    /** Commits no PR brought: their changed files. */
    direct: Map<string, string[]>;
  }> {
    const { octokit } = this.options;
    const known: Record<string, number> = {};
    for (const pr of pullRequests) {
      if (pr.mergeCommitSha) known[pr.mergeCommitSha] = pr.number;
      for (const c of pr.commits) known[c.sha] = pr.number;
    }
    const associations: Record<string, number> = {};
    const direct = new Map<string, string[]>();
    for (const commit of history) {
      const merged = commit.associatedPullRequests.nodes.find(p => p.merged);
      const number = known[commit.oid] ?? merged?.number;
      if (number !== undefined) {
        associations[commit.oid] = number;
      } else if (
        commit.parents.nodes.length > 0 &&
        (!newestSeen || iso(commit.committedDate) > newestSeen)
      ) {
        const { data } = await octokit.rest.repos.getCommit({
          owner: this.owner,
          repo: this.name,
          ref: commit.oid,
        });
        direct.set(
          commit.oid,
          (data.files ?? []).map(f => f.filename),
        );
      }
    }
    return { associations, direct };
  }
}

function uniqueCommits(history: GraphqlHistoryCommit[]): CommitEvidence[] {
  const seen = new Map<string, CommitEvidence>();
  for (const commit of history) {
    if (!seen.has(commit.oid)) seen.set(commit.oid, commitOf(commit));
  }
  return [...seen.values()];
}
