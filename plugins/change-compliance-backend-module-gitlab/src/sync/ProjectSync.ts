import {
  CommitEvidence,
  EvidenceSink,
  PullRequestEvidence,
  ServiceRecord,
  daysBefore,
  recordedSync,
} from '@change-compliance/plugin-change-compliance-node';
import { z } from 'zod';
import { GitlabClient } from '../client/GitlabClient';
import {
  approvalRuleSchema,
  approvalsSchema,
  auditEventSchema,
  branchSchema,
  commitSchema,
  deploymentSchema,
  diffSchema,
  environmentSchema,
  GitlabCommit,
  GitlabDeployment,
  GitlabMergeRequest,
  GitlabUser,
  GitlabUserDetail,
  mergeRequestSchema,
  projectApprovalSettingsSchema,
  projectSchema,
  protectedBranchSchema,
  userDetailSchema,
  versionSchema,
} from '../client/schemas';
import {
  commitOf,
  deploymentOf,
  iso,
  PROVIDER_ID,
  pullRequestOf,
} from '../mapping';
import {
  ProjectProtection,
  protectionChanged,
  protectionSnapshot,
} from './protection';

/** Where the last successful sync of a project left off. */
interface Cursor {
  /** When it ran; absent before the first successful sync. */
  syncedAt?: string;
  /** `updated_at` of the most recently updated merged merge request seen. */
  mergeRequestsUpdatedAt?: string;
  /** Branch history is read again from here: the newest commit seen, less a day for late pushes. */
  commitsSince?: string;
  /** The newest commit seen: only newer ones are looked up for their merge request. */
  newestCommitAt?: string;
  /** Deployments updated from here on are read again (their status comes late). */
  deploymentsSince?: string;
}

export interface ProjectSyncOptions {
  client: GitlabClient;
  sink: EvidenceSink;
  /** The GitLab host, as `integrations.gitlab[].host` names it. */
  host: string;
  /** The project's path with its namespace, `group/project`. */
  slug: string;
  /** The catalog services whose code lives in this project. */
  services: ServiceRecord[];
  /** Start of the observed window: nothing older is read on a first sync. */
  windowStart: string;
  now: () => Date;
}

/**
 * One sync of one GitLab project into the evidence store: its default branch and branch heads,
 * the history of the default branch and of every branch deployed from, merged merge requests with
 * their approvals, commits, diff versions and changed files, which merge request brought each
 * branch commit, deployments of every environment, and the protection of the branches deployed
 * from with the project's approval settings. Each list is read back to the last sync's cursor
 * only; the cursor moves only when the whole sync succeeded.
 */
export class ProjectSync {
  private readonly users = new Map<number, GitlabUserDetail>();

  constructor(private readonly options: ProjectSyncOptions) {}

  /** Syncs the project; returns how many items (commits, merge requests, deployments) it stored. */
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
      `GitLab sync of ${slug}`,
    );
    return count;
  }

  private async sync(
    cursor: Cursor,
  ): Promise<{ cursor: Cursor; count: number }> {
    const { client, sink, slug, host, services, windowStart } = this.options;
    const firstSync = cursor.syncedAt === undefined;
    const commitsSince = cursor.commitsSince ?? windowStart;
    const project = await client.get(
      `/projects/${encodeURIComponent(slug)}`,
      projectSchema,
    );
    if (!project.default_branch) {
      throw new Error(`${slug} has no default branch`);
    }
    const base = `/projects/${project.id}`;
    const defaultBranch = project.default_branch;
    const heads = Object.fromEntries(
      (await client.list(`${base}/repository/branches`, branchSchema)).map(
        b => [b.name, b.commit.id],
      ),
    );
    await sink.upsertRepositories([{ slug, host, defaultBranch }]);
    await sink.upsertBranchHeads(slug, heads);

    const gitlabDeployments = await this.deployments(
      base,
      cursor.deploymentsSince ?? windowStart,
    );
    const deployments = gitlabDeployments.flatMap(
      d => deploymentOf(d, services) ?? [],
    );
    // The history of the default branch, and of every other branch something was deployed from.
    const deployedRefs = new Set(
      deployments.map(d => d.ref).filter((r): r is string => !!r && r in heads),
    );
    const history: GitlabCommit[] = [];
    for (const branch of [defaultBranch, ...deployedRefs]) {
      const known = new Set(history.map(c => c.id));
      const commits = await client.list(
        `${base}/repository/commits`,
        commitSchema,
        { ref_name: branch, since: commitsSince },
      );
      history.push(...commits.filter(c => !known.has(c.id)));
    }

    const mergeRequests = await client.list(
      `${base}/merge_requests`,
      mergeRequestSchema,
      {
        state: 'merged',
        updated_after: cursor.mergeRequestsUpdatedAt ?? windowStart,
        order_by: 'updated_at',
        sort: 'asc',
      },
    );
    // `updated_after` includes the cursor's own time: those were stored by the last sync.
    const changed = mergeRequests.filter(
      mr =>
        !cursor.mergeRequestsUpdatedAt ||
        iso(mr.updated_at) > cursor.mergeRequestsUpdatedAt,
    );
    const pullRequests: (PullRequestEvidence & { updatedAt: string })[] = [];
    for (const mr of changed) {
      pullRequests.push({
        ...(await this.pullRequest(base, mr)),
        updatedAt: iso(mr.updated_at),
      });
    }

    const { associations, direct } = await this.associations(
      base,
      history,
      pullRequests,
      cursor.newestCommitAt,
    );
    const commits = history
      .map(commitOf)
      .map(c =>
        direct.has(c.sha) ? { ...c, changedFiles: direct.get(c.sha) } : c,
      );
    // A merge request's own commits belong to the history too (behind its merge commit).
    const mrCommits = pullRequests.flatMap(pr => pr.commits);
    // Later syncs start from commits already stored, so only the first has a boundary.
    const boundary = firstSync
      ? await this.boundary(base, [...commits, ...mrCommits])
      : [];
    const bySha = new Map<string, CommitEvidence>();
    for (const commit of [...commits, ...mrCommits, ...boundary]) {
      if (!bySha.has(commit.sha)) bySha.set(commit.sha, commit);
    }
    await sink.upsertCommits(slug, [...bySha.values()]);
    await sink.upsertPullRequests(
      pullRequests.map(({ updatedAt, ...pr }) => pr),
    );
    await sink.upsertCommitAssociations(slug, associations);
    await sink.upsertDeployments(deployments);

    const protection = await this.protection(base);
    // On a first sync the protection seen now stands for the whole window only when the project's
    // audit events show no change to it since; otherwise earlier deployments have unknown
    // protection, and no-bypass does not pass them.
    const unchanged =
      firstSync && (await this.unchangedSince(base, windowStart));
    const now = this.options.now().toISOString();
    for (const branch of new Set([defaultBranch, ...deployedRefs])) {
      await sink.recordBranchProtection(
        protectionSnapshot(
          slug,
          branch,
          protection,
          unchanged ? windowStart : now,
        ),
      );
    }

    const newest = (times: string[], since?: string) =>
      times.reduce<string | undefined>(
        (latest, t) => (!latest || t > latest ? t : latest),
        since,
      );
    const newestCommit = newest(commits.map(c => c.committedAt));
    return {
      cursor: {
        syncedAt: now,
        mergeRequestsUpdatedAt: newest(
          pullRequests.map(pr => pr.updatedAt),
          cursor.mergeRequestsUpdatedAt,
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

  /** Every environment's deployments updated since `since`. */
  private async deployments(
    base: string,
    since: string,
  ): Promise<GitlabDeployment[]> {
    const { client } = this.options;
    const environments = await client.list(
      `${base}/environments`,
      environmentSchema,
    );
    const out: GitlabDeployment[] = [];
    for (const environment of environments) {
      out.push(
        ...(await client.list(`${base}/deployments`, deploymentSchema, {
          environment: environment.name,
          updated_after: since,
          order_by: 'updated_at',
          sort: 'asc',
        })),
      );
    }
    return out;
  }

  /** A merged merge request with its commits, approvals, diff versions and changed files. */
  private async pullRequest(
    base: string,
    mr: GitlabMergeRequest,
  ): Promise<PullRequestEvidence> {
    const { client, slug } = this.options;
    const path = `${base}/merge_requests/${mr.iid}`;
    const [commits, approvals, versions, diffs] = [
      await client.list(`${path}/commits`, commitSchema),
      await client.get(`${path}/approvals`, approvalsSchema),
      await client.list(`${path}/versions`, versionSchema),
      await client.list(`${path}/diffs`, diffSchema),
    ];
    const people = [
      mr.author,
      mr.merge_user ?? mr.merged_by,
      ...approvals.approved_by.map(a => a.user),
    ].filter((u): u is GitlabUser => !!u);
    for (const user of people) await this.user(user);
    return pullRequestOf(slug, mr, {
      commits,
      approvals,
      versions,
      diffs,
      users: this.users,
    });
  }

  /** A person's profile, read once per sync: it says whether the account is a bot, and its e-mail. */
  private async user(user: GitlabUser): Promise<void> {
    if (this.users.has(user.id)) return;
    const detail = await this.options.client.getIfFound(
      `/users/${user.id}`,
      userDetailSchema,
    );
    // A deleted or hidden account is known by its username alone.
    this.users.set(user.id, detail ?? user);
  }

  /**
   * Which merge request brought each branch commit. Merge and squash commits, and a merge
   * request's own commits, are known from the merge request; any other commit new since the last
   * sync (a fast-forward merge's rebased copy, a cherry-pick, a direct push) is looked up in
   * GitLab's commit-to-merge-request association. A commit with none is a direct change: its
   * changed files are read so that exempt paths and monorepo path filters can place it.
   */
  private async associations(
    base: string,
    history: GitlabCommit[],
    pullRequests: PullRequestEvidence[],
    newestSeen: string | undefined,
  ): Promise<{
    associations: Record<string, number>;
    direct: Map<string, string[]>;
  }> {
    const { client } = this.options;
    const known: Record<string, number> = {};
    for (const pr of pullRequests) {
      if (pr.mergeCommitSha) known[pr.mergeCommitSha] = pr.number;
      for (const c of pr.commits) known[c.sha] = pr.number;
    }
    const associations: Record<string, number> = {};
    const direct = new Map<string, string[]>();
    for (const commit of history) {
      if (known[commit.id] !== undefined) {
        associations[commit.id] = known[commit.id];
        continue;
      }
      if (
        commit.parent_ids.length === 0 ||
        (newestSeen && iso(commit.committed_date) <= newestSeen)
      ) {
        continue;
      }
      const merged = (
        await client.list(
          `${base}/repository/commits/${commit.id}/merge_requests`,
          mergeRequestSchema,
        )
      ).find(mr => mr.state === 'merged');
      if (merged) {
        associations[commit.id] = merged.iid;
      } else {
        const diffs = await client.list(
          `${base}/repository/commits/${commit.id}/diff`,
          diffSchema,
        );
        direct.set(
          commit.id,
          diffs.map(d => d.new_path),
        );
      }
    }
    return { associations, direct };
  }

  /**
   * The commits just outside the synced history: parents that were not read because they are
   * older than the window, so that a change-set walk sees where the window begins instead of a
   * gap. Parents inside the window (a real gap) are read too, until the boundary is older.
   */
  private async boundary(
    base: string,
    known: CommitEvidence[],
  ): Promise<CommitEvidence[]> {
    const { client, windowStart } = this.options;
    const have = new Set(known.map(c => c.sha));
    const missing = [...new Set(known.flatMap(c => c.parents))].filter(
      sha => !have.has(sha),
    );
    const out: CommitEvidence[] = [];
    while (missing.length > 0) {
      const sha = missing.shift()!;
      if (have.has(sha)) continue;
      have.add(sha);
      const found = await client.getIfFound(
        `${base}/repository/commits/${sha}`,
        commitSchema,
      );
      if (!found) continue;
      const commit = commitOf(found);
      out.push(commit);
      if (commit.committedAt >= windowStart) {
        missing.push(...commit.parents.filter(p => !have.has(p)));
      }
    }
    return out;
  }

  /** Protected branches, approval rules and approval settings, as far as the token may read. */
  private async protection(base: string): Promise<ProjectProtection> {
    const { client } = this.options;
    const protectedBranches = await client.list(
      `${base}/protected_branches`,
      protectedBranchSchema,
    );
    const approvalRules = await client.getIfFound(
      `${base}/approval_rules`,
      z.array(approvalRuleSchema),
      { per_page: 100 },
    );
    const approvalSettings = await client.getIfFound(
      `${base}/approvals`,
      projectApprovalSettingsSchema,
    );
    return {
      protectedBranches,
      ...(approvalRules ? { approvalRules } : {}),
      ...(approvalSettings ? { approvalSettings } : {}),
    };
  }

  /** Whether the audit events say protection stayed as it is since `since`; false when unknown. */
  private async unchangedSince(base: string, since: string): Promise<boolean> {
    const events = await this.options.client.getIfFound(
      `${base}/audit_events`,
      z.array(auditEventSchema),
      { created_after: since, per_page: 100 },
    );
    // Audit events are a Premium feature; unread, nothing is known about the past.
    return (
      events !== undefined && events.length < 100 && !protectionChanged(events)
    );
  }
}
