import { Octokit } from '@octokit/rest';
import {
  sampleOrganisation,
  sampleSha,
} from '../../__testUtils__/sampleOrganisation';
import { parseScenario } from '../../scenario';
import { createSimulator, Simulator } from '../app';
import { DEMO_CREDENTIALS } from '../credentials';

// The sample organisation's shas: `a0…` the root, `b…<n>` PR n's commit, `c…<n>` its merge.
const sha = sampleSha;

const owner = 'northwind';
const repo = 'payments-api';

describe('GitHub REST API', () => {
  let sim: Simulator;
  let base: string;
  let octokit: Octokit;

  /** The status, body and headers of a request Octokit rejected. */
  async function failureOf(request: Promise<unknown>) {
    try {
      await request;
    } catch (error) {
      const failure = error as {
        status: number;
        response?: { data?: any; headers: Record<string, string> };
      };
      return {
        status: failure.status,
        body: failure.response?.data,
        headers: failure.response?.headers ?? {},
      };
    }
    throw new Error('expected the request to fail');
  }

  /** Requests answered for one test label, by route (`GET /api/v3/repos/:owner/:repo/pulls`). */
  const routeCount = (label: string, route: string) =>
    sim.requestLog.snapshot(label)[label]?.[route] ?? 0;

  const expectNoDuplicates = (ids: (number | string)[]) =>
    expect(new Set(ids).size).toBe(ids.length);

  beforeAll(async () => {
    sim = createSimulator({ organisation: sampleOrganisation() });
    base = await sim.listen();
    octokit = new Octokit({
      baseUrl: `${base}/api/v3`,
      auth: DEMO_CREDENTIALS.githubToken,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => {
    sim.requestLog.reset();
    sim.faults.clear();
  });

  describe('authentication, rate limit and caching', () => {
    it('refuses a wrong token with 401 Bad credentials', async () => {
      const stranger = new Octokit({
        baseUrl: `${base}/api/v3`,
        auth: 'ghp_wrong',
      });
      const failure = await failureOf(stranger.rest.repos.get({ owner, repo }));
      expect(failure.status).toBe(401);
      expect(failure.body.message).toBe('Bad credentials');
    });

    it('reports the rate limit in x-ratelimit-* headers and in /rate_limit', async () => {
      const first = await octokit.rest.repos.get({ owner, repo });
      for (const header of [
        'limit',
        'remaining',
        'reset',
        'used',
        'resource',
      ]) {
        expect(first.headers[`x-ratelimit-${header}`]).toBeDefined();
      }
      const limit = await octokit.rest.rateLimit.get();
      expect(limit.data.resources.core.limit).toBe(5000);
      expect(limit.data.resources.core.remaining).toBe(
        Number(limit.headers['x-ratelimit-remaining']),
      );
      expect(limit.data.rate).toEqual(limit.data.resources.core);
    });

    it('answers If-None-Match with the current ETag by a 304 that costs no rate limit', async () => {
      const first = await octokit.rest.pulls.get({
        owner,
        repo,
        pull_number: 7,
      });
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"/);
      const remaining = Number(first.headers['x-ratelimit-remaining']);

      const notModified = await failureOf(
        octokit.rest.pulls.get({
          owner,
          repo,
          pull_number: 7,
          headers: { 'if-none-match': etag },
        }),
      );
      expect(notModified.status).toBe(304);

      const changed = await octokit.rest.pulls.get({
        owner,
        repo,
        pull_number: 8,
        headers: { 'if-none-match': etag },
      });
      expect(changed.status).toBe(200);
      // The 304 was not counted; the 200 after it was, as one request.
      expect(Number(changed.headers['x-ratelimit-remaining'])).toBe(
        remaining - 1,
      );
    });

    it('answers a secondary-rate-limit fault with 403 and retry-after, once', async () => {
      sim.faults.set([
        { path: 'pulls', kind: 'secondary-rate-limit', times: 1 },
      ]);
      const failure = await failureOf(
        octokit.rest.pulls.list({ owner, repo, state: 'all' }),
      );
      expect(failure.status).toBe(403);
      expect(failure.headers['retry-after']).toBe('1');
      expect(failure.body.message).toMatch(/secondary rate limit/);

      const retried = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'all',
      });
      expect(retried.status).toBe(200);
    });

    it('repeats an item on page 2 when the list shifts between pages', async () => {
      sim.faults.set([{ path: 'pulls', kind: 'shifting-pages' }]);
      const page1 = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'all',
        per_page: 10,
      });
      const page2 = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'all',
        per_page: 10,
        page: 2,
      });
      expect(page2.data[0].number).toBe(page1.data[9].number);
      const all = await octokit.paginate(octokit.rest.pulls.list, {
        owner,
        repo,
        state: 'all',
        per_page: 10,
      });
      // Every pull request is still seen, one of them twice.
      expect(new Set(all.map(pr => pr.number)).size).toBe(75);
      expect(all).toHaveLength(76);
    });

    it('answers unknown repositories, pull requests and paths with a JSON 404', async () => {
      for (const request of [
        octokit.rest.repos.get({ owner, repo: 'nope' }),
        octokit.rest.pulls.get({ owner, repo, pull_number: 999 }),
        octokit.request('GET /repos/{owner}/{repo}/no-such-thing', {
          owner,
          repo,
        }),
      ]) {
        const failure = await failureOf(request);
        expect(failure.status).toBe(404);
        expect(failure.body).toMatchObject({ message: 'Not Found' });
        expect(failure.body.documentation_url).toMatch(
          /^https:\/\/docs\.github\.com/,
        );
      }
    });
  });

  describe('repositories', () => {
    it('serves a repository and the organisation repository list', async () => {
      const { data } = await octokit.rest.repos.get({ owner, repo });
      expect(data).toMatchObject({
        name: repo,
        full_name: `${owner}/${repo}`,
        default_branch: 'main',
        owner: { login: owner, type: 'Organization' },
        url: `${base}/api/v3/repos/${owner}/${repo}`,
      });
      const list = await octokit.paginate(octokit.rest.repos.listForOrg, {
        org: owner,
      });
      expect(list.map(r => r.full_name)).toEqual([`${owner}/${repo}`]);
      expect(list[0].id).toBe(data.id);
      expect(
        (await failureOf(octokit.rest.repos.listForOrg({ org: 'elsewhere' })))
          .status,
      ).toBe(404);
    });
  });

  describe('pull requests', () => {
    it('pages through 75 closed pull requests in 8 requests, each once, newest first', async () => {
      const all = await octokit.paginate(octokit.rest.pulls.list, {
        owner,
        repo,
        state: 'closed',
        per_page: 10,
        headers: { 'x-simulator-test': 'pulls-paging' },
      });
      expect(all).toHaveLength(75);
      expectNoDuplicates(all.map(pr => pr.number));
      expect(all[0].number).toBe(75);
      expect(all[74].number).toBe(1);
      expect(
        routeCount('pulls-paging', 'GET /api/v3/repos/:owner/:repo/pulls'),
      ).toBe(8);
    });

    it('lists open pull requests by default, and filters by base and head', async () => {
      expect((await octokit.rest.pulls.list({ owner, repo })).data).toEqual([]);
      const onMain = await octokit.paginate(octokit.rest.pulls.list, {
        owner,
        repo,
        state: 'all',
        base: 'main',
        per_page: 100,
      });
      expect(onMain).toHaveLength(75);
      const byHead = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'all',
        head: `${owner}:feature/pay-7`,
      });
      expect(byHead.data.map(pr => pr.number)).toEqual([7]);
      const fromFork = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'all',
        head: 'someone-else:feature/pay-7',
      });
      expect(fromFork.data).toEqual([]);
    });

    it('sorts by update time, ascending unless told otherwise, as GitHub does', async () => {
      const ascending = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'all',
        sort: 'updated',
        per_page: 3,
      });
      expect(ascending.data.map(pr => pr.number)).toEqual([1, 2, 3]);
      const descending = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'all',
        sort: 'updated',
        direction: 'desc',
        per_page: 3,
      });
      expect(descending.data.map(pr => pr.number)).toEqual([75, 74, 73]);
    });

    it('serves a merged pull request with its merge commit, merger, refs and labels', async () => {
      const { data } = await octokit.rest.pulls.get({
        owner,
        repo,
        pull_number: 10,
      });
      expect(data).toMatchObject({
        number: 10,
        state: 'closed',
        merged: true,
        merged_at: '2026-06-01T10:30:00Z',
        merge_commit_sha: sha('c', 10),
        merged_by: { login: 'alice', id: 1, type: 'User' },
        user: { login: 'alice' },
        head: { ref: 'feature/pay-10', sha: sha('b', 10) },
        base: { ref: 'main', sha: sha('c', 9) },
        commits: 1,
        additions: 10,
        deletions: 1,
        changed_files: 1,
      });
      expect(data.labels.map(l => l.name)).toEqual(['hotfix']);
      expect(data.labels[0]).toMatchObject({
        id: expect.any(Number),
        color: expect.any(String),
      });
    });

    it('serves reviews, commits and files of a pull request through pagination', async () => {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
        owner,
        repo,
        pull_number: 7,
      });
      expect(reviews).toEqual([
        expect.objectContaining({
          id: 1007,
          state: 'APPROVED',
          user: expect.objectContaining({ login: 'bob', id: 2 }),
          commit_id: sha('b', 7),
          submitted_at: '2026-06-01T07:20:00Z',
        }),
      ]);
      const commits = await octokit.paginate(octokit.rest.pulls.listCommits, {
        owner,
        repo,
        pull_number: 7,
      });
      expect(commits.map(c => c.sha)).toEqual([sha('b', 7)]);
      expect(commits[0].commit.message).toContain('Co-authored-by: Carol');
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
        owner,
        repo,
        pull_number: 7,
      });
      expect(files).toEqual([
        expect.objectContaining({
          filename: 'src/module7.ts',
          additions: 7,
          deletions: 1,
          changes: 8,
        }),
      ]);
    });

    it('reports a dismissed review as DISMISSED', async () => {
      const organisation = sampleOrganisation(3);
      organisation.repositories[0].pullRequests[0].reviews[0].state =
        'DISMISSED';
      sim.setOrganisation(organisation);
      try {
        const { data } = await octokit.rest.pulls.listReviews({
          owner,
          repo,
          pull_number: 1,
        });
        expect(data.map(r => r.state)).toEqual(['DISMISSED']);
      } finally {
        sim.setOrganisation(sampleOrganisation());
      }
    });
  });

  describe('commits', () => {
    // Fifteen pull requests: no two commits share a sha (see `sha` above).
    beforeAll(() => sim.setOrganisation(sampleOrganisation(15)));
    afterAll(() => sim.setOrganisation(sampleOrganisation()));

    it('walks the whole ancestry of a branch, newest first, across pages', async () => {
      const all = await octokit.paginate(octokit.rest.repos.listCommits, {
        owner,
        repo,
        per_page: 10,
        headers: { 'x-simulator-test': 'commits-paging' },
      });
      expect(all).toHaveLength(31);
      expectNoDuplicates(all.map(c => c.sha));
      expect(all[0].sha).toBe(sha('c', 15));
      expect(all[1].sha).toBe(sha('b', 15));
      expect(all.at(-1)!.sha).toBe(sha('a', 0));
      expect(
        routeCount('commits-paging', 'GET /api/v3/repos/:owner/:repo/commits'),
      ).toBe(4);

      const release = await octokit.rest.repos.listCommits({
        owner,
        repo,
        sha: 'release/1.x',
      });
      expect(release.data.map(c => c.sha)).toEqual([
        sha('c', 1),
        sha('b', 1),
        sha('a', 0),
      ]);
    });

    it('filters commits by time window and path', async () => {
      const windowed = await octokit.rest.repos.listCommits({
        owner,
        repo,
        since: '2026-06-01T02:00:00Z',
        until: '2026-06-01T02:59:59Z',
      });
      expect(windowed.data.map(c => c.sha)).toEqual([sha('c', 2), sha('b', 2)]);
      const byPath = await octokit.rest.repos.listCommits({
        owner,
        repo,
        path: 'src/module4.ts',
      });
      expect(byPath.data.map(c => c.sha)).toEqual([sha('c', 4), sha('b', 4)]);
    });

    it('serves a single commit with files, stats and parents; 422 for an unknown sha', async () => {
      const { data } = await octokit.rest.repos.getCommit({
        owner,
        repo,
        ref: sha('c', 5),
      });
      expect(data.parents.map(p => p.sha)).toEqual([sha('c', 4), sha('b', 5)]);
      expect(data.stats).toEqual({ additions: 5, deletions: 1, total: 6 });
      expect(data.files).toEqual([
        expect.objectContaining({
          filename: 'src/module5.ts',
          status: 'modified',
        }),
      ]);
      expect(data.author).toMatchObject({ login: 'alice' });
      expect(data.commit.committer).toMatchObject({
        name: 'GitHub',
        email: 'noreply@github.com',
      });

      const byBranch = await octokit.rest.repos.getCommit({
        owner,
        repo,
        ref: 'release/1.x',
      });
      expect(byBranch.data.sha).toBe(sha('c', 1));
      const abbreviated = await octokit.rest.repos.getCommit({
        owner,
        repo,
        // The root is the only `a…` commit, so its 7-character prefix is unambiguous.
        ref: sha('a', 0).slice(0, 7),
      });
      expect(abbreviated.data.sha).toBe(sha('a', 0));

      const failure = await failureOf(
        octokit.rest.repos.getCommit({ owner, repo, ref: 'f'.repeat(40) }),
      );
      expect(failure.status).toBe(422);
      expect(failure.body.message).toMatch(/No commit found/);
    });

    it('maps a merge commit, and a pull request commit, to their pull request', async () => {
      for (const commit of [sha('c', 12), sha('b', 12)]) {
        const pulls = await octokit.paginate(
          octokit.rest.repos.listPullRequestsAssociatedWithCommit,
          { owner, repo, commit_sha: commit },
        );
        expect(pulls.map(pr => pr.number)).toEqual([12]);
      }
      const root =
        await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
          owner,
          repo,
          commit_sha: sha('a', 0),
        });
      expect(root.data).toEqual([]);
    });

    it('compares two refs: commits only the head has, oldest first', async () => {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${sha('c', 1)}...${sha('c', 3)}`,
      });
      expect(data).toMatchObject({
        status: 'ahead',
        ahead_by: 4,
        behind_by: 0,
        total_commits: 4,
        merge_base_commit: { sha: sha('c', 1) },
        base_commit: { sha: sha('c', 1) },
      });
      expect(data.commits.map(c => c.sha)).toEqual([
        sha('b', 2),
        sha('c', 2),
        sha('b', 3),
        sha('c', 3),
      ]);
      // The merges repeat their PR's changes; each file is counted once.
      expect(data.files).toEqual([
        expect.objectContaining({ filename: 'src/module2.ts', additions: 2 }),
        expect.objectContaining({ filename: 'src/module3.ts', additions: 3 }),
      ]);

      const reversed = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `main...release/1.x`,
      });
      expect(reversed.data).toMatchObject({
        status: 'behind',
        ahead_by: 0,
        behind_by: 28,
        commits: [],
        merge_base_commit: { sha: sha('c', 1) },
      });

      const same = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: 'release/1.x...release/1.x',
      });
      expect(same.data.status).toBe('identical');

      const unknown = await failureOf(
        octokit.rest.repos.compareCommitsWithBasehead({
          owner,
          repo,
          basehead: 'main...nope',
        }),
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('deployments', () => {
    it('pages through deployments newest first, and filters them', async () => {
      const all = await octokit.paginate(octokit.rest.repos.listDeployments, {
        owner,
        repo,
        per_page: 20,
        headers: { 'x-simulator-test': 'deployments-paging' },
      });
      expect(all).toHaveLength(75);
      expectNoDuplicates(all.map(d => d.id));
      expect(all[0]).toMatchObject({
        id: 5075,
        sha: sha('c', 75),
        environment: 'production',
        creator: { login: 'deploy-bot[bot]', type: 'Bot' },
        payload: { service: 'payments-api' },
      });
      expect(
        routeCount(
          'deployments-paging',
          'GET /api/v3/repos/:owner/:repo/deployments',
        ),
      ).toBe(4);

      const bySha = await octokit.rest.repos.listDeployments({
        owner,
        repo,
        sha: sha('c', 12),
      });
      expect(bySha.data.map(d => d.id)).toEqual([5012]);
      const elsewhere = await octokit.rest.repos.listDeployments({
        owner,
        repo,
        environment: 'staging',
      });
      expect(elsewhere.data).toEqual([]);
      const single = await octokit.rest.repos.getDeployment({
        owner,
        repo,
        deployment_id: 5012,
      });
      expect(single.data.ref).toBe('main');
      expect(
        (
          await failureOf(
            octokit.rest.repos.getDeployment({ owner, repo, deployment_id: 1 }),
          )
        ).status,
      ).toBe(404);
    });

    it('serves statuses newest first with environment, log_url and target_url', async () => {
      const statuses = await octokit.paginate(
        octokit.rest.repos.listDeploymentStatuses,
        {
          owner,
          repo,
          deployment_id: 5003,
        },
      );
      expect(statuses.map(s => s.state)).toEqual(['success', 'in_progress']);
      expect(statuses[0]).toMatchObject({
        id: 9007,
        environment: 'production',
        log_url: 'https://ci.example.com/runs/3',
        target_url: 'https://ci.example.com/runs/3',
        creator: { login: 'deploy-bot[bot]' },
        deployment_url: `${base}/api/v3/repos/${owner}/${repo}/deployments/5003`,
      });
    });

    it('serves deployment reviews, by deployment and as the run approvals', async () => {
      const reviews = await octokit.paginate(
        'GET /repos/{owner}/{repo}/deployments/{id}/reviews',
        {
          owner,
          repo,
          id: 5003,
        },
      );
      expect(reviews).toEqual([
        {
          state: 'approved',
          comment: 'CAB ok',
          user: expect.objectContaining({ login: 'grace', id: 3 }),
          submitted_at: '2026-06-01T03:35:00Z',
        },
      ]);
      const approvals = await octokit.rest.actions.getReviewsForRun({
        owner,
        repo,
        run_id: 5003,
      });
      expect(approvals.data).toEqual([
        expect.objectContaining({
          state: 'approved',
          comment: 'CAB ok',
          user: expect.objectContaining({ login: 'grace' }),
          environments: [expect.objectContaining({ name: 'production' })],
        }),
      ]);
    });

    it('serves environments with their required reviewers', async () => {
      const { data } = await octokit.rest.repos.getAllEnvironments({
        owner,
        repo,
      });
      expect(data.total_count).toBe(1);
      expect(data.environments![0]).toMatchObject({
        name: 'production',
        protection_rules: [
          {
            type: 'required_reviewers',
            prevent_self_review: true,
            reviewers: [
              {
                type: 'User',
                reviewer: expect.objectContaining({ login: 'grace' }),
              },
            ],
          },
        ],
      });
      // Octokit's types miss that paginate unwraps `{ total_count, environments }` into a list.
      const paged = (await octokit.paginate(
        octokit.rest.repos.getAllEnvironments,
        {
          owner,
          repo,
        },
      )) as unknown as { name: string }[];
      expect(paged.map(e => e.name)).toEqual(['production']);
      const single = await octokit.rest.repos.getEnvironment({
        owner,
        repo,
        environment_name: 'production',
      });
      expect(single.data.id).toBe(data.environments![0].id);
      expect(
        (
          await failureOf(
            octokit.rest.repos.getEnvironment({
              owner,
              repo,
              environment_name: 'qa',
            }),
          )
        ).status,
      ).toBe(404);
    });
  });

  describe('branches, protection and rules', () => {
    it('serves the protection of a protected branch', async () => {
      const { data } = await octokit.rest.repos.getBranchProtection({
        owner,
        repo,
        branch: 'main',
      });
      expect(data).toMatchObject({
        required_pull_request_reviews: {
          required_approving_review_count: 1,
          dismiss_stale_reviews: true,
          require_code_owner_reviews: false,
        },
        enforce_admins: { enabled: true },
        allow_force_pushes: { enabled: false },
        allow_deletions: { enabled: false },
        required_status_checks: { contexts: ['ci/build'] },
      });
    });

    it('answers 404 Branch not protected for an unprotected branch', async () => {
      const failure = await failureOf(
        octokit.rest.repos.getBranchProtection({
          owner,
          repo,
          branch: 'release/1.x',
        }),
      );
      expect(failure.status).toBe(404);
      expect(failure.body.message).toBe('Branch not protected');
      const unknown = await failureOf(
        octokit.rest.repos.getBranchProtection({ owner, repo, branch: 'nope' }),
      );
      expect(unknown.body.message).toBe('Branch not found');
    });

    it('restates the protection as active branch rules and rulesets', async () => {
      const rules = await octokit.paginate(octokit.rest.repos.getBranchRules, {
        owner,
        repo,
        branch: 'main',
      });
      expect(rules.map(rule => rule.type)).toEqual([
        'pull_request',
        'non_fast_forward',
        'deletion',
        'required_status_checks',
      ]);
      expect(rules[0]).toMatchObject({
        parameters: {
          required_approving_review_count: 1,
          dismiss_stale_reviews_on_push: true,
        },
        ruleset_source_type: 'Repository',
        ruleset_source: `${owner}/${repo}`,
      });
      const unprotected = await octokit.rest.repos.getBranchRules({
        owner,
        repo,
        branch: 'release/1.x',
      });
      expect(unprotected.data).toEqual([]);

      const rulesets = await octokit.paginate(
        octokit.rest.repos.getRepoRulesets,
        { owner, repo },
      );
      expect(rulesets).toEqual([
        expect.objectContaining({
          id: rules[0].ruleset_id,
          target: 'branch',
          enforcement: 'active',
          conditions: {
            ref_name: { include: ['refs/heads/main'], exclude: [] },
          },
        }),
      ]);
      const single = await octokit.rest.repos.getRepoRuleset({
        owner,
        repo,
        ruleset_id: rulesets[0].id,
      });
      expect(single.data.rules?.map(rule => rule.type)).toContain(
        'pull_request',
      );
    });

    it('lists branches and serves one with its head commit', async () => {
      const branches = await octokit.paginate(octokit.rest.repos.listBranches, {
        owner,
        repo,
      });
      expect(branches.map(b => [b.name, b.protected])).toEqual([
        ['main', true],
        ['release/1.x', false],
      ]);
      const onlyProtected = await octokit.rest.repos.listBranches({
        owner,
        repo,
        protected: true,
      });
      expect(onlyProtected.data.map(b => b.name)).toEqual(['main']);
      const { data } = await octokit.rest.repos.getBranch({
        owner,
        repo,
        branch: 'release/1.x',
      });
      expect(data.commit.sha).toBe(sha('c', 1));
      expect(data.protected).toBe(false);
    });

    it('serves CODEOWNERS as base64 content, and 404 for other paths', async () => {
      const { data } = await octokit.rest.repos.getContent({
        owner,
        repo,
        path: '.github/CODEOWNERS',
      });
      if (Array.isArray(data) || data.type !== 'file')
        throw new Error('expected a file');
      expect(data.encoding).toBe('base64');
      expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(
        '* @northwind/payments-team\n',
      );
      // git's own blob sha of that text (`git hash-object`).
      expect(data.sha).toBe('68c040415ceb6b2edf17deebaac726795142da4a');
      const failure = await failureOf(
        octokit.rest.repos.getContent({ owner, repo, path: 'README.md' }),
      );
      expect(failure.status).toBe(404);
    });
  });
});

describe('GitHub REST API on squash and rebase merges', () => {
  it('associates every commit a rebase merge put on the base branch with its PR', async () => {
    const organisation = parseScenario(`
now: 2026-11-20T00:00:00Z
repositories:
  - name: northwind/ledger-service
    pullRequests:
      - number: 7
        title: 'PAY-7: Two commits, rebased'
        author: alice
        createdAt: 2026-11-02T09:00:00Z
        commits:
          - { message: 'PAY-7 first', author: alice, at: 2026-11-02T09:10:00Z }
          - { message: 'PAY-7 second', author: alice, at: 2026-11-02T09:20:00Z }
        mergedAt: 2026-11-02T12:00:00Z
        mergeMethod: rebase
`);
    const simulator = createSimulator({ organisation });
    const base = await simulator.listen();
    try {
      const client = new Octokit({
        baseUrl: `${base}/api/v3`,
        auth: DEMO_CREDENTIALS.githubToken,
      });
      const [pr] = organisation.repositories[0].pullRequests;
      // The rebased copies are new commits, not the PR's own: only the association names the PR.
      expect(pr.landedCommits).toHaveLength(2);
      expect(pr.landedCommits!.some(c => pr.commits.includes(c))).toBe(false);
      for (const landed of pr.landedCommits!) {
        const { data } =
          await client.repos.listPullRequestsAssociatedWithCommit({
            owner: 'northwind',
            repo: 'ledger-service',
            commit_sha: landed,
          });
        expect(data.map(p => p.number)).toEqual([7]);
      }
    } finally {
      await simulator.close();
    }
  });
});
