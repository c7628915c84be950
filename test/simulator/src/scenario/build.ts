import crypto from 'node:crypto';
import {
  ApprovalRecord,
  ChangeRequest,
  CHECK_IDS,
  CheckStatus,
  Commit,
  Deployment,
  ExpectedDeployment,
  JiraIssue,
  Organisation,
  Person,
  PullRequest,
  Repository,
  GITHUB_WEB,
  GITLAB_WEB,
} from '../model';
import {
  Scenario,
  ScenarioDeployment,
  ScenarioPullRequest,
  ScenarioRepository,
} from './schema';
import { buildIssues } from './issues';
import { separateArgoCdSyncs } from './argoCd';

/** The demo's Jira field mapping (app-config.yaml `changeCompliance.policy.ticketFieldMapping`). */
export const JIRA_CUSTOM_FIELDS = {
  justification: 'customfield_10101',
  implementationPlan: 'customfield_10102',
  rollbackPlan: 'customfield_10103',
} as const;

const MINUTE_MS = 60_000;

function shift(time: string, minutes: number): string {
  return new Date(Date.parse(time) + minutes * MINUTE_MS).toISOString();
}

/** Git-like SHA-1 of a commit's content, so that the same scenario always gives the same SHAs. */
function commitSha(parts: unknown): string {
  return crypto.createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

function stableNumber(text: string, modulo: number): number {
  return (
    crypto.createHash('sha1').update(text).digest().readUInt32BE(0) % modulo
  );
}

class People {
  private readonly byLogin = new Map<string, Person>();

  constructor(scenario: Scenario) {
    for (const p of scenario.people) this.add(p.login, p);
  }

  add(
    login: string,
    details: {
      name?: string;
      email?: string;
      bot?: boolean;
      user?: string;
    } = {},
  ): Person {
    const existing = this.byLogin.get(login);
    if (existing) return existing;
    const bot = details.bot ?? login.endsWith('[bot]');
    const handle = login.replace(/\[bot\]$/, '');
    const person: Person = {
      login,
      id: 1000 + this.byLogin.size,
      type: bot ? 'Bot' : 'User',
      name: details.name ?? handle,
      email:
        details.email ??
        (bot
          ? `${handle}@users.noreply.github.com`
          : `${handle}@northwind.example`),
      userRef: details.user,
      jiraAccountId: bot
        ? undefined
        : `5f${stableNumber(login, 1e9).toString(16).padStart(8, '0')}${
            handle.length
          }`,
      serviceNowSysId: bot
        ? undefined
        : crypto.createHash('md5').update(`sys_user:${login}`).digest('hex'),
    };
    this.byLogin.set(login, person);
    return person;
  }

  all(): Person[] {
    return [...this.byLogin.values()];
  }
}

interface BranchEvent {
  at: string;
  order: number;
  apply: () => void;
}

/** One repository's history: commits on each branch in time order, PRs, deployments. */
class RepositoryBuilder {
  readonly commits: Commit[] = [];
  private readonly commitsBySha = new Map<string, Commit>();
  readonly pullRequests: PullRequest[] = [];
  readonly deployments: Deployment[] = [];
  /** Branch heads as time advances, recorded so that a deployment finds the head at its time. */
  private readonly headHistory = new Map<
    string,
    { at: string; sha: string }[]
  >();
  private readonly heads: Record<string, string> = {};
  private reviewIds: { next: number };

  constructor(
    private readonly spec: ScenarioRepository,
    private readonly people: People,
    reviewIds: { next: number },
  ) {
    this.reviewIds = reviewIds;
  }

  private signature(login: string, date: string) {
    const person = this.people.add(login);
    return { login, name: person.name, email: person.email, date };
  }

  private commit(
    parents: string[],
    message: string,
    author: string,
    at: string,
    files: string[],
    committer = author,
  ): Commit {
    const commit: Commit = {
      sha: commitSha([this.spec.name, parents, message, author, at, files]),
      parents,
      author: this.signature(author, at),
      committer: this.signature(committer, at),
      message,
      files: files.map((filename, i) => ({
        filename,
        status: 'modified',
        additions: 3 + stableNumber(`${message}${filename}`, 120),
        deletions: i % 3,
      })),
    };
    this.commits.push(commit);
    this.commitsBySha.set(commit.sha, commit);
    return commit;
  }

  private moveHead(branch: string, sha: string, at: string) {
    this.heads[branch] = sha;
    const history = this.headHistory.get(branch) ?? [];
    history.push({ at, sha });
    this.headHistory.set(branch, history);
  }

  /** The branch's head at a time: the last move at or before it (moves are in time order). */
  headAt(branch: string, at: string): string | undefined {
    const history = this.headHistory.get(branch) ?? [];
    let low = 0;
    let high = history.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (history[middle].at <= at) low = middle + 1;
      else high = middle;
    }
    return low > 0 ? history[low - 1].sha : undefined;
  }

  build(): void {
    const spec = this.spec;
    const defaultBranch = spec.defaultBranch;
    const firstEvent = [
      ...spec.pullRequests.map(pr => pr.createdAt),
      ...spec.directCommits.map(c => c.at),
      ...spec.deployments.map(d => d.at),
    ].sort()[0];
    // By default the repository is a year older than its first event, so that its initial commit
    // lies before any observed window and is not taken for a change.
    const createdAt =
      spec.createdAt ??
      shift(firstEvent ?? new Date(0).toISOString(), -365 * 24 * 60);
    const founder =
      spec.pullRequests[0]?.author ??
      spec.directCommits[0]?.author ??
      'octocat';
    const root = this.commit([], 'Initial commit', founder, createdAt, [
      'README.md',
    ]);
    this.moveHead(defaultBranch, root.sha, createdAt);

    const events: BranchEvent[] = [];
    let order = 0;
    for (const branch of spec.branches) {
      events.push({
        at: branch.from,
        order: order++,
        apply: () =>
          this.moveHead(branch.name, this.heads[defaultBranch], branch.from),
      });
    }
    for (const pr of spec.pullRequests) {
      // The PR's commits are made on top of its base as it stood when the PR was opened.
      let built: PullRequest | undefined;
      events.push({
        at: pr.createdAt,
        order: order++,
        apply: () => {
          built = this.openPullRequest(pr);
        },
      });
      if (pr.mergedAt) {
        events.push({
          at: pr.mergedAt,
          order: order++,
          apply: () => this.mergePullRequest(pr, built!),
        });
      }
    }
    for (const c of spec.directCommits) {
      events.push({
        at: c.at,
        order: order++,
        apply: () => {
          const branch = c.branch ?? defaultBranch;
          const message = withCoAuthors(
            c.message,
            c.coAuthors.map(l => this.people.add(l)),
          );
          const commit = this.commit(
            [this.heads[branch]],
            message,
            c.author,
            c.at,
            c.files,
          );
          this.moveHead(branch, commit.sha, c.at);
        },
      });
    }
    events.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
    for (const event of events) event.apply();

    for (const d of spec.deployments) this.deploy(d);
  }

  private openPullRequest(pr: ScenarioPullRequest): PullRequest {
    const base = pr.base ?? this.spec.defaultBranch;
    const commitSpecs = pr.commits ?? [
      {
        message: pr.title,
        author: pr.author,
        at: pr.createdAt,
        files: pr.files,
        coAuthors: [],
      },
    ];
    let parent = this.heads[base];
    const shas: string[] = [];
    for (const c of commitSpecs) {
      const message = withCoAuthors(
        c.message,
        c.coAuthors.map(l => this.people.add(l)),
      );
      const commit = this.commit([parent], message, c.author, c.at, c.files);
      shas.push(commit.sha);
      parent = commit.sha;
    }
    const built: PullRequest = {
      number: pr.number,
      title: pr.title,
      body: pr.body,
      author: pr.author,
      headBranch: pr.branch ?? `feature/${pr.number}`,
      baseBranch: base,
      headSha: shas[shas.length - 1],
      mergeMethod: pr.mergeMethod,
      state: 'open',
      createdAt: pr.createdAt,
      updatedAt: pr.createdAt,
      labels: pr.labels,
      adminOverride: pr.adminOverride || undefined,
      commits: shas,
      reviews: pr.reviews.map(r => ({
        id: this.reviewIds.next++,
        reviewer: r.reviewer,
        state: r.state,
        commitId: shas[Math.min(shas.length, r.onCommit ?? shas.length) - 1],
        submittedAt: r.at,
        body: r.state === 'APPROVED' ? 'Looks good to me.' : '',
      })),
    };
    this.people.add(pr.author);
    pr.reviews.forEach(r => this.people.add(r.reviewer));
    const times = [pr.createdAt, ...pr.reviews.map(r => r.at)].sort();
    built.updatedAt = times[times.length - 1];
    this.pullRequests.push(built);
    return built;
  }

  private mergePullRequest(pr: ScenarioPullRequest, built: PullRequest) {
    const base = built.baseBranch;
    const at = pr.mergedAt!;
    const mergedBy = pr.mergedBy ?? pr.author;
    const own = built.commits.map(sha => this.commitsBySha.get(sha)!);
    const files = [...new Set(own.flatMap(c => c.files.map(f => f.filename)))];
    const landedCommits: string[] = [];
    if (pr.mergeMethod === 'squash') {
      const message = `${pr.title} (#${pr.number})\n\n${own
        .map(c => `* ${c.message}`)
        .join('\n')}`;
      landedCommits.push(
        this.commit(
          [this.heads[base]],
          message,
          pr.author,
          at,
          files,
          'web-flow',
        ).sha,
      );
    } else if (pr.mergeMethod === 'rebase') {
      let parent = this.heads[base];
      for (const c of own) {
        parent = this.commit(
          [parent],
          c.message,
          c.author.login ?? pr.author,
          at,
          c.files.map(f => f.filename),
          'web-flow',
        ).sha;
        landedCommits.push(parent);
      }
    } else {
      const message = `Merge pull request #${pr.number} from ${
        this.spec.name.split('/')[0]
      }/${built.headBranch}\n\n${pr.title}`;
      landedCommits.push(
        this.commit(
          [this.heads[base], built.headSha],
          message,
          mergedBy,
          at,
          files,
          'web-flow',
        ).sha,
      );
    }
    const landed = landedCommits[landedCommits.length - 1];
    built.landedCommits = landedCommits;
    this.moveHead(base, landed, at);
    built.state = 'closed';
    built.mergeCommitSha = landed;
    built.mergedAt = at;
    built.closedAt = at;
    built.mergedBy = mergedBy;
    if (at > built.updatedAt) built.updatedAt = at;
    this.people.add(mergedBy);
  }

  private deploy(d: ScenarioDeployment) {
    const ref = d.ref ?? this.spec.defaultBranch;
    const sha = this.headAt(ref, d.at);
    if (!sha) {
      throw new Error(
        `${this.spec.name}: deployment ${d.id} of ${ref} at ${d.at}: the branch has no commit yet`,
      );
    }
    this.people.add(d.by);
    // The GitHub Actions run that deployed; its id is the deployment's (the model has no runs).
    const run = `${GITHUB_WEB}/${this.spec.name}/actions/runs/${d.id}`;
    const finalState = d.status;
    this.deployments.push({
      id: d.id,
      sha,
      ref,
      environment: d.environment,
      task: 'deploy',
      creator: d.by,
      createdAt: shift(d.at, -4),
      description: `Deploy ${d.service} from ${ref}`,
      payload: {
        service: d.service,
        pipelineRun: run,
        ...(d.tickets.length ? { tickets: d.tickets } : {}),
      },
      statuses: [
        {
          id: d.id * 10 + 1,
          state: 'in_progress',
          creator: d.by,
          createdAt: shift(d.at, -3),
          description: 'Deploying',
          logUrl: run,
        },
        {
          id: d.id * 10 + 2,
          state: finalState,
          creator: d.by,
          createdAt: d.at,
          description:
            finalState === 'success' ? 'Deployed' : 'Deployment failed',
          logUrl: run,
        },
      ],
      reviews: d.reviews.map(r => {
        this.people.add(r.reviewer);
        return {
          reviewer: r.reviewer,
          state: r.state,
          comment:
            r.state === 'approved' ? 'Approved for production' : 'Rejected',
          submittedAt: r.at,
        };
      }),
    });
  }

  repository(): Repository {
    const [owner, name] = this.spec.name.split('/');
    return {
      ...(this.spec.host === 'gitlab' ? { host: 'gitlab' as const } : {}),
      owner,
      name,
      defaultBranch: this.spec.defaultBranch,
      createdAt: this.commits[0].author.date,
      branches: { ...this.heads },
      commits: this.commits,
      pullRequests: [...this.pullRequests].sort((a, b) => a.number - b.number),
      deployments: this.deployments,
      protection: this.spec.protection.map(p => ({
        branch: p.branch,
        requiredApprovingReviewCount: p.requiredApprovals,
        dismissStaleReviews: p.dismissStaleReviews,
        requireCodeOwnerReviews: p.requireCodeOwnerReviews,
        enforceAdmins: p.enforceAdmins,
        allowForcePushes: false,
        allowDeletions: false,
        requiredStatusChecks: p.requiredStatusChecks,
      })),
      environments: this.spec.environments.map(e => ({
        name: e.name,
        requiredReviewers: e.reviewers,
        preventSelfReview: e.preventSelfReview,
      })),
      codeowners: this.spec.codeowners,
    };
  }
}

function withCoAuthors(message: string, coAuthors: Person[]): string {
  if (coAuthors.length === 0) return message;
  return `${message}\n\n${coAuthors
    .map(p => `Co-authored-by: ${p.name} <${p.email}>`)
    .join('\n')}`;
}

/**
 * The PRs and direct commits each deployment shipped: the commits reachable from it that no
 * earlier deployment of the same service shipped, walked once per deployment and stopping at what
 * is already shipped, so that long histories stay linear.
 */
class ShippedChanges {
  private readonly bySha: Map<string, Commit>;
  private readonly prByCommit = new Map<string, number>();
  private readonly shipped = new Map<string, Set<string>>();

  constructor(private readonly repository: Repository) {
    this.bySha = new Map(repository.commits.map(c => [c.sha, c]));
    for (const p of repository.pullRequests) {
      for (const c of [...p.commits, ...(p.landedCommits ?? [])])
        this.prByCommit.set(c, p.number);
    }
  }

  next(key: string, sha: string): string[] {
    const shipped = this.shipped.get(key) ?? new Set<string>();
    this.shipped.set(key, shipped);
    const slug = `${this.repository.owner}/${this.repository.name}`;
    const changes = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (shipped.has(next)) continue;
      shipped.add(next);
      const commit = this.bySha.get(next);
      if (!commit || commit.parents.length === 0) continue;
      const pr = this.prByCommit.get(next);
      changes.add(pr !== undefined ? `${slug}#${pr}` : next);
      stack.push(...commit.parents);
    }
    return [...changes];
  }
}

function expectations(
  repository: Repository,
  spec: ScenarioRepository,
): ExpectedDeployment[] {
  const slug = `${repository.owner}/${repository.name}`;
  const shippedChanges = new ShippedChanges(repository);
  const out: ExpectedDeployment[] = [];
  const byId = new Map(repository.deployments.map(x => [x.id, x]));
  const ordered = [...spec.deployments].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  for (const d of ordered) {
    const deployment = byId.get(d.id)!;
    const key = `${d.service}/${d.environment}`;
    if (d.expected) {
      const checks = Object.fromEntries(
        CHECK_IDS.map(id => [
          id,
          (d.expected!.checks[id] ?? 'pass') as CheckStatus,
        ]),
      ) as ExpectedDeployment['checks'];
      out.push({
        service: d.service.includes(':')
          ? d.service
          : `component:default/${d.service}`,
        repository: slug,
        deploymentId: d.id,
        sha: deployment.sha,
        environment: d.environment,
        deployedAt: d.at,
        checks,
        verdict: d.expected.verdict,
        messiness: d.expected.messiness,
        changes:
          d.status === 'success'
            ? shippedChanges.next(key, deployment.sha)
            : [],
      });
    } else if (d.status === 'success') shippedChanges.next(key, deployment.sha);
  }
  return out;
}

function jiraIssues(scenario: Scenario, people: People): JiraIssue[] {
  const gitlabProjects = new Set(
    scenario.repositories
      .filter(r => r.host === 'gitlab')
      .map(r => r.name.toLowerCase()),
  );
  return scenario.jira.issues.map((t, index) => {
    let status = 'To Do';
    const changelog = t.transitions.map((tr, i) => {
      const entry = {
        id: String(50000 + index * 100 + i),
        authorAccountId: people.add(tr.by).jiraAccountId ?? '',
        created: tr.at,
        items: [{ field: 'status', fromString: status, toString: tr.to }],
      };
      status = tr.to;
      return entry;
    });
    const times = [t.createdAt, ...t.transitions.map(tr => tr.at)].sort();
    return {
      id: String(10000 + index),
      key: t.key,
      projectKey: t.key.split('-')[0],
      issueType: t.type,
      priority: t.priority,
      status,
      summary: t.summary,
      description: t.description,
      reporterAccountId: people.add(t.reporter).jiraAccountId ?? '',
      created: t.createdAt,
      updated: times[times.length - 1],
      labels: t.labels,
      customFields: {
        [JIRA_CUSTOM_FIELDS.justification]: t.justification,
        [JIRA_CUSTOM_FIELDS.implementationPlan]: t.implementationPlan,
        [JIRA_CUSTOM_FIELDS.rollbackPlan]: t.rollbackPlan,
      },
      changelog,
      remoteLinks: t.links.map((link, i) => {
        const pr = link.match(/^([^/\s]+\/[^#\s]+)#(\d+)$/);
        // A GitLab project's change is a merge request, linked by its web URL.
        const onGitlab =
          pr && gitlabProjects.has(pr[1].toLowerCase())
            ? `${GITLAB_WEB}/${pr[1]}/-/merge_requests/${pr[2]}`
            : undefined;
        return {
          id: 70000 + index * 10 + i,
          url:
            onGitlab ??
            (pr ? `https://github.com/${pr[1]}/pull/${pr[2]}` : link),
          title: pr
            ? `${onGitlab ? 'Merge request' : 'Pull request'} ${link}`
            : link,
        };
      }),
    };
  });
}

function serviceNow(scenario: Scenario, people: People) {
  const changeRequests: ChangeRequest[] = [];
  const approvals: ApprovalRecord[] = [];
  scenario.serviceNow.changeRequests.forEach((c, index) => {
    const sysId = crypto
      .createHash('md5')
      .update(`change_request:${c.number}`)
      .digest('hex');
    const times = [c.openedAt, ...c.approvals.map(a => a.at)].sort();
    changeRequests.push({
      sysId,
      number: c.number,
      shortDescription: c.shortDescription,
      description: c.description,
      justification: c.justification,
      implementationPlan: c.implementationPlan,
      backoutPlan: c.backoutPlan,
      state: c.state,
      type: c.type,
      priority: c.type === 'emergency' ? '1' : '3',
      requestedBy: people.add(c.requestedBy).serviceNowSysId ?? '',
      openedAt: c.openedAt,
      updatedAt: times[times.length - 1],
      correlationDisplay: c.covers,
    });
    c.approvals.forEach((a, i) => {
      approvals.push({
        sysId: crypto
          .createHash('md5')
          .update(`sysapproval_approver:${c.number}:${index}:${i}`)
          .digest('hex'),
        changeSysId: sysId,
        approverSysId: people.add(a.approver).serviceNowSysId ?? '',
        state: a.state,
        updatedAt: a.at,
        comments: a.state === 'approved' ? 'Approved' : '',
      });
    });
  });
  return { changeRequests, approvals };
}

/** Materialises a scenario: every commit, SHA and upstream record, and the expected verdicts. */
export function buildOrganisation(scenario: Scenario): Organisation {
  const people = new People(scenario);
  const reviewIds = { next: 100_000 };
  const repositories: Repository[] = [];
  const expected: ExpectedDeployment[] = [];
  // Kept apart: `expected` is the answer key of what the simulated GitHub serves.
  const gitlabExpected: ExpectedDeployment[] = [];
  for (const spec of scenario.repositories) {
    const builder = new RepositoryBuilder(spec, people, reviewIds);
    builder.build();
    const repository = builder.repository();
    repositories.push(repository);
    (spec.host === 'gitlab' ? gitlabExpected : expected).push(
      ...expectations(repository, spec),
    );
  }
  // After every repository: a PR of one may reference an issue of another.
  scenario.repositories.forEach((spec, i) => {
    if (spec.issues.length > 0) {
      repositories[i].issues = buildIssues(
        spec.name,
        spec.issues,
        repositories,
        login => people.add(login),
      );
    }
  });
  const issues = jiraIssues(scenario, people);
  const projectKeys = new Set([
    ...scenario.jira.projects.map(p => p.key),
    ...issues.map(i => i.projectKey),
  ]);
  const { changeRequests, approvals } = serviceNow(scenario, people);
  const argoCd = separateArgoCdSyncs({
    specs: scenario.repositories,
    repositories,
    expected,
    person: login => people.add(login),
  });
  const everyone = people.all();
  return {
    now: scenario.now,
    people: everyone,
    repositories,
    jira: {
      projects: [...projectKeys].map((key, i) => ({
        id: String(10000 + i),
        key,
        name: scenario.jira.projects.find(p => p.key === key)?.name ?? key,
      })),
      issues,
    },
    serviceNow: {
      users: everyone
        .filter(p => p.serviceNowSysId)
        .map(p => ({
          sysId: p.serviceNowSysId!,
          userName: p.login,
          name: p.name,
          email: p.email,
        })),
      changeRequests,
      approvals,
    },
    expected: argoCd.expected.sort((a, b) =>
      a.deployedAt.localeCompare(b.deployedAt),
    ),
    ...(argoCd.argoCd ? { argoCd: argoCd.argoCd } : {}),
    ...(gitlabExpected.length > 0
      ? {
          gitlab: {
            expected: gitlabExpected.sort((a, b) =>
              a.deployedAt.localeCompare(b.deployedAt),
            ),
          },
        }
      : {}),
  };
}
