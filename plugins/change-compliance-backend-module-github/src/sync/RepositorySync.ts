import {
  CommitEvidence,
  DeploymentRecord,
  EvidenceSink,
  PullRequestEvidence,
  ServiceRecord,
} from '@change-compliance/plugin-change-compliance-node';
import { Octokit } from '@octokit/rest';
import {
  commitOf,
  GraphqlCommit,
  GraphqlPullRequest,
  GraphqlReview,
  pullRequestOf,
} from '../mapping';
import { daysBefore } from '../time';
import { MERGED_PULL_REQUESTS, MORE_COMMITS, MORE_REVIEWS } from './queries';

/** Where the last successful sync of a repository left off. */
interface Cursor {
  /** When it ran; absent before the first successful sync. */
  syncedAt?: string;
  /** `updatedAt` of the most recently updated merged PR seen. */
  pullsUpdatedAt?: string;
  /** Branch history is read again from here: the newest commit seen, less a day for late pushes. */
  commitsSince?: string;
  /** Deployments created from here on have their statuses read again (statuses come late). */
  deploymentsSince?: string;
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
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

export const PROVIDER_ID = 'github';

/**
 * One sync of one repository into the evidence store: its default branch and branch heads, the
 * history of its branches, merged PRs with their reviews and commits (GraphQL, a page of PRs per
 * request), the association of branch commits that no PR explains, deployments with their final
 * status, and the protection of the default branch. Incremental: PRs are read back to the last
 * sync's cursor only. The cursor moves only when the whole sync succeeded, so a sync that fails
 * half-way is read again from the same point.
 */
export class RepositorySync {
  private readonly owner: string;
  private readonly name: string;

  constructor(private readonly options: RepositorySyncOptions) {
    [this.owner, this.name] = options.slug.split('/');
  }

  async run(): Promise<void> {
    const { sink, slug } = this.options;
    const startedAt = this.options.now().toISOString();
    const state = await sink.getSyncState(PROVIDER_ID, slug);
    const cursor: Cursor = state.cursor ? JSON.parse(state.cursor) : {};
    try {
      const items = await this.sync(cursor);
      await sink.recordSync({
        provider: PROVIDER_ID,
        scope: slug,
        startedAt,
        finishedAt: this.options.now().toISOString(),
        result: 'success',
        cursor: JSON.stringify(items.cursor),
        itemsSynced: items.count,
      });
      await sink.requestEvaluation(
        this.options.services.map(s => s.entityRef),
        `GitHub sync of ${slug}`,
      );
    } catch (error) {
      await sink.recordSync({
        provider: PROVIDER_ID,
        scope: slug,
        startedAt,
        finishedAt: this.options.now().toISOString(),
        result: 'failure',
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  private async sync(
    cursor: Cursor,
  ): Promise<{ cursor: Cursor; count: number }> {
    const { octokit, sink, slug, host } = this.options;
    const repo = { owner: this.owner, repo: this.name };

    const { data: repository } = await octokit.rest.repos.get(repo);
    await sink.upsertRepositories([
      { slug, host, defaultBranch: repository.default_branch },
    ]);

    const branches = await octokit.paginate(octokit.rest.repos.listBranches, {
      ...repo,
      per_page: 100,
    });
    const heads = Object.fromEntries(branches.map(b => [b.name, b.commit.sha]));
    await sink.upsertBranchHeads(slug, heads);

    const firstSync = cursor.syncedAt === undefined;
    const deployments = await this.deployments(
      cursor.deploymentsSince ?? this.options.windowStart,
    );
    // The history of the default branch, and of every branch something was deployed from.
    const deployedRefs = new Set(
      deployments.map(d => d.ref).filter((r): r is string => !!r && r in heads),
    );
    const history = await this.history(
      [repository.default_branch, ...deployedRefs],
      cursor.commitsSince ?? this.options.windowStart,
    );

    const audit = await this.auditLog();
    const pullRequests = await this.mergedPullRequests(
      cursor,
      audit?.overrides ?? new Set(),
    );
    const { associations, direct } = await this.associations(
      history,
      pullRequests,
    );
    // Direct changes carry their files, so that a monorepo's path filter can place them.
    const commits = history.map(c =>
      direct.has(c.sha) ? { ...c, changedFiles: direct.get(c.sha) } : c,
    );
    // A PR's own commits belong to the branch's history too (behind its merge commit), also when
    // they were made before the window's start that the branch listing stops at.
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
    // On a first sync the protection seen now is the only snapshot. It stands for the whole
    // window only when the audit log shows no change to it in the window; otherwise deployments
    // before today have unknown protection, and no-bypass does not pass them.
    const unchangedSinceWindowStart =
      firstSync && audit !== undefined && !audit.protectionChanged;
    for (const branch of new Set([
      repository.default_branch,
      ...deployedRefs,
    ])) {
      await this.recordProtection(
        branch,
        unchangedSinceWindowStart
          ? this.options.windowStart
          : this.options.now().toISOString(),
      );
    }

    const newest = pullRequests.reduce<string | undefined>(
      (latest, pr) =>
        !latest || pr.updatedAt > latest ? pr.updatedAt : latest,
      cursor.pullsUpdatedAt,
    );
    const now = this.options.now().toISOString();
    const newestCommit = commits.reduce<string | undefined>(
      (latest, c) =>
        !latest || c.committedAt > latest ? c.committedAt : latest,
      undefined,
    );
    return {
      cursor: {
        syncedAt: now,
        pullsUpdatedAt: newest,
        commitsSince: newestCommit
          ? daysBefore(newestCommit, 1)
          : cursor.commitsSince,
        deploymentsSince: daysBefore(now, 3),
      },
      count: commits.length + pullRequests.length + deployments.length,
    };
  }

  /** Commits of the branches since `since`, newest first, each once. */
  private async history(
    branches: string[],
    since: string,
  ): Promise<CommitEvidence[]> {
    const { octokit } = this.options;
    const seen = new Map<string, CommitEvidence>();
    for (const branch of new Set(branches)) {
      const listed = await octokit.paginate(octokit.rest.repos.listCommits, {
        owner: this.owner,
        repo: this.name,
        sha: branch,
        since,
        per_page: 100,
      });
      for (const item of listed) {
        if (!seen.has(item.sha)) seen.set(item.sha, restCommitOf(item));
      }
    }
    return [...seen.values()];
  }

  /**
   * The commits just outside the synced history: parents that were not read because they are
   * older than the window. With them stored, a change-set walk sees where the window begins
   * instead of a gap it must treat as unknown history. Parents inside the window (a real gap)
   * are read too, and so on until the boundary is older than the window.
   */
  private async boundary(known: CommitEvidence[]): Promise<CommitEvidence[]> {
    const { octokit, windowStart } = this.options;
    const have = new Set(known.map(c => c.sha));
    const missing = [...new Set(known.flatMap(c => c.parents))].filter(
      sha => !have.has(sha),
    );
    const out: CommitEvidence[] = [];
    while (missing.length > 0) {
      const sha = missing.pop()!;
      if (have.has(sha)) continue;
      have.add(sha);
      const { data } = await octokit.rest.repos.getCommit({
        owner: this.owner,
        repo: this.name,
        ref: sha,
      });
      const commit = restCommitOf(data);
      out.push(commit);
      if (commit.committedAt >= windowStart) {
        missing.push(...commit.parents.filter(p => !have.has(p)));
      }
    }
    return out;
  }

  /**
   * Merged PRs, most recently updated first, back to the last sync's cursor (or the window's
   * start). Reviews and commits beyond the first page of a PR are fetched for that PR alone.
   */
  private async mergedPullRequests(
    cursor: Cursor,
    overrides: Set<number>,
  ): Promise<(PullRequestEvidence & { updatedAt: string })[]> {
    const { octokit, slug } = this.options;
    const stopAt = cursor.pullsUpdatedAt ?? this.options.windowStart;
    const out: (PullRequestEvidence & { updatedAt: string })[] = [];
    let after: string | null = null;
    for (;;) {
      const response: {
        repository: { pullRequests: Page<GraphqlPullRequest & NestedPages> };
      } = await octokit.graphql(MERGED_PULL_REQUESTS, {
        owner: this.owner,
        name: this.name,
        after,
      });
      const page = response.repository.pullRequests;
      let reachedCursor = false;
      for (const pr of page.nodes) {
        if (new Date(pr.updatedAt).toISOString() < stopAt) {
          reachedCursor = true;
          break;
        }
        await this.completeNestedPages(pr);
        out.push({
          ...pullRequestOf(slug, pr, overrides),
          updatedAt: new Date(pr.updatedAt).toISOString(),
        });
      }
      if (reachedCursor || !page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return out;
  }

  private async completeNestedPages(pr: GraphqlPullRequest & NestedPages) {
    const { octokit } = this.options;
    const variables = { owner: this.owner, name: this.name, number: pr.number };
    let reviews = pr.reviews;
    while (reviews.pageInfo.hasNextPage) {
      const more: {
        repository: { pullRequest: { reviews: Page<GraphqlReview> } };
      } = await octokit.graphql(MORE_REVIEWS, {
        ...variables,
        after: reviews.pageInfo.endCursor,
      });
      reviews = more.repository.pullRequest.reviews;
      pr.reviews.nodes.push(...reviews.nodes);
    }
    let commits = pr.commits;
    while (commits.pageInfo.hasNextPage) {
      const more: {
        repository: {
          pullRequest: { commits: Page<{ commit: GraphqlCommit }> };
        };
      } = await octokit.graphql(MORE_COMMITS, {
        ...variables,
        after: commits.pageInfo.endCursor,
      });
      commits = more.repository.pullRequest.commits;
      pr.commits.nodes.push(...commits.nodes);
    }
  }

  /**
   * Which PR brought each branch commit. A PR's merge commit and its own commits are known from
   * the PR; for any other commit (a squash or rebase result, a cherry-pick, a direct push) GitHub's
   * commit-to-PR association decides. A commit with none is a direct change.
   */
  private async associations(
    commits: CommitEvidence[],
    pullRequests: PullRequestEvidence[],
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
    for (const commit of commits) {
      if (commit.sha in known) {
        associations[commit.sha] = known[commit.sha];
        continue;
      }
      const { data } =
        await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
          owner: this.owner,
          repo: this.name,
          commit_sha: commit.sha,
        });
      const merged = data.find(p => p.merged_at);
      if (merged) {
        associations[commit.sha] = merged.number;
      } else if (commit.parents.length > 0) {
        const { data: detail } = await octokit.rest.repos.getCommit({
          owner: this.owner,
          repo: this.name,
          ref: commit.sha,
        });
        direct.set(
          commit.sha,
          (detail.files ?? []).map(f => f.filename),
        );
      }
    }
    return { associations, direct };
  }

  /**
   * Deployments created since `since`, with their final status (`success` only when a status
   * said so). The list is newest first, so paging stops at the first older one.
   */
  private async deployments(since: string): Promise<DeploymentRecord[]> {
    const { octokit, services } = this.options;
    const listed = await octokit.paginate(
      octokit.rest.repos.listDeployments,
      { owner: this.owner, repo: this.name, per_page: 100 },
      (response, done) => {
        if (
          response.data.some(d => new Date(d.created_at).toISOString() < since)
        ) {
          done();
        }
        return response.data;
      },
    );
    const out: DeploymentRecord[] = [];
    for (const deployment of listed) {
      if (new Date(deployment.created_at).toISOString() < since) continue;
      const service = serviceOf(services, deployment.payload);
      if (!service) continue;
      const { data: statuses } =
        await octokit.rest.repos.listDeploymentStatuses({
          owner: this.owner,
          repo: this.name,
          deployment_id: deployment.id,
          per_page: 100,
        });
      // Newest first; the first success is when it went live.
      const success = [...statuses].reverse().find(s => s.state === 'success');
      const latest = statuses[0];
      const payload = asRecord(deployment.payload);
      out.push({
        source: PROVIDER_ID,
        externalId: String(deployment.id),
        serviceRef: service.entityRef,
        environment: deployment.environment,
        commitSha: deployment.sha,
        deployedAt: new Date(
          success?.created_at ?? deployment.created_at,
        ).toISOString(),
        ...(deployment.creator
          ? { actor: { login: deployment.creator.login } }
          : {}),
        ...(success?.log_url || success?.target_url
          ? { pipelineRunUrl: success.log_url || success.target_url }
          : {}),
        ref: deployment.ref,
        status: success ? 'success' : latest?.state ?? 'pending',
        ticketKeys: Array.isArray(payload.tickets)
          ? payload.tickets.filter((t): t is string => typeof t === 'string')
          : [],
      });
    }
    return out;
  }

  /**
   * What the organisation's audit log says about the repository's branch protection: the PRs an
   * administrator merged past the rules (`protected_branch.policy_override`, recorded nowhere
   * else) and whether the protection itself changed in the window. `undefined` when the audit log
   * cannot be read (a personal account, or a token without access): then nothing is known about
   * overrides, and the protection's past is not assumed.
   */
  private async auditLog(): Promise<
    { overrides: Set<number>; protectionChanged: boolean } | undefined
  > {
    const { octokit, slug, windowStart } = this.options;
    let entries: {
      action?: string;
      created_at?: number;
      pull_request_id?: number;
    }[];
    try {
      entries = await octokit.paginate('GET /orgs/{org}/audit-log', {
        org: this.owner,
        phrase: `action:protected_branch repo:${slug}`,
        per_page: 100,
      });
    } catch (error) {
      const status = (error as { status?: number }).status;
      // Only "no audit log here / not allowed": anything else fails the sync, so that a passing
      // outage cannot hide an override.
      if (status === 403 || status === 404) return undefined;
      throw error;
    }
    const overrides = new Set<number>();
    let protectionChanged = false;
    for (const entry of entries) {
      if (entry.action === 'protected_branch.policy_override') {
        if (typeof entry.pull_request_id === 'number') {
          overrides.add(entry.pull_request_id);
        }
      } else if (
        entry.created_at === undefined ||
        new Date(entry.created_at).toISOString() >= windowStart
      ) {
        protectionChanged = true;
      }
    }
    return { overrides, protectionChanged };
  }

  private async recordProtection(branch: string, observedAt: string) {
    const { octokit, sink, slug } = this.options;
    try {
      const { data } = await octokit.rest.repos.getBranchProtection({
        owner: this.owner,
        repo: this.name,
        branch,
      });
      const reviews = data.required_pull_request_reviews;
      await sink.recordBranchProtection({
        repository: slug,
        branch,
        observedAt,
        protected: Boolean(reviews),
        settings: {
          requiredApprovingReviewCount:
            reviews?.required_approving_review_count ?? 0,
          dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
          requireCodeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
          enforceAdmins: data.enforce_admins?.enabled ?? false,
          allowForcePushes: data.allow_force_pushes?.enabled ?? false,
          allowDeletions: data.allow_deletions?.enabled ?? false,
          requiredStatusChecks: data.required_status_checks?.contexts ?? [],
        },
      });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      // 404 "Branch not protected": recorded as such, so no-bypass knows rather than guesses.
      await sink.recordBranchProtection({
        repository: slug,
        branch,
        observedAt,
        protected: false,
        settings: {},
      });
    }
  }
}

/** A commit as the REST API gives it (list or single), in the evidence's terms. */
function restCommitOf(item: {
  sha: string;
  commit: {
    message: string;
    author: { name?: string; email?: string; date?: string } | null;
    committer: { name?: string; email?: string; date?: string } | null;
  };
  author: { login: string } | null | Record<string, never>;
  committer: { login: string } | null | Record<string, never>;
  parents: { sha: string }[];
}): CommitEvidence {
  const login = (user: typeof item.author) =>
    user && 'login' in user ? { login: user.login } : null;
  return commitOf({
    oid: item.sha,
    message: item.commit.message,
    committedDate:
      item.commit.committer?.date ?? item.commit.author?.date ?? '',
    author: {
      name: item.commit.author?.name ?? null,
      email: item.commit.author?.email ?? null,
      user: login(item.author),
    },
    committer: {
      name: item.commit.committer?.name ?? null,
      email: item.commit.committer?.email ?? null,
      user: login(item.committer),
    },
    parents: { nodes: item.parents.map(p => ({ oid: p.sha })) },
  });
}

interface NestedPages {
  reviews: Page<GraphqlReview>;
  commits: Page<{ commit: GraphqlCommit }>;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The service a deployment is of: the repository's only service, or, in a monorepo, the one the
 * deployment's payload names (`payload.service`, the catalog entity's name).
 */
function serviceOf(
  services: ServiceRecord[],
  payload: unknown,
): ServiceRecord | undefined {
  if (services.length === 1) return services[0];
  const named = asRecord(payload).service;
  return typeof named === 'string'
    ? services.find(s => s.entityRef.split('/').pop() === named)
    : undefined;
}
