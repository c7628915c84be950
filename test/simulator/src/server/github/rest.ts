import express, { Request, RequestHandler, Response } from 'express';
import { components } from '@octokit/openapi-types';
import { Commit, Deployment, PullRequest, Repository } from '../../model';
import { SimulatorContext } from '../context';
import { matchesPhrase, policyOverrides } from './auditLog';
import { githubPage } from '../pagination';
import {
  Rendering,
  branchProtection,
  branchWithProtection,
  combinedFiles,
  commit,
  commitIndex,
  contentFile,
  deployment,
  deploymentReview,
  deploymentStatus,
  diffEntry,
  environment,
  environmentApproval,
  fullRepository,
  pullRequest,
  pullRequestReview,
  pullRequestSimple,
  rendering,
  repository,
  rulesDetailed,
  ruleset,
  rulesetId,
  shortBranch,
  statusesNewestFirst,
} from './representations';

/*
 * GitHub's REST API v3, read-only, over the organisation model: the endpoints a change-compliance
 * sync reads (pull requests and their reviews, commits, comparisons, deployments and their
 * statuses and reviews, environments, branch protection and rulesets, CODEOWNERS). Errors and
 * list pagination behave as on GitHub so that clients meet the same edge cases as in production.
 */

const DOCS = 'https://docs.github.com/rest';

/** GitHub caps the commits of a comparison at 250 and its files at 300. */
const COMPARE_COMMIT_LIMIT = 250;
const COMPARE_FILE_LIMIT = 300;

function fail(
  res: Response,
  status: number,
  message: string,
  documentation = DOCS,
) {
  res.status(status).json({
    message,
    documentation_url: documentation,
    status: String(status),
  });
}

function notFound(res: Response, message = 'Not Found') {
  fail(res, 404, message);
}

/** GitHub answers a commit it cannot resolve with 422, not 404. */
function noCommit(res: Response, ref: string) {
  fail(
    res,
    422,
    `No commit found for SHA: ${ref}`,
    `${DOCS}/commits/commits#get-a-commit`,
  );
}

/** A single query parameter (the first, if repeated). */
function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

function newestFirst<T>(
  items: T[],
  time: (item: T) => string,
  id: (item: T) => number,
): T[] {
  return [...items].sort(
    (a, b) => time(b).localeCompare(time(a)) || id(b) - id(a),
  );
}

/** Branch name, `refs/heads/<branch>`, full sha or an unambiguous abbreviated sha. */
function resolveRef(repo: Repository, ref: string): Commit | undefined {
  const commits = commitIndex(repo);
  const branch = ref.replace(/^refs\/heads\//, '');
  const branchHead = repo.branches[branch];
  if (branchHead) return commits.get(branchHead);
  const exact = commits.get(ref.toLowerCase());
  if (exact) return exact;
  if (!/^[0-9a-f]{4,39}$/i.test(ref)) return undefined;
  const matches = repo.commits.filter(c => c.sha.startsWith(ref.toLowerCase()));
  return matches.length === 1 ? matches[0] : undefined;
}

/** Every commit reachable from `sha` through any parent, `sha` included. */
function ancestry(repo: Repository, sha: string): Set<string> {
  const commits = commitIndex(repo);
  const seen = new Set<string>();
  const pending = [sha];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(commits.get(next)?.parents ?? []));
  }
  return seen;
}

/** Commits in the order the repository recorded them (parents before children). */
function inCreationOrder(repo: Repository, shas: Set<string>): Commit[] {
  return repo.commits.filter(c => shas.has(c.sha));
}

/**
 * The files a range of commits changed. A merge commit repeats the changes of the branch it
 * merged, so it adds nothing when that branch's commits are in the range themselves.
 */
function rangeFiles(commits: Commit[]) {
  const inRange = new Set(commits.map(c => c.sha));
  return combinedFiles(
    commits.filter(
      c =>
        c.parents.length < 2 || !c.parents.slice(1).some(p => inRange.has(p)),
    ),
  );
}

function pullCommits(repo: Repository, pr: PullRequest): Commit[] {
  const commits = commitIndex(repo);
  return pr.commits.flatMap(sha => {
    const found = commits.get(sha);
    return found ? [found] : [];
  });
}

type RepositoryHandler = (
  req: Request,
  res: Response,
  repo: Repository,
  r: Rendering,
) => void;

export function githubRestRouter(context: SimulatorContext): express.Router {
  const router = express.Router();

  // Node's fetch (and so Octokit) adds `Cache-Control: no-cache` to any request carrying
  // If-None-Match, which would make Express skip its 304. GitHub answers the conditional request
  // regardless, so the header is disregarded here.
  router.use((req, _res, next) => {
    if (req.headers['if-none-match']) {
      delete req.headers['cache-control'];
      delete req.headers.pragma;
    }
    next();
  });

  /** Runs `handler` with the repository the path names; 404 when there is none (or no access). */
  const inRepository =
    (handler: RepositoryHandler): RequestHandler =>
    (req, res) => {
      const r = rendering(context);
      const { owner, repo: name } = req.params;
      const repo = r.organisation.repositories.find(
        candidate =>
          candidate.owner.toLowerCase() === owner.toLowerCase() &&
          candidate.name.toLowerCase() === name.toLowerCase(),
      );
      if (!repo) {
        notFound(res);
        return;
      }
      handler(req, res, repo, r);
    };

  const inPullRequest = (
    handler: (
      req: Request,
      res: Response,
      repo: Repository,
      r: Rendering,
      pr: PullRequest,
    ) => void,
  ) =>
    inRepository((req, res, repo, r) => {
      const pr = repo.pullRequests.find(
        p => String(p.number) === req.params.pull_number,
      );
      if (!pr) {
        notFound(res);
        return;
      }
      handler(req, res, repo, r, pr);
    });

  const inDeployment = (
    param: string,
    handler: (
      req: Request,
      res: Response,
      repo: Repository,
      r: Rendering,
      d: Deployment,
    ) => void,
  ) =>
    inRepository((req, res, repo, r) => {
      const found = repo.deployments.find(
        d => String(d.id) === req.params[param],
      );
      if (!found) {
        notFound(res);
        return;
      }
      handler(req, res, repo, r, found);
    });

  router.get('/rate_limit', (_req, res) => {
    // The rate-limit middleware has already set this request's headers; the body restates them.
    const header = (name: string) => Number(res.getHeader(name) ?? 0);
    const core = {
      limit: header('x-ratelimit-limit'),
      remaining: header('x-ratelimit-remaining'),
      reset: header('x-ratelimit-reset'),
      used: header('x-ratelimit-used'),
    };
    const search = { limit: 30, remaining: 30, reset: core.reset, used: 0 };
    const body: components['schemas']['rate-limit-overview'] = {
      resources: {
        core,
        search,
        graphql: { ...core, limit: 5000, remaining: 5000, used: 0 },
      },
      rate: core,
    };
    res.json(body);
  });

  router.get('/orgs/:org/audit-log', (req, res) => {
    const entries = policyOverrides(
      context.organisation(),
      req.params.org,
    ).filter(e => matchesPhrase(e, query(req, 'phrase')));
    res.json(githubPage(context, req, res, entries));
  });

  router.get('/orgs/:org/repos', (req, res) => {
    const r = rendering(context);
    const org = req.params.org.toLowerCase();
    const owned = r.organisation.repositories.filter(
      repo => repo.owner.toLowerCase() === org,
    );
    if (owned.length === 0) {
      notFound(res);
      return;
    }
    const sort = query(req, 'sort') ?? 'created';
    const direction =
      query(req, 'direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
    const key = (repo: Repository) =>
      sort === 'full_name'
        ? `${repo.owner}/${repo.name}`.toLowerCase()
        : repo.createdAt;
    const sorted = [...owned].sort((a, b) => key(a).localeCompare(key(b)));
    if (direction === 'desc') sorted.reverse();
    res.json(
      githubPage(context, req, res, sorted).map(repo => repository(r, repo)),
    );
  });

  router.get(
    '/repos/:owner/:repo',
    inRepository((_req, res, repo, r) => {
      res.json(fullRepository(r, repo));
    }),
  );

  router.get(
    '/repos/:owner/:repo/pulls',
    inRepository((req, res, repo, r) => {
      const state = query(req, 'state') ?? 'open';
      const base = query(req, 'base');
      // `head` is `owner:branch`; only branches of the repository itself exist here.
      const head = query(req, 'head');
      const [headOwner, headBranch] = head?.includes(':')
        ? [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)]
        : [undefined, head];
      const sort = query(req, 'sort') ?? 'created';
      // As documented by GitHub: descending by default only when sorting by creation.
      const direction =
        query(req, 'direction') ?? (sort === 'created' ? 'desc' : 'asc');
      const time = (pr: PullRequest) =>
        sort === 'updated' ? pr.updatedAt : pr.createdAt;
      // A head in another account would be a fork, and there are none.
      const foreignHead =
        headOwner !== undefined &&
        headOwner.toLowerCase() !== repo.owner.toLowerCase();
      const selected = repo.pullRequests
        .filter(() => !foreignHead)
        .filter(pr => state === 'all' || pr.state === state)
        .filter(pr => !base || pr.baseBranch === base)
        .filter(pr => !headBranch || pr.headBranch === headBranch)
        .sort((a, b) => time(a).localeCompare(time(b)) || a.number - b.number);
      if (direction === 'desc') selected.reverse();
      res.json(
        githubPage(context, req, res, selected).map(pr =>
          pullRequestSimple(r, repo, pr),
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/pulls/:pull_number',
    inPullRequest((_req, res, repo, r, pr) => {
      res.json(pullRequest(r, repo, pr));
    }),
  );

  router.get(
    '/repos/:owner/:repo/pulls/:pull_number/reviews',
    inPullRequest((req, res, repo, r, pr) => {
      // Chronological, as GitHub lists them.
      const reviews = [...pr.reviews].sort(
        (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id,
      );
      res.json(
        githubPage(context, req, res, reviews).map(review =>
          pullRequestReview(r, repo, pr, review),
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/pulls/:pull_number/commits',
    inPullRequest((req, res, repo, r, pr) => {
      const page = githubPage(context, req, res, pullCommits(repo, pr));
      res.json(page.map(c => commit(r, repo, c)));
    }),
  );

  router.get(
    '/repos/:owner/:repo/pulls/:pull_number/files',
    inPullRequest((req, res, repo, r, pr) => {
      const files = combinedFiles(pullCommits(repo, pr));
      res.json(
        githubPage(context, req, res, files).map(f =>
          diffEntry(r, repo, pr.headSha, f),
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/commits',
    inRepository((req, res, repo, r) => {
      const from = query(req, 'sha') ?? repo.defaultBranch;
      const start = resolveRef(repo, from);
      if (!start) {
        notFound(res);
        return;
      }
      const since = query(req, 'since');
      const until = query(req, 'until');
      const path = query(req, 'path')?.replace(/^\/+|\/+$/g, '');
      const author = query(req, 'author')?.toLowerCase();
      const touches = (c: Commit) =>
        !path ||
        c.files.some(
          f => f.filename === path || f.filename.startsWith(`${path}/`),
        );
      const byAuthor = (c: Commit) =>
        !author ||
        c.author.login?.toLowerCase() === author ||
        c.author.email.toLowerCase() === author;
      const creation = new Map(repo.commits.map((c, i) => [c.sha, i]));
      const selected = newestFirst(
        inCreationOrder(repo, ancestry(repo, start.sha)),
        c => c.committer.date,
        c => creation.get(c.sha)!,
      )
        .filter(
          c => !since || Date.parse(c.committer.date) >= Date.parse(since),
        )
        .filter(
          c => !until || Date.parse(c.committer.date) <= Date.parse(until),
        )
        .filter(touches)
        .filter(byAuthor);
      res.json(
        githubPage(context, req, res, selected).map(c => commit(r, repo, c)),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/commits/:ref',
    inRepository((req, res, repo, r) => {
      const found = resolveRef(repo, req.params.ref);
      if (!found) {
        noCommit(res, req.params.ref);
        return;
      }
      res.json(commit(r, repo, found, { withFiles: true }));
    }),
  );

  router.get(
    '/repos/:owner/:repo/commits/:commit_sha/pulls',
    inRepository((req, res, repo, r) => {
      const found = resolveRef(repo, req.params.commit_sha);
      if (!found) {
        noCommit(res, req.params.commit_sha);
        return;
      }
      // The pull request that put the commit on its base branch (merge, squash or each rebased
      // copy), or whose branch carries it.
      const associated = repo.pullRequests
        .filter(
          pr =>
            pr.mergeCommitSha === found.sha ||
            (pr.landedCommits ?? []).includes(found.sha) ||
            pr.headSha === found.sha ||
            pr.commits.includes(found.sha),
        )
        .sort((a, b) => a.number - b.number);
      res.json(
        githubPage(context, req, res, associated).map(pr =>
          pullRequestSimple(r, repo, pr),
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/compare/:basehead',
    inRepository((req, res, repo, r) => {
      const [baseRef, headRef, ...rest] = req.params.basehead.split('...');
      const base = baseRef ? resolveRef(repo, baseRef) : undefined;
      const head = headRef ? resolveRef(repo, headRef) : undefined;
      if (!base || !head || rest.length > 0) {
        notFound(res);
        return;
      }
      const fromBase = ancestry(repo, base.sha);
      const fromHead = ancestry(repo, head.sha);
      const ahead = inCreationOrder(
        repo,
        new Set([...fromHead].filter(s => !fromBase.has(s))),
      );
      const behindBy = [...fromBase].filter(s => !fromHead.has(s)).length;
      // The newest common ancestor: no other common ancestor can descend from it.
      const mergeBase = inCreationOrder(
        repo,
        new Set([...fromHead].filter(s => fromBase.has(s))),
      ).at(-1);
      if (!mergeBase) {
        fail(res, 404, `No common ancestor between ${baseRef} and ${headRef}.`);
        return;
      }
      let status: components['schemas']['commit-comparison']['status'] =
        'diverged';
      if (ahead.length === 0 && behindBy === 0) status = 'identical';
      else if (behindBy === 0) status = 'ahead';
      else if (ahead.length === 0) status = 'behind';
      // Commits are paged only when asked to; otherwise GitHub returns the first 250.
      const paged =
        query(req, 'page') !== undefined ||
        query(req, 'per_page') !== undefined;
      const listed = paged
        ? githubPage(context, req, res, ahead)
        : ahead.slice(0, COMPARE_COMMIT_LIMIT);
      const slug = `${repo.owner}/${repo.name}`;
      const htmlUrl = r.html(`/${slug}/compare/${req.params.basehead}`);
      const body: components['schemas']['commit-comparison'] = {
        url: r.api(`/repos/${slug}/compare/${req.params.basehead}`),
        html_url: htmlUrl,
        permalink_url: r.html(`/${slug}/compare/${base.sha}...${head.sha}`),
        diff_url: `${htmlUrl}.diff`,
        patch_url: `${htmlUrl}.patch`,
        base_commit: commit(r, repo, base),
        merge_base_commit: commit(r, repo, mergeBase),
        status,
        ahead_by: ahead.length,
        behind_by: behindBy,
        total_commits: ahead.length,
        commits: listed.map(c => commit(r, repo, c)),
        files: rangeFiles(ahead)
          .slice(0, COMPARE_FILE_LIMIT)
          .map(f => diffEntry(r, repo, head.sha, f)),
      };
      res.json(body);
    }),
  );

  router.get(
    '/repos/:owner/:repo/deployments',
    inRepository((req, res, repo, r) => {
      const filters = {
        environment: query(req, 'environment'),
        sha: query(req, 'sha'),
        ref: query(req, 'ref'),
        task: query(req, 'task'),
      };
      const selected = newestFirst(
        repo.deployments,
        d => d.createdAt,
        d => d.id,
      ).filter(
        d =>
          (!filters.environment || d.environment === filters.environment) &&
          (!filters.sha || d.sha === filters.sha) &&
          (!filters.ref || d.ref === filters.ref) &&
          (!filters.task || d.task === filters.task),
      );
      res.json(
        githubPage(context, req, res, selected).map(d =>
          deployment(r, repo, d),
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/deployments/:deployment_id',
    inDeployment('deployment_id', (_req, res, repo, r, d) => {
      res.json(deployment(r, repo, d));
    }),
  );

  router.get(
    '/repos/:owner/:repo/deployments/:deployment_id/statuses',
    inDeployment('deployment_id', (req, res, repo, r, d) => {
      res.json(
        githubPage(context, req, res, statusesNewestFirst(d)).map(s =>
          deploymentStatus(r, repo, d, s),
        ),
      );
    }),
  );

  /*
   * Not a GitHub endpoint. GitHub's REST API has no list of a deployment's reviews: they arrive as
   * `deployment_review` webhooks, or are read from the approvals of the workflow run that created
   * the deployment (`GET /actions/runs/{run_id}/approvals`, below). This extension serves the same
   * facts (state, comment, reviewer, time) by deployment id, for clients of the simulator that
   * stand in for the webhook.
   */
  router.get(
    '/repos/:owner/:repo/deployments/:deployment_id/reviews',
    inDeployment('deployment_id', (req, res, _repo, r, d) => {
      const reviews = [...d.reviews].sort((a, b) =>
        a.submittedAt.localeCompare(b.submittedAt),
      );
      res.json(
        githubPage(context, req, res, reviews).map(review =>
          deploymentReview(r, review),
        ),
      );
    }),
  );

  // The model has no workflow runs: each deployment stands for the run that created it, so the
  // run id is the deployment id.
  router.get(
    '/repos/:owner/:repo/actions/runs/:run_id/approvals',
    inDeployment('run_id', (req, res, repo, r, d) => {
      const reviews = [...d.reviews].sort((a, b) =>
        a.submittedAt.localeCompare(b.submittedAt),
      );
      res.json(
        githubPage(context, req, res, reviews).map(review =>
          environmentApproval(r, repo, d, review),
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/environments',
    inRepository((req, res, repo, r) => {
      const environments = [...repo.environments].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      const page = githubPage(context, req, res, environments);
      res.json({
        total_count: environments.length,
        environments: page.map(env => environment(r, repo, env)),
      });
    }),
  );

  router.get(
    '/repos/:owner/:repo/environments/:environment_name',
    inRepository((req, res, repo, r) => {
      const env = repo.environments.find(
        e => e.name === req.params.environment_name,
      );
      if (!env) {
        notFound(res);
        return;
      }
      res.json(environment(r, repo, env));
    }),
  );

  router.get(
    '/repos/:owner/:repo/branches',
    inRepository((req, res, repo, r) => {
      const onlyProtected = query(req, 'protected');
      const names = Object.keys(repo.branches)
        .sort((a, b) => a.localeCompare(b))
        .filter(name => {
          if (onlyProtected === undefined) return true;
          const isProtected = repo.protection.some(p => p.branch === name);
          return isProtected === (onlyProtected === 'true');
        });
      res.json(
        githubPage(context, req, res, names).map(name =>
          shortBranch(r, repo, name, repo.branches[name]),
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/branches/:branch',
    inRepository((req, res, repo, r) => {
      const sha = repo.branches[req.params.branch];
      const head = sha ? commitIndex(repo).get(sha) : undefined;
      if (!head) {
        notFound(res, 'Branch not found');
        return;
      }
      res.json(branchWithProtection(r, repo, req.params.branch, head));
    }),
  );

  router.get(
    '/repos/:owner/:repo/branches/:branch/protection',
    inRepository((req, res, repo, r) => {
      if (!repo.branches[req.params.branch]) {
        notFound(res, 'Branch not found');
        return;
      }
      const protection = repo.protection.find(
        p => p.branch === req.params.branch,
      );
      if (!protection) {
        fail(
          res,
          404,
          'Branch not protected',
          `${DOCS}/branches/branch-protection#get-branch-protection`,
        );
        return;
      }
      res.json(branchProtection(r, repo, protection));
    }),
  );

  router.get(
    '/repos/:owner/:repo/rules/branches/:branch',
    inRepository((req, res, repo) => {
      // Rules apply by branch name pattern, so a branch that does not exist yet has rules too.
      const protection = repo.protection.find(
        p => p.branch === req.params.branch,
      );
      res.json(
        githubPage(
          context,
          req,
          res,
          protection ? rulesDetailed(repo, protection) : [],
        ),
      );
    }),
  );

  router.get(
    '/repos/:owner/:repo/rulesets',
    inRepository((req, res, repo, r) => {
      const page = githubPage(context, req, res, repo.protection);
      res.json(page.map(p => ruleset(r, repo, p)));
    }),
  );

  router.get(
    '/repos/:owner/:repo/rulesets/:ruleset_id',
    inRepository((req, res, repo, r) => {
      const protection = repo.protection.find(
        p => String(rulesetId(repo, p)) === req.params.ruleset_id,
      );
      if (!protection) {
        notFound(res);
        return;
      }
      res.json(ruleset(r, repo, protection, { withRules: true }));
    }),
  );

  router.get(
    '/repos/:owner/:repo/contents/:path(*)',
    inRepository((req, res, repo, r) => {
      const path = req.params.path;
      // Only CODEOWNERS is modelled; every other path is absent.
      if (path !== '.github/CODEOWNERS' || repo.codeowners === undefined) {
        notFound(res);
        return;
      }
      res.json(contentFile(r, repo, path, repo.codeowners));
    }),
  );

  // GitHub answers unknown API paths with a JSON 404, not an HTML page.
  router.use((_req, res) => notFound(res));

  return router;
}
