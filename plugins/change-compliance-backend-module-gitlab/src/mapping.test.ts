import { z } from 'zod';
import {
  approvalsSchema,
  commitSchema,
  deploymentSchema,
  diffSchema,
  mergeRequestSchema,
  userDetailSchema,
  versionSchema,
} from './client/schemas';
import approvalsFixture from './__fixtures__/approvals.json';
import commitsFixture from './__fixtures__/commits.json';
import deploymentsFixture from './__fixtures__/deployments.json';
import diffsFixture from './__fixtures__/diffs.json';
import mergeRequestFixture from './__fixtures__/mergeRequest.json';
import usersFixture from './__fixtures__/users.json';
import versionsFixture from './__fixtures__/versions.json';
import {
  deploymentOf,
  MergeRequestDetails,
  pullRequestOf,
  reviewedCommit,
} from './mapping';

// The fixtures are GitLab's own shapes: parsing them as the client does is part of the test.
const mr = mergeRequestSchema.parse(mergeRequestFixture);
const details = (): MergeRequestDetails => ({
  commits: z.array(commitSchema).parse(commitsFixture),
  approvals: approvalsSchema.parse(approvalsFixture),
  versions: z.array(versionSchema).parse(versionsFixture),
  diffs: z.array(diffSchema).parse(diffsFixture),
  users: new Map(
    z
      .array(userDetailSchema)
      .parse(usersFixture)
      .map(u => [u.id, u]),
  ),
});
const HEAD = 'c3f1a9e0d2b84f6a9e1c7d5b3a2f0e9d8c7b6a51';
const FIRST = '5d4c3b2a19081726354453627180918273645546';
const SERVICE = {
  entityRef: 'component:default/settlement-service',
  repositorySlug: 'northwind-payments/settlement-service',
  sourceControl: 'gitlab',
  ticketProjectKey: 'PAY',
  sourcePaths: null,
};

describe('a merged merge request as evidence', () => {
  const pr = pullRequestOf(
    'northwind-payments/settlement-service',
    mr,
    details(),
  );

  it('keeps what the checks read: texts, branches, head, squash commit, merge, labels, files', () => {
    expect(pr).toMatchObject({
      repository: 'northwind-payments/settlement-service',
      number: 17,
      url: 'https://gitlab.example/northwind-payments/settlement-service/-/merge_requests/17',
      title: 'PAY-112: Retry settlement files on timeout',
      body: 'Retries the acquirer upload.\n\nTicket: PAY-112',
      headBranch: 'feature/pay-112-retry',
      baseBranch: 'main',
      headSha: HEAD,
      // A squash merge's commit on the branch is the squash commit.
      mergeCommitSha: '9b8e7d6c5b4a39281706f5e4d3c2b1a098f7e6d5',
      mergedAt: '2026-10-02T10:05:12.904Z',
      mergedBy: { login: 'alice.nakamura' },
      mergedWithAdminOverride: false,
      labels: ['backend'],
    });
    // A rename changes both paths.
    expect(pr.changedFiles).toEqual([
      'src/upload.ts',
      'src/backoff.ts',
      'src/retry/backoff.ts',
    ]);
  });

  it('lists its commits oldest first, with authors by e-mail and co-authors from trailers', () => {
    expect(pr.commits.map(c => c.sha)).toEqual([FIRST, HEAD]);
    expect(pr.commits[1]).toMatchObject({
      parents: [FIRST],
      author: { login: '', email: 'bob.okafor@northwind.example' },
      coAuthors: [{ login: '', email: 'ines.moreau@northwind.example' }],
      // GitLab's offset is kept as the same instant in UTC.
      committedAt: '2026-10-02T07:40:00.000Z',
    });
  });

  it('names the head each approver saw from the diff version current at the approval', () => {
    expect(
      pr.reviews.map(r => [r.reviewer.login, r.commitId, r.submittedAt]),
    ).toEqual([
      // Approved the first push: the second came later, so this approval is of an earlier head.
      ['ines.moreau', FIRST, '2026-10-01T15:02:41.774Z'],
      ['bob.okafor', HEAD, '2026-10-02T08:15:00.000Z'],
      // An older GitLab gives no time: neither when nor which head can be told.
      ['renovate-bot', null, null],
    ]);
    expect(pr.reviews.every(r => r.state === 'APPROVED' && !r.dismissed)).toBe(
      true,
    );
  });

  it('knows people by their public e-mail only, and bots by GitLab’s flag', () => {
    expect(pr.author).toEqual({
      login: 'alice.nakamura',
      type: 'User',
      email: 'alice.nakamura@northwind.example',
    });
    // An empty public e-mail identifies nobody; a profile not read leaves the e-mail unknown.
    expect(pr.reviews[0].reviewer).toEqual({
      login: 'ines.moreau',
      type: 'User',
    });
    expect(pr.reviews[1].reviewer).toEqual({
      login: 'bob.okafor',
      type: 'User',
    });
    expect(pr.reviews[2].reviewer).toEqual({
      login: 'renovate-bot',
      type: 'Bot',
    });
  });

  it('records a merge past approvals GitLab still counted as missing as an override', () => {
    const unmet = details();
    unmet.approvals = {
      ...unmet.approvals,
      approved: false,
      approvals_left: 1,
    };
    expect(pullRequestOf('g/p', mr, unmet).mergedWithAdminOverride).toBe(true);
  });

  it('takes the merge commit, else the squash commit, else none (a fast-forward merge)', () => {
    const withMergeCommit = { ...mr, merge_commit_sha: 'abc1234567' };
    expect(
      pullRequestOf('g/p', withMergeCommit, details()).mergeCommitSha,
    ).toBe('abc1234567');
    const fastForward = { ...mr, squash_commit_sha: null };
    expect(
      pullRequestOf('g/p', fastForward, details()).mergeCommitSha,
    ).toBeNull();
  });
});

describe('reviewedCommit', () => {
  const versions = z.array(versionSchema).parse(versionsFixture);

  it('is undefined before the first push and exact at a push’s own time', () => {
    expect(reviewedCommit('2026-10-01T08:00:00Z', versions)).toBeNull();
    expect(reviewedCommit('2026-10-02T07:41:03.250Z', versions)).toBe(HEAD);
  });
});

describe('a GitLab deployment as a deployment record', () => {
  const [success, failed] = z.array(deploymentSchema).parse(deploymentsFixture);

  it('went live when its job finished, and names its pipeline', () => {
    expect(deploymentOf(success, [SERVICE])).toEqual({
      source: 'gitlab',
      externalId: '904',
      serviceRef: 'component:default/settlement-service',
      environment: 'production',
      commitSha: '9b8e7d6c5b4a39281706f5e4d3c2b1a098f7e6d5',
      deployedAt: '2026-10-02T11:06:40.101Z',
      actor: { login: 'northwind-deploy-bot' },
      pipelineRunUrl:
        'https://gitlab.example/northwind-payments/settlement-service/-/pipelines/118230',
      ref: 'main',
      status: 'success',
      ticketKeys: [],
    });
  });

  it('keeps a failed one as a failure, which is no production change', () => {
    expect(deploymentOf(failed, [SERVICE])).toMatchObject({
      externalId: '911',
      status: 'failure',
      ref: 'release/2026-10',
      deployedAt: '2026-10-05T09:04:12.000Z',
    });
  });

  it('maps none of a project several services share: nothing says whose it is', () => {
    expect(
      deploymentOf(success, [
        SERVICE,
        { ...SERVICE, entityRef: 'component:default/other' },
      ]),
    ).toBeUndefined();
  });
});
