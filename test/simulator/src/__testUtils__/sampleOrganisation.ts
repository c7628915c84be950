import { Commit, Organisation, PullRequest } from '../model';

/** The fixture's SHAs: a kind letter (a root, b PR commit, c merge commit) and the PR number. */
export const sampleSha = (kind: string, n: number) =>
  `${kind}${n.toString(16).padStart(39, '0')}`;
const sha = sampleSha;

/**
 * A small hand-built organisation for the servers' tests: one repository with `pullCount` merged
 * PRs (each one commit, one approval, deployed to production), a Jira issue per PR and a
 * ServiceNow change request with an approval per PR. Lists are long enough to page through.
 */
export function sampleOrganisation(pullCount = 75): Organisation {
  const start = Date.UTC(2026, 5, 1);
  const at = (minutes: number) =>
    new Date(start + minutes * 60_000).toISOString();

  const root: Commit = {
    sha: sha('a', 0),
    parents: [],
    author: {
      login: 'alice',
      name: 'Alice',
      email: 'alice@example.com',
      date: at(0),
    },
    committer: {
      login: 'alice',
      name: 'Alice',
      email: 'alice@example.com',
      date: at(0),
    },
    message: 'Initial commit',
    files: [
      { filename: 'README.md', status: 'added', additions: 1, deletions: 0 },
    ],
  };
  const commits: Commit[] = [root];
  const pullRequests: PullRequest[] = [];
  let main = root.sha;
  for (let n = 1; n <= pullCount; n++) {
    const t = n * 60;
    const head: Commit = {
      sha: sha('b', n),
      parents: [main],
      author: {
        login: 'alice',
        name: 'Alice',
        email: 'alice@example.com',
        date: at(t),
      },
      committer: {
        login: 'alice',
        name: 'Alice',
        email: 'alice@example.com',
        date: at(t),
      },
      message: `PAY-${n} Change ${n}\n\nCo-authored-by: Carol <carol@example.com>`,
      files: [
        {
          filename: `src/module${n}.ts`,
          status: 'modified',
          additions: n,
          deletions: 1,
        },
      ],
    };
    const merge: Commit = {
      ...head,
      sha: sha('c', n),
      parents: [main, head.sha],
      committer: {
        login: 'web-flow',
        name: 'GitHub',
        email: 'noreply@github.com',
        date: at(t + 30),
      },
      message: `Merge pull request #${n} from northwind/feature/pay-${n}`,
    };
    commits.push(head, merge);
    pullRequests.push({
      number: n,
      title: `PAY-${n}: change ${n}`,
      body: `Implements PAY-${n}.`,
      author: 'alice',
      headBranch: `feature/pay-${n}`,
      baseBranch: 'main',
      headSha: head.sha,
      mergeCommitSha: merge.sha,
      mergeMethod: 'merge',
      state: 'closed',
      createdAt: at(t - 10),
      updatedAt: at(t + 30),
      closedAt: at(t + 30),
      mergedAt: at(t + 30),
      mergedBy: 'alice',
      labels: n % 10 === 0 ? ['hotfix'] : [],
      commits: [head.sha],
      reviews: [
        {
          id: 1000 + n,
          reviewer: 'bob',
          state: 'APPROVED',
          commitId: head.sha,
          submittedAt: at(t + 20),
          body: 'LGTM',
        },
      ],
    });
    main = merge.sha;
  }

  return {
    now: at(pullCount * 60 + 600),
    people: [
      {
        login: 'alice',
        id: 1,
        type: 'User',
        name: 'Alice',
        email: 'alice@example.com',
        jiraAccountId: 'acc-alice',
        serviceNowSysId: 'sn-alice',
      },
      {
        login: 'bob',
        id: 2,
        type: 'User',
        name: 'Bob',
        email: 'bob@example.com',
        jiraAccountId: 'acc-bob',
        serviceNowSysId: 'sn-bob',
      },
      {
        login: 'grace',
        id: 3,
        type: 'User',
        name: 'Grace',
        email: 'grace@example.com',
        jiraAccountId: 'acc-grace',
        serviceNowSysId: 'sn-grace',
      },
      {
        login: 'deploy-bot[bot]',
        id: 4,
        type: 'Bot',
        name: 'deploy-bot',
        email: 'deploy-bot@example.com',
      },
    ],
    repositories: [
      {
        owner: 'northwind',
        name: 'payments-api',
        defaultBranch: 'main',
        createdAt: at(-1000),
        branches: { main, 'release/1.x': sha('c', 1) },
        commits,
        pullRequests,
        deployments: pullRequests.map(pr => ({
          id: 5000 + pr.number,
          sha: pr.mergeCommitSha!,
          ref: 'main',
          environment: 'production',
          task: 'deploy',
          creator: 'deploy-bot[bot]',
          createdAt: at(pr.number * 60 + 40),
          description: `Deploy #${pr.number}`,
          payload: {
            service: 'payments-api',
            pipelineRun: `https://ci.example.com/runs/${pr.number}`,
          },
          statuses: [
            {
              id: 9000 + pr.number * 2,
              state: 'in_progress',
              creator: 'deploy-bot[bot]',
              createdAt: at(pr.number * 60 + 41),
              description: 'Deploying',
            },
            {
              id: 9001 + pr.number * 2,
              state: 'success',
              creator: 'deploy-bot[bot]',
              createdAt: at(pr.number * 60 + 45),
              description: 'Deployed',
              logUrl: `https://ci.example.com/runs/${pr.number}`,
            },
          ],
          reviews: [
            {
              reviewer: 'grace',
              state: 'approved',
              comment: 'CAB ok',
              submittedAt: at(pr.number * 60 + 35),
            },
          ],
        })),
        protection: [
          {
            branch: 'main',
            requiredApprovingReviewCount: 1,
            dismissStaleReviews: true,
            requireCodeOwnerReviews: false,
            enforceAdmins: true,
            allowForcePushes: false,
            allowDeletions: false,
            requiredStatusChecks: ['ci/build'],
          },
        ],
        environments: [
          {
            name: 'production',
            requiredReviewers: ['grace'],
            preventSelfReview: true,
          },
        ],
        codeowners: '* @northwind/payments-team\n',
      },
    ],
    jira: {
      projects: [{ id: '10000', key: 'PAY', name: 'Payments' }],
      issues: pullRequests.map(pr => ({
        id: String(20000 + pr.number),
        key: `PAY-${pr.number}`,
        projectKey: 'PAY',
        issueType: 'Story',
        priority: pr.labels.includes('hotfix') ? 'Highest' : 'Medium',
        status: 'Done',
        summary: `Change ${pr.number}`,
        description: `Why change ${pr.number} is needed.`,
        reporterAccountId: 'acc-alice',
        assigneeAccountId: 'acc-alice',
        created: at(pr.number * 60 - 100),
        updated: at(pr.number * 60 + 50),
        labels: [],
        customFields: {
          customfield_10101: 'Customers asked for it',
          customfield_10102: 'Deploy with the pipeline',
          customfield_10103:
            pr.number % 7 === 0 ? 'TBD' : 'Redeploy the previous version',
        },
        changelog: [
          {
            id: String(30000 + pr.number),
            authorAccountId: 'acc-grace',
            created: at(pr.number * 60 + 25),
            items: [
              {
                field: 'status',
                fromString: 'In Review',
                toString: 'Approved',
              },
            ],
          },
        ],
        remoteLinks: [
          {
            id: 40000 + pr.number,
            url: `https://github.com/northwind/payments-api/pull/${pr.number}`,
            title: `PR #${pr.number}`,
          },
        ],
      })),
    },
    serviceNow: {
      users: [
        {
          sysId: 'sn-alice',
          userName: 'alice',
          name: 'Alice',
          email: 'alice@example.com',
        },
        {
          sysId: 'sn-grace',
          userName: 'grace',
          name: 'Grace',
          email: 'grace@example.com',
        },
      ],
      changeRequests: pullRequests.map(pr => ({
        sysId: `chg-${pr.number}`,
        number: `CHG${String(pr.number).padStart(7, '0')}`,
        shortDescription: `Change ${pr.number}`,
        description: `Deploy PR #${pr.number}`,
        justification: 'Customers asked for it',
        implementationPlan: 'Pipeline',
        backoutPlan: 'Redeploy the previous version',
        state: '3',
        type: 'normal',
        priority: '3',
        requestedBy: 'sn-alice',
        openedAt: at(pr.number * 60 - 100),
        updatedAt: at(pr.number * 60 + 50),
        correlationDisplay: `northwind/payments-api#${pr.number}`,
      })),
      approvals: pullRequests.map(pr => ({
        sysId: `apr-${pr.number}`,
        changeSysId: `chg-${pr.number}`,
        approverSysId: 'sn-grace',
        state: 'approved',
        updatedAt: at(pr.number * 60 + 25),
        comments: 'Approved by CAB',
      })),
    },
    expected: [],
  };
}
