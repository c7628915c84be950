import express, { Request, RequestHandler, Response } from 'express';
import { Commit, Organisation, Repository, repositorySlug } from '../../model';
import { SimulatorContext } from '../context';
import { gitlabPage } from './pagination';
import {
  basicUser,
  commitOf,
  coversBranch,
  deploymentOf,
  diffOf,
  environmentOf,
  gitlabUsername,
  mergeRequestId,
  mergeRequestOf,
  personOf,
  PROJECT_APPROVAL_SETTINGS,
  projectId,
  projectWebUrl,
  standingApprovals,
  userDetail,
} from './representations';

/*
 * GitLab's REST API v4, read-only, over the organisation's GitLab-hosted repositories: the
 * endpoints a change-compliance sync reads (merged merge requests with their commits, approvals,
 * diff versions and diffs; branch history; deployments and environments; protected branches and
 * approval settings; users). A project is found by its numeric id or its URL-encoded path, lists
 * page with GitLab's offset pagination headers, and errors have GitLab's `{ message }` shape.
 */

function notFound(res: Response, what = '404 Project Not Found') {
  res.status(404).json({ message: what });
}

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Items by a time field, filtered by `<name>_after` / `<name>_before` (both exclusive, as GitLab). */
function within<T>(
  items: T[],
  time: (item: T) => string,
  after: string | undefined,
  before: string | undefined,
): T[] {
  const from = after ? Date.parse(after) : -Infinity;
  const to = before ? Date.parse(before) : Infinity;
  return items.filter(item => {
    const at = Date.parse(time(item));
    return at > from && at < to;
  });
}

function ordered<T extends Record<string, unknown>>(
  items: T[],
  orderBy: string,
  sort: string,
): T[] {
  const sign = sort === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = a[orderBy];
    const y = b[orderBy];
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
}

const commitIndexes = new WeakMap<Repository, Map<string, Commit>>();

function commitIndex(repo: Repository): Map<string, Commit> {
  let index = commitIndexes.get(repo);
  if (!index) {
    index = new Map(repo.commits.map(c => [c.sha, c]));
    commitIndexes.set(repo, index);
  }
  return index;
}

/** A branch name or a (possibly short) SHA, as `ref_name` takes either. */
function resolveRef(repo: Repository, ref: string): Commit | undefined {
  const head = repo.branches[ref];
  if (head) return commitIndex(repo).get(head);
  const lower = ref.toLowerCase();
  return lower.length >= 7
    ? repo.commits.find(c => c.sha.startsWith(lower))
    : undefined;
}

/** The commits reachable from `head`, newest committed first, as `git log` lists them. */
function history(repo: Repository, head: Commit): Commit[] {
  const index = commitIndex(repo);
  const seen = new Set<string>();
  const stack = [head.sha];
  const out: Commit[] = [];
  while (stack.length > 0) {
    const sha = stack.pop()!;
    if (seen.has(sha)) continue;
    seen.add(sha);
    const commit = index.get(sha);
    if (!commit) continue;
    out.push(commit);
    stack.push(...commit.parents);
  }
  return out.sort((a, b) => b.committer.date.localeCompare(a.committer.date));
}

type ProjectHandler = (
  req: Request,
  res: Response,
  project: { organisation: Organisation; repo: Repository },
) => void;

export function gitlabRestRouter(context: SimulatorContext): express.Router {
  const router = express.Router();

  /** Runs `handler` with the project the path names, by id or by URL-encoded path; else 404. */
  const inProject =
    (handler: ProjectHandler): RequestHandler =>
    (req, res) => {
      const organisation = context.organisation();
      const id = req.params.id;
      const repo = organisation.repositories.find(candidate =>
        /^\d+$/.test(id)
          ? projectId(candidate) === Number(id)
          : repositorySlug(candidate).toLowerCase() === id.toLowerCase(),
      );
      if (!repo) {
        notFound(res);
        return;
      }
      handler(req, res, { organisation, repo });
    };

  const mergeRequest = (repo: Repository, iid: string) =>
    repo.pullRequests.find(pr => String(pr.number) === iid);

  router.get(
    '/projects/:id',
    inProject((_req, res, { repo }) => {
      res.json({
        id: projectId(repo),
        name: repo.name,
        path: repo.name,
        path_with_namespace: repositorySlug(repo),
        name_with_namespace: `${repo.owner} / ${repo.name}`,
        namespace: {
          id: projectId(repo) + 1,
          name: repo.owner,
          path: repo.owner,
          kind: 'group',
          full_path: repo.owner,
        },
        default_branch: repo.defaultBranch,
        visibility: 'private',
        created_at: repo.createdAt,
        last_activity_at: repo.commits[repo.commits.length - 1].committer.date,
        web_url: projectWebUrl(repo),
        archived: false,
      });
    }),
  );

  router.get(
    '/projects/:id/repository/branches',
    inProject((req, res, { repo }) => {
      const index = commitIndex(repo);
      const branches = Object.entries(repo.branches)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, sha]) => ({
          name,
          commit: commitOf(repo, index.get(sha)!),
          merged: false,
          protected: repo.protection.some(p => coversBranch(p.branch, name)),
          default: name === repo.defaultBranch,
          developers_can_push: false,
          developers_can_merge: true,
          can_push: false,
          web_url: `${projectWebUrl(repo)}/-/tree/${name}`,
        }));
      res.json(gitlabPage(context, req, res, branches));
    }),
  );

  router.get(
    '/projects/:id/repository/commits',
    inProject((req, res, { repo }) => {
      const ref = query(req, 'ref_name') ?? repo.defaultBranch;
      const head = resolveRef(repo, ref);
      if (!head) {
        notFound(res, '404 Reference Not Found');
        return;
      }
      // `since` and `until` are inclusive on GitLab (git log's --since and --until).
      const since = query(req, 'since');
      const until = query(req, 'until');
      const commits = history(repo, head).filter(
        c =>
          (!since || Date.parse(c.committer.date) >= Date.parse(since)) &&
          (!until || Date.parse(c.committer.date) <= Date.parse(until)),
      );
      res.json(
        gitlabPage(context, req, res, commits).map(c => commitOf(repo, c)),
      );
    }),
  );

  router.get(
    '/projects/:id/repository/commits/:sha',
    inProject((req, res, { repo }) => {
      const found = resolveRef(repo, req.params.sha);
      if (!found) {
        notFound(res, '404 Commit Not Found');
        return;
      }
      const stats = found.files.reduce(
        (sum, f) => ({
          additions: sum.additions + f.additions,
          deletions: sum.deletions + f.deletions,
          total: sum.total + f.additions + f.deletions,
        }),
        { additions: 0, deletions: 0, total: 0 },
      );
      res.json({ ...commitOf(repo, found), stats, status: null });
    }),
  );

  router.get(
    '/projects/:id/repository/commits/:sha/diff',
    inProject((req, res, { repo }) => {
      const found = resolveRef(repo, req.params.sha);
      if (!found) {
        notFound(res, '404 Commit Not Found');
        return;
      }
      res.json(gitlabPage(context, req, res, found.files.map(diffOf)));
    }),
  );

  router.get(
    '/projects/:id/repository/commits/:sha/merge_requests',
    inProject((req, res, { organisation, repo }) => {
      const found = resolveRef(repo, req.params.sha);
      if (!found) {
        notFound(res, '404 Commit Not Found');
        return;
      }
      const prs = repo.pullRequests.filter(
        pr =>
          pr.commits.includes(found.sha) ||
          (pr.landedCommits ?? []).includes(found.sha) ||
          pr.mergeCommitSha === found.sha,
      );
      res.json(
        gitlabPage(context, req, res, prs).map(pr =>
          mergeRequestOf(organisation, repo, pr),
        ),
      );
    }),
  );

  router.get(
    '/projects/:id/merge_requests',
    inProject((req, res, { organisation, repo }) => {
      const state = query(req, 'state') ?? 'all';
      const rendered = repo.pullRequests
        .map(pr => mergeRequestOf(organisation, repo, pr))
        .filter(mr => state === 'all' || mr.state === state)
        .filter(
          mr =>
            !query(req, 'target_branch') ||
            mr.target_branch === query(req, 'target_branch'),
        );
      // `updated_after` / `updated_before` are inclusive for merge requests.
      const after = query(req, 'updated_after');
      const before = query(req, 'updated_before');
      const inWindow = rendered.filter(
        mr =>
          (!after || Date.parse(mr.updated_at) >= Date.parse(after)) &&
          (!before || Date.parse(mr.updated_at) <= Date.parse(before)),
      );
      const list = ordered(
        inWindow,
        query(req, 'order_by') ?? 'created_at',
        query(req, 'sort') ?? 'desc',
      );
      res.json(gitlabPage(context, req, res, list));
    }),
  );

  router.get(
    '/projects/:id/merge_requests/:iid',
    inProject((req, res, { organisation, repo }) => {
      const pr = mergeRequest(repo, req.params.iid);
      if (!pr) {
        notFound(res, '404 Not found');
        return;
      }
      res.json(mergeRequestOf(organisation, repo, pr));
    }),
  );

  router.get(
    '/projects/:id/merge_requests/:iid/commits',
    inProject((req, res, { repo }) => {
      const pr = mergeRequest(repo, req.params.iid);
      if (!pr) {
        notFound(res, '404 Not found');
        return;
      }
      const index = commitIndex(repo);
      // Newest first, as GitLab lists a merge request's commits.
      const commits = [...pr.commits]
        .reverse()
        .map(sha => commitOf(repo, index.get(sha)!));
      res.json(gitlabPage(context, req, res, commits));
    }),
  );

  router.get(
    '/projects/:id/merge_requests/:iid/diffs',
    inProject((req, res, { repo }) => {
      const pr = mergeRequest(repo, req.params.iid);
      if (!pr) {
        notFound(res, '404 Not found');
        return;
      }
      const index = commitIndex(repo);
      const files = new Map<string, Commit['files'][number]>();
      for (const sha of pr.commits) {
        for (const file of index.get(sha)?.files ?? []) {
          files.set(file.filename, file);
        }
      }
      res.json(gitlabPage(context, req, res, [...files.values()].map(diffOf)));
    }),
  );

  router.get(
    '/projects/:id/merge_requests/:iid/versions',
    inProject((req, res, { repo }) => {
      const pr = mergeRequest(repo, req.params.iid);
      if (!pr) {
        notFound(res, '404 Not found');
        return;
      }
      const index = commitIndex(repo);
      const base = index.get(pr.commits[0])?.parents[0] ?? null;
      // A version per push; each of the model's commits was pushed when it was committed.
      const versions = pr.commits
        .map((sha, i) => ({
          id: pr.number * 1000 + i + 1,
          head_commit_sha: sha,
          base_commit_sha: base,
          start_commit_sha: base,
          created_at: index.get(sha)!.committer.date,
          merge_request_id: mergeRequestId(repo, pr),
          state: 'collected',
          real_size: String(index.get(sha)!.files.length),
          patch_id_sha: sha,
        }))
        .reverse();
      res.json(gitlabPage(context, req, res, versions));
    }),
  );

  router.get(
    '/projects/:id/merge_requests/:iid/approvals',
    inProject((req, res, { organisation, repo }) => {
      const pr = mergeRequest(repo, req.params.iid);
      if (!pr) {
        notFound(res, '404 Not found');
        return;
      }
      const standing = standingApprovals(pr);
      const required =
        repo.protection.find(p => coversBranch(p.branch, pr.baseBranch))
          ?.requiredApprovingReviewCount ?? 0;
      // What GitLab counts: every standing approval but the author's, whom the project forbids.
      const counted = standing.filter(r => r.reviewer !== pr.author).length;
      const left = Math.max(0, required - counted);
      const mr = mergeRequestOf(organisation, repo, pr);
      res.json({
        id: mr.id,
        iid: mr.iid,
        project_id: mr.project_id,
        title: mr.title,
        description: mr.description,
        state: mr.state,
        created_at: mr.created_at,
        updated_at: mr.updated_at,
        merge_status: 'can_be_merged',
        approved: left === 0,
        approvals_required: required,
        approvals_left: left,
        require_password_to_approve: false,
        approved_by: standing.map(r => ({
          user: basicUser(personOf(organisation, r.reviewer)),
          approved_at: r.submittedAt,
        })),
        suggested_approvers: [],
        approvers: [],
        approver_groups: [],
        user_has_approved: false,
        user_can_approve: false,
        approval_rules_left: [],
        has_approval_rules: required > 0,
        merge_request_approvers_available: true,
        multiple_approval_rules_available: true,
        invalid_approvers_rules: [],
      });
    }),
  );

  router.get(
    '/projects/:id/approvals',
    inProject((_req, res) => {
      res.json(PROJECT_APPROVAL_SETTINGS);
    }),
  );

  router.get(
    '/projects/:id/approval_rules',
    inProject((req, res, { repo }) => {
      // One rule per required count, on the protected branches that require it.
      const byCount = new Map<number, string[]>();
      for (const p of repo.protection) {
        byCount.set(p.requiredApprovingReviewCount, [
          ...(byCount.get(p.requiredApprovingReviewCount) ?? []),
          p.branch,
        ]);
      }
      const rules = [...byCount.entries()]
        .filter(([count]) => count > 0)
        .map(([count, branches]) => ({
          id: projectId(repo) * 10 + count,
          name: count === 1 ? 'Peer review' : `${count} peer reviews`,
          rule_type: 'regular',
          report_type: null,
          eligible_approvers: [],
          approvals_required: count,
          users: [],
          groups: [],
          contains_hidden_groups: false,
          protected_branches: branches.map(name => ({
            id: projectId(repo) + name.length,
            name,
          })),
          applies_to_all_protected_branches: false,
        }));
      res.json(gitlabPage(context, req, res, rules));
    }),
  );

  router.get(
    '/projects/:id/protected_branches',
    inProject((req, res, { repo }) => {
      const level = (access: number, description: string) => [
        {
          id: access,
          access_level: access,
          access_level_description: description,
          deploy_key_id: null,
          user_id: null,
          group_id: null,
        },
      ];
      const branches = repo.protection.map((p, i) => ({
        id: projectId(repo) * 100 + i,
        name: p.branch,
        push_access_levels: level(40, 'Maintainers'),
        merge_access_levels: level(30, 'Developers + Maintainers'),
        unprotect_access_levels: level(40, 'Maintainers'),
        allow_force_push: p.allowForcePushes,
        code_owner_approval_required: p.requireCodeOwnerReviews,
        inherited: false,
      }));
      res.json(gitlabPage(context, req, res, branches));
    }),
  );

  router.get(
    '/projects/:id/audit_events',
    inProject((req, res) => {
      // The simulated projects' settings never change: no event in any window.
      res.json(gitlabPage(context, req, res, []));
    }),
  );

  router.get(
    '/projects/:id/environments',
    inProject((req, res, { repo }) => {
      const names = new Set([
        ...repo.environments.map(e => e.name),
        ...repo.deployments.map(d => d.environment),
      ]);
      const wanted = query(req, 'name');
      const environments = [...names]
        .filter(name => !wanted || name === wanted)
        .sort()
        .map(name => environmentOf(repo, name));
      res.json(gitlabPage(context, req, res, environments));
    }),
  );

  router.get(
    '/projects/:id/deployments',
    inProject((req, res, { organisation, repo }) => {
      const environment = query(req, 'environment');
      const status = query(req, 'status');
      const rendered = repo.deployments
        .map((d, i) => deploymentOf(organisation, repo, d, i + 1))
        .filter(d => !environment || d.environment.name === environment)
        .filter(d => !status || d.status === status);
      const updatedAfter = query(req, 'updated_after');
      const updatedBefore = query(req, 'updated_before');
      const orderBy = query(req, 'order_by') ?? 'id';
      if ((updatedAfter || updatedBefore) && orderBy !== 'updated_at') {
        // As GitLab: the update-time filters need the list ordered by update time.
        res.status(400).json({
          message:
            '400 Bad request - `updated_at` filter and `updated_at` sorting must be paired',
        });
        return;
      }
      const list = ordered(
        within(rendered, d => d.updated_at, updatedAfter, updatedBefore),
        orderBy,
        query(req, 'sort') ?? 'asc',
      );
      res.json(gitlabPage(context, req, res, list));
    }),
  );

  router.get('/users/:id', (req, res) => {
    const organisation = context.organisation();
    const person = organisation.people.find(
      p => String(p.id) === req.params.id,
    );
    if (!person) {
      res.status(404).json({ message: '404 User Not Found' });
      return;
    }
    res.json(userDetail(person));
  });

  router.get('/users', (req, res) => {
    const username = query(req, 'username');
    const people = context
      .organisation()
      .people.filter(p => !username || gitlabUsername(p) === username);
    res.json(gitlabPage(context, req, res, people.map(basicUser)));
  });

  router.use((_req, res) => {
    res.status(404).json({ error: '404 Not Found' });
  });

  return router;
}
