import { buildOrganisation } from '../../scenario/build';
import { scenarioSchema, ScenarioDocument } from '../../scenario/schema';
import { createSimulator, MOUNTS, Simulator } from '../app';
import { DEMO_CREDENTIALS } from '../credentials';
import { GITLAB_DEMO_TOKEN } from './credentials';

/**
 * A GitLab project and a GitHub repository side by side: alice's merge request squashed after two
 * pushes, approved by bob on the first and by carol on the second; a direct push; two
 * deployments, one failed.
 */
const SCENARIO: ScenarioDocument = {
  now: '2026-11-20T00:00:00Z',
  people: [
    { login: 'alice', email: 'alice.n@northwind.example' },
    { login: 'bob', email: 'bob.o@northwind.example' },
    { login: 'carol', email: 'carol.d@northwind.example' },
    { login: 'deploy[bot]', bot: true },
  ],
  repositories: [
    {
      name: 'payments/settlement',
      host: 'gitlab',
      protection: [{ branch: 'main', requiredApprovals: 1 }],
      environments: [{ name: 'production' }],
      pullRequests: [
        {
          number: 1,
          title: 'PAY-1: Retry uploads',
          author: 'alice',
          createdAt: '2026-11-02T09:00:00Z',
          commits: [
            {
              message: 'PAY-1: Retry uploads',
              author: 'alice',
              at: '2026-11-02T09:10:00Z',
              files: ['src/upload.ts'],
            },
            {
              message: 'Tidy up',
              author: 'alice',
              at: '2026-11-02T12:00:00Z',
              files: ['src/upload.ts', 'src/retry.ts'],
            },
          ],
          reviews: [
            { reviewer: 'bob', at: '2026-11-02T11:00:00Z', onCommit: 1 },
            { reviewer: 'carol', at: '2026-11-02T13:00:00Z' },
          ],
          mergedAt: '2026-11-02T14:00:00Z',
          mergedBy: 'alice',
          mergeMethod: 'squash',
        },
      ],
      directCommits: [
        {
          message: 'Hotfix',
          author: 'bob',
          at: '2026-11-03T08:00:00Z',
          files: ['src/hot.ts'],
        },
      ],
      deployments: [
        {
          id: 7,
          service: 'settlement',
          at: '2026-11-02T15:00:00Z',
          by: 'deploy[bot]',
        },
        {
          id: 8,
          service: 'settlement',
          at: '2026-11-03T09:00:00Z',
          by: 'deploy[bot]',
          status: 'failure',
        },
      ],
    },
    {
      name: 'payments/gateway',
      pullRequests: [],
      deployments: [],
    },
  ],
};

describe('the simulated GitLab', () => {
  let simulator: Simulator;
  let base: string;
  const organisation = buildOrganisation(scenarioSchema.parse(SCENARIO));

  beforeAll(async () => {
    simulator = createSimulator({ organisation });
    base = await simulator.listen();
  });
  afterAll(() => simulator.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${MOUNTS.gitlab}${path}`, {
      headers: { 'private-token': GITLAB_DEMO_TOKEN, ...headers },
    });
  const json = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return response.json();
  };
  const project = encodeURIComponent('payments/settlement');

  it('takes its token as PRIVATE-TOKEN or Bearer, and refuses anything else with 401', async () => {
    const anonymous = await fetch(
      `${base}${MOUNTS.gitlab}/projects/${project}`,
    );
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: '401 Unauthorized' });
    expect(
      (await get(`/projects/${project}`, { 'private-token': 'x' })).status,
    ).toBe(401);
    const bearer = await fetch(`${base}${MOUNTS.gitlab}/projects/${project}`, {
      headers: { authorization: `Bearer ${GITLAB_DEMO_TOKEN}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('serves a GitLab project by path and by id, and GitHub does not serve it', async () => {
    const byPath = await json(`/projects/${project}`);
    expect(byPath).toMatchObject({
      path_with_namespace: 'payments/settlement',
      default_branch: 'main',
      web_url: 'https://gitlab.example/payments/settlement',
    });
    expect(await json(`/projects/${byPath.id}`)).toEqual(byPath);
    const github = (path: string) =>
      fetch(`${base}${MOUNTS.githubRest}${path}`, {
        headers: { authorization: `token ${DEMO_CREDENTIALS.githubToken}` },
      });
    expect((await github('/repos/payments/settlement')).status).toBe(404);
    expect((await github('/repos/payments/gateway')).status).toBe(200);
    expect(
      (await get(`/projects/${encodeURIComponent('payments/gateway')}`)).status,
    ).toBe(404);
  });

  it('lists merged merge requests by update time, paged with GitLab’s headers', async () => {
    const response = await get(
      `/projects/${project}/merge_requests?state=merged&updated_after=2026-11-01T00:00:00Z&order_by=updated_at&sort=asc&per_page=1`,
    );
    expect(response.headers.get('x-total')).toBe('1');
    expect(response.headers.get('x-next-page')).toBe('');
    expect(response.headers.get('link')).toContain('rel="first"');
    const [mr] = await response.json();
    expect(mr).toMatchObject({
      iid: 1,
      state: 'merged',
      author: { username: 'alice.n' },
      merge_commit_sha: null,
      squash: true,
      web_url: 'https://gitlab.example/payments/settlement/-/merge_requests/1',
    });
    expect(mr.squash_commit_sha).toMatch(/^[0-9a-f]{40}$/);
    expect(
      await json(
        `/projects/${project}/merge_requests?state=merged&updated_after=2026-11-03T00:00:00Z`,
      ),
    ).toEqual([]);
    // The squash commit is associated with its merge request.
    expect(
      (
        await json(
          `/projects/${project}/repository/commits/${mr.squash_commit_sha}/merge_requests`,
        )
      ).map((m: { iid: number }) => m.iid),
    ).toEqual([1]);
  });

  it('shows a version per push and the approvals with their times, as GitLab does', async () => {
    const versions = await json(
      `/projects/${project}/merge_requests/1/versions`,
    );
    const commits = await json(`/projects/${project}/merge_requests/1/commits`);
    // Both newest first.
    expect(
      versions.map((v: { head_commit_sha: string }) => v.head_commit_sha),
    ).toEqual(commits.map((c: { id: string }) => c.id));
    expect(versions.map((v: { created_at: string }) => v.created_at)).toEqual([
      '2026-11-02T12:00:00Z',
      '2026-11-02T09:10:00Z',
    ]);
    const approvals = await json(
      `/projects/${project}/merge_requests/1/approvals`,
    );
    expect(approvals).toMatchObject({
      approved: true,
      approvals_required: 1,
      approvals_left: 0,
    });
    expect(
      approvals.approved_by.map(
        (a: { user: { username: string }; approved_at: string }) => [
          a.user.username,
          a.approved_at,
        ],
      ),
    ).toEqual([
      ['bob.o', '2026-11-02T11:00:00Z'],
      ['carol.d', '2026-11-02T13:00:00Z'],
    ]);
    const diffs = await json(`/projects/${project}/merge_requests/1/diffs`);
    expect(diffs.map((d: { new_path: string }) => d.new_path).sort()).toEqual([
      'src/retry.ts',
      'src/upload.ts',
    ]);
  });

  it('serves the branch history with parents, and a direct push with no merge request', async () => {
    const history = await json(
      `/projects/${project}/repository/commits?ref_name=main&per_page=100`,
    );
    const hotfix = history.find((c: { title: string }) => c.title === 'Hotfix');
    expect(hotfix.parent_ids).toHaveLength(1);
    expect(hotfix.author_email).toBe('bob.o@northwind.example');
    expect(
      await json(
        `/projects/${project}/repository/commits/${hotfix.id}/merge_requests`,
      ),
    ).toEqual([]);
    expect(
      (
        await json(`/projects/${project}/repository/commits/${hotfix.id}/diff`)
      ).map((d: { new_path: string }) => d.new_path),
    ).toEqual(['src/hot.ts']);
    const since = await json(
      `/projects/${project}/repository/commits?ref_name=main&since=2026-11-03T00:00:00Z`,
    );
    expect(since.map((c: { id: string }) => c.id)).toEqual([hotfix.id]);
  });

  it('lists deployments by environment and update time, which GitLab pairs with its ordering', async () => {
    const unpaired = await get(
      `/projects/${project}/deployments?updated_after=2026-11-01T00:00:00Z`,
    );
    expect(unpaired.status).toBe(400);
    const deployments = await json(
      `/projects/${project}/deployments?environment=production&updated_after=2026-11-01T00:00:00Z&order_by=updated_at&sort=asc`,
    );
    expect(
      deployments.map(
        (d: { id: number; status: string; user: { username: string } }) => [
          d.id,
          d.status,
          d.user.username,
        ],
      ),
    ).toEqual([
      [7, 'success', 'deploy-bot'],
      [8, 'failed', 'deploy-bot'],
    ]);
    expect(deployments[0].deployable.finished_at).toBe('2026-11-02T15:00:00Z');
    expect(
      await json(
        `/projects/${project}/deployments?environment=production&updated_after=2026-11-03T09:00:00Z&order_by=updated_at`,
      ),
    ).toEqual([]);
  });

  it('says who may approve, which branches are protected, and who people are', async () => {
    expect(await json(`/projects/${project}/approvals`)).toMatchObject({
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: false,
      reset_approvals_on_push: false,
    });
    expect(await json(`/projects/${project}/protected_branches`)).toEqual([
      expect.objectContaining({ name: 'main', allow_force_push: false }),
    ]);
    expect(await json(`/projects/${project}/approval_rules`)).toEqual([
      expect.objectContaining({
        approvals_required: 1,
        protected_branches: [expect.objectContaining({ name: 'main' })],
      }),
    ]);
    const alice = organisation.people.find(p => p.login === 'alice')!;
    expect(await json(`/users/${alice.id}`)).toMatchObject({
      username: 'alice.n',
      public_email: 'alice.n@northwind.example',
      bot: false,
    });
    const bot = organisation.people.find(p => p.login === 'deploy[bot]')!;
    expect(await json(`/users/${bot.id}`)).toMatchObject({
      username: 'deploy-bot',
      bot: true,
    });
  });
});
