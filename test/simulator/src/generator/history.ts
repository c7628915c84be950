import { z } from 'zod';
import {
  changeRequestSchema,
  deploymentSchema,
  pullRequestSchema,
  repositorySchema,
  Scenario,
  ticketSchema,
} from '../scenario/schema';
import { CatalogService, GeneratorCatalog } from './catalog';
import {
  combineChanges,
  expectedForChange,
  Messiness,
  PlannedChange,
} from './messiness';
import { Random } from './random';

type PullRequestSpec = z.input<typeof pullRequestSchema>;
type DeploymentSpec = z.input<typeof deploymentSchema>;
type RepositorySpec = z.input<typeof repositorySchema>;
type TicketSpec = z.input<typeof ticketSchema>;
type DirectCommitSpec = NonNullable<RepositorySpec['directCommits']>[number];

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Share of changes that carry each kind of messiness; the rest are clean. */
export const DEFAULT_RATES: Partial<Record<Messiness, number>> = {
  'self-approval': 0.025,
  'stale-approval': 0.025,
  'approval-after-merge': 0.02,
  'approval-after-deploy': 0.02,
  'missing-ticket': 0.025,
  'placeholder-fields': 0.03,
  'ticket-look-alike-only': 0.01,
  'ticket-look-alike-with-key': 0.015,
  'co-author-approval': 0.015,
  'co-authored': 0.02,
  'admin-override': 0.01,
  'emergency-with-retro': 0.015,
  'emergency-without-retro': 0.012,
  'bot-pr': 0.04,
  'direct-push': 0.012,
  'release-branch': 0.03,
};

export interface GeneratorOptions {
  seed: number;
  /** The end of the history (the simulated present). */
  now: string;
  /** Length of the history in days (default 175: inside the portal's 180-day window). */
  days?: number;
  rates?: Partial<Record<Messiness, number>>;
  /** Mean working days between two production deployments of a service (default 2.5). */
  daysBetweenDeployments?: number;
}

const TOPICS = [
  'fee calculation',
  'retry on timeout',
  'audit logging',
  'currency rounding',
  'session expiry',
  'rate limiter',
  'statement export',
  'card tokenisation',
  'health checks',
  'connection pool size',
  'error messages',
  'pagination of results',
  'metrics labels',
  'input validation',
  'cache invalidation',
];
const VERBS = ['Fix', 'Add', 'Improve', 'Refactor', 'Harden', 'Speed up'];
const DEPENDENCIES = [
  'axios',
  'lodash',
  'express',
  'pg',
  'jsonwebtoken',
  'zod',
  'luxon',
];
const LOOK_ALIKES = ['UTF-8', 'SHA-256', 'ISO-8601', 'HTTP-2'];

/** The demo's Argo CD instances (app-config.yaml `argocd.appLocatorMethods`). */
export const ARGOCD_INSTANCES = { production: 'prod', staging: 'staging' };

/** Shared counters, so that ticket keys and numbers stay unique across services. */
export interface Counters {
  tickets: Map<string, number>;
  pullRequests: Map<string, number>;
  deployments: { next: number };
  changeRequests: { next: number };
}

/**
 * Every deployment time of a service: working days, office hours, about every few days. Below a
 * mean of one day (the large organisation of the benchmarks), every few hours around the clock.
 */
function deploymentTimes(
  random: Random,
  start: number,
  end: number,
  meanDays: number,
): number[] {
  const times: number[] = [];
  if (meanDays < 1) {
    const step = meanDays * DAY;
    for (
      let at = start + random.next() * step;
      at < end;
      at += step * (0.6 + random.next() * 0.8)
    ) {
      times.push(Math.floor(at / 60_000) * 60_000);
    }
    return times;
  }
  let day = start + random.integer(0, 2) * DAY;
  while (day < end) {
    const date = new Date(day);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const at = Date.UTC(
        date.getUTCFullYear(),
        date.getUTCMonth(),
        date.getUTCDate(),
        9 + random.integer(0, 7),
        random.integer(0, 59),
      );
      if (at < end) times.push(at);
    }
    day +=
      Math.max(1, Math.round(meanDays * (0.4 + random.next() * 1.2))) * DAY;
  }
  return times;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** One service's history: its PRs, direct commits, deployments, tickets and expected verdicts. */
class ServiceHistory {
  readonly pullRequests: PullRequestSpec[] = [];
  readonly directCommits: DirectCommitSpec[] = [];
  readonly deployments: DeploymentSpec[] = [];
  readonly branches: { name: string; from: string }[] = [];
  readonly tickets: TicketSpec[] = [];

  private readonly team: string[];

  constructor(
    private readonly service: CatalogService,
    private readonly catalog: GeneratorCatalog,
    private readonly random: Random,
    private readonly counters: Counters,
    private readonly now: number,
  ) {
    this.team = catalog.members[service.owner] ?? [];
    if (this.team.length < service.minApprovals + 1) {
      throw new Error(
        `${service.entityRef}: team ${service.owner} has ${
          this.team.length
        } members; independent review needs ${service.minApprovals + 1}`,
      );
    }
  }

  private nextTicketKey(): string {
    const project = this.service.jiraProject;
    const n = (this.counters.tickets.get(project) ?? 0) + 1;
    this.counters.tickets.set(project, n);
    return `${project}-${n}`;
  }

  private nextPullNumber(): number {
    const repository = this.service.repository;
    const n = (this.counters.pullRequests.get(repository) ?? 0) + 1;
    this.counters.pullRequests.set(repository, n);
    return n;
  }

  private file(name: string): string {
    const directory = this.service.sourceDirectory ?? 'src';
    return `${directory}/${name}`;
  }

  private approver(exclude: string[]): string {
    return this.random.pick(
      this.catalog.approvers.filter(a => !exclude.includes(a)),
    );
  }

  private ticket(options: {
    key: string;
    summary: string;
    author: string;
    createdAt: number;
    approvedAt?: number;
    approver: string;
    doneAt?: number;
    links: string[];
    emergency: boolean;
    placeholder: boolean;
  }) {
    const transitions: { to: string; by: string; at: string }[] = [
      {
        to: 'In Progress',
        by: options.author,
        at: iso(options.createdAt + HOUR),
      },
    ];
    if (options.approvedAt !== undefined && options.approvedAt <= this.now) {
      transitions.push({
        to: 'Approved',
        by: options.approver,
        at: iso(options.approvedAt),
      });
    }
    if (options.doneAt !== undefined && options.doneAt <= this.now) {
      transitions.push({
        to: 'Done',
        by: options.author,
        at: iso(options.doneAt),
      });
    }
    const placeholder = this.random.pick(['TBD', '   ', 'n/a', 'TODO']);
    const blankRollback = options.placeholder && this.random.chance(0.5);
    this.tickets.push({
      key: options.key,
      summary: options.summary,
      type: options.emergency
        ? 'Bug'
        : this.random.pick(['Story', 'Task', 'Bug']),
      priority: options.emergency
        ? 'Highest'
        : this.random.pick(['Medium', 'Medium', 'High', 'Low']),
      description: `${options.summary} for ${this.service.name}. Customers and operations are affected as described in the linked discussion.`,
      reporter: options.author,
      createdAt: iso(options.createdAt),
      labels: options.emergency ? ['hotfix'] : [],
      justification:
        options.placeholder && !blankRollback
          ? placeholder
          : 'Reduces incident risk reported by operations.',
      implementationPlan:
        'Merge after review; the pipeline deploys to staging, then production.',
      rollbackPlan: blankRollback
        ? placeholder
        : 'Redeploy the previous release from the pipeline.',
      transitions,
      links: options.links,
    });
  }

  /** A PR shipped by the deployment at `deployAt`, merged after `notBefore`. */
  private pullRequest(
    deployAt: number,
    notBefore: number,
    messiness: Messiness | undefined,
    openedAfter?: number,
  ): void {
    const random = this.random;
    const service = this.service;
    const number = this.nextPullNumber();
    const bot = messiness === 'bot-pr';
    const author = bot
      ? random.pick(['dependabot[bot]', 'renovate[bot]'])
      : random.pick(this.team);
    const others = this.team.filter(m => m !== author);
    const emergency =
      messiness === 'emergency-with-retro' ||
      messiness === 'emergency-without-retro';
    // Merged between the previous deployment and this one; opened a few hours to days before.
    let mergedAt = Math.max(
      notBefore + 10 * 60_000,
      deployAt - random.integer(1, 20) * HOUR,
    );
    let createdAt =
      mergedAt -
      (emergency ? random.integer(1, 3) * HOUR : random.integer(4, 72) * HOUR);
    if (openedAfter !== undefined && createdAt < openedAfter) {
      // A backport is opened on its release branch, so not before the branch exists.
      createdAt = openedAfter;
      mergedAt = Math.max(mergedAt, createdAt + 4 * HOUR);
    }
    const key = this.nextTicketKey();
    const topic = random.pick(TOPICS);
    const verb = random.pick(VERBS);

    let title = `${key}: ${verb} ${topic}`;
    let branch = `feature/${key.toLowerCase()}-${topic.replace(/\s+/g, '-')}`;
    let body = `${verb} ${topic} in ${service.name}.\n\nTicket: ${key}`;
    let hasTicket = true;
    if (bot) {
      const dependency = random.pick(DEPENDENCIES);
      const version = `${random.integer(1, 9)}.${random.integer(
        0,
        20,
      )}.${random.integer(0, 9)}`;
      title = `Bump ${dependency} to ${version}`;
      branch = `${
        author.startsWith('dependabot') ? 'dependabot/npm_and_yarn' : 'renovate'
      }/${dependency}-${version}`;
      body = `Bumps ${dependency} to ${version}.\n\nRelease notes are in the package's changelog.`;
      hasTicket = false;
    } else if (messiness === 'missing-ticket') {
      title = `${verb} ${topic}`;
      branch = `fix/${topic.replace(/\s+/g, '-')}`;
      body = `${verb} ${topic}. Small change, no ticket.`;
      hasTicket = false;
    } else if (messiness === 'ticket-look-alike-only') {
      const lookAlike = random.pick(LOOK_ALIKES);
      title = `Handle ${lookAlike} in ${topic}`;
      branch = `fix/${lookAlike.toLowerCase()}-${topic.replace(/\s+/g, '-')}`;
      body = `Makes ${topic} accept ${lookAlike} input.`;
      hasTicket = false;
    } else if (messiness === 'ticket-look-alike-with-key') {
      title = `${key}: Handle ${random.pick(LOOK_ALIKES)} in ${topic}`;
    }

    const minApprovals = service.minApprovals;
    const reviewers = random.sample(others, minApprovals);
    const reviewAt = (i: number) =>
      createdAt + (mergedAt - createdAt) * (0.5 + i * 0.1);
    const files = [
      this.file(`${topic.replace(/\s+/g, '-')}.ts`),
      this.file(`${topic.replace(/\s+/g, '-')}.test.ts`),
    ];
    const commits: NonNullable<PullRequestSpec['commits']> = [
      {
        message: bot ? title : `${title}`,
        author,
        at: iso(createdAt + 10 * 60_000),
        files,
        coAuthors: [],
      },
    ];
    let reviews: NonNullable<PullRequestSpec['reviews']> = reviewers.map(
      (reviewer, i) => ({
        reviewer,
        state: 'APPROVED' as const,
        at: iso(reviewAt(i)),
      }),
    );
    let adminOverride = false;
    let mergedBy = author.endsWith('[bot]') ? reviewers[0] : author;

    switch (messiness) {
      case 'self-approval': {
        // The first approver pushed a fix onto the PR before approving it.
        commits.push({
          message: 'Address review comments',
          author: reviewers[0],
          at: iso(reviewAt(0) - HOUR / 2),
          files: [files[0]],
          coAuthors: [],
        });
        break;
      }
      case 'stale-approval': {
        // Approved on the first commit; the author pushed again afterwards; nobody re-approved.
        commits.push({
          message: 'Tidy up',
          author,
          at: iso(reviewAt(reviewers.length) + 10 * 60_000),
          files: [files[0]],
          coAuthors: [],
        });
        reviews = reviews.map(r => ({ ...r, onCommit: 1 }));
        break;
      }
      case 'approval-after-merge':
        reviews = reviews.map((r, i) => ({
          ...r,
          at: iso(mergedAt + (i + 1) * 20 * 60_000),
        }));
        break;
      case 'co-author-approval':
        commits[0].coAuthors = [reviewers[0]];
        break;
      case 'co-authored': {
        const helper = others.find(o => !reviewers.includes(o));
        if (helper) commits[0].coAuthors = [helper];
        else
          commits[0].coAuthors = [
            this.random.pick(
              this.catalog.people
                .map(p => p.login)
                .filter(l => l !== author && !reviewers.includes(l)),
            ),
          ];
        break;
      }
      case 'admin-override':
        reviews = [];
        adminOverride = true;
        mergedBy = author;
        break;
      default:
        break;
    }

    const approver = this.approver([
      author,
      ...commits.flatMap(c => [c.author, ...(c.coAuthors ?? [])]),
    ]);
    if (hasTicket) {
      // When the CAB approved the ticket: before the merge, unless the messiness says otherwise.
      const approvedAt: Partial<Record<Messiness, number | undefined>> = {
        'approval-after-deploy': deployAt + random.integer(1, 6) * HOUR,
        'emergency-with-retro': deployAt + random.integer(2, 30) * HOUR,
        'emergency-without-retro': undefined,
      };
      const beforeMerge = mergedAt - random.integer(10, 50) * 60_000;
      this.ticket({
        key,
        summary: `${verb} ${topic}`,
        author: author.endsWith('[bot]') ? reviewers[0] : author,
        createdAt: createdAt - random.integer(1, 5) * DAY,
        approvedAt:
          messiness && messiness in approvedAt
            ? approvedAt[messiness]
            : beforeMerge,
        approver,
        doneAt: deployAt + 2 * HOUR,
        links: [`${service.repository}#${number}`],
        emergency,
        placeholder: messiness === 'placeholder-fields',
      });
    }

    this.pullRequests.push({
      number,
      title,
      body,
      author,
      branch,
      labels: [
        ...(emergency ? ['hotfix'] : []),
        ...(bot ? ['dependencies'] : []),
      ],
      createdAt: iso(createdAt),
      commits,
      reviews,
      mergedAt: iso(mergedAt),
      mergedBy,
      mergeMethod: random.pick(['merge', 'merge', 'squash', 'rebase'] as const),
      adminOverride,
    });
  }

  private directPush(deployAt: number, notBefore: number) {
    const author = this.random.pick(this.team);
    const key = this.nextTicketKey();
    const topic = this.random.pick(TOPICS);
    const at = Math.max(
      notBefore + 5 * 60_000,
      deployAt - this.random.integer(1, 6) * HOUR,
    );
    this.directCommits.push({
      message: `${key} Quick fix for ${topic}`,
      author,
      at: iso(at),
      files: [this.file(`${topic.replace(/\s+/g, '-')}.ts`)],
      coAuthors: [],
    });
    this.ticket({
      key,
      summary: `Quick fix for ${topic}`,
      author,
      createdAt: at - DAY,
      approvedAt: at - HOUR,
      approver: this.approver([author]),
      doneAt: deployAt + HOUR,
      // Nobody linked the commit from the ticket.
      links: [],
      emergency: false,
      placeholder: false,
    });
  }

  /** A fix released from a release branch cut at the previous deployment. */
  private releaseFix(deployAt: number, previousAt: number): string {
    const name = `release/${iso(previousAt).slice(0, 10)}`;
    const cut = previousAt + 60_000;
    this.branches.push({ name, from: iso(cut) });
    const before = this.pullRequests.length;
    this.pullRequest(
      deployAt,
      previousAt + 2 * 60_000,
      undefined,
      cut + 60_000,
    );
    const pr = this.pullRequests[before];
    pr.base = name;
    pr.branch = `fix/${pr.number}-backport`;
    return name;
  }

  /**
   * For a service Argo CD deploys: the production instance's sync, mostly started by the
   * application's automated sync policy, now and then by a team member pressing "Sync"; and, half
   * an hour before, the same revision synced on the staging instance (not production: nothing to
   * judge there). Undefined for other services.
   */
  private argoCdSyncs(deployAt: number, ref: string | undefined) {
    const argoCd = this.service.argoCd;
    if (!argoCd) return undefined;
    const path = this.service.sourceDirectory ?? 'deploy';
    this.deployments.push({
      id: this.counters.deployments.next++,
      service: this.service.name,
      environment: 'staging',
      ref,
      at: iso(deployAt - 30 * 60_000),
      by: 'northwind-deploy[bot]',
      argoCd: {
        instance: ARGOCD_INSTANCES.staging,
        application: argoCd.application,
        automated: true,
        path,
      },
    });
    const automated = ref === undefined && !this.random.chance(0.2);
    return {
      by: automated ? 'northwind-deploy[bot]' : this.random.pick(this.team),
      production: {
        instance: argoCd.instance ?? ARGOCD_INSTANCES.production,
        application: argoCd.application,
        automated,
        path,
      },
    };
  }

  generate(
    start: number,
    rates: Partial<Record<Messiness, number>>,
    meanDays: number,
  ) {
    const random = this.random;
    const times = deploymentTimes(random, start, this.now - HOUR, meanDays);
    let previousAt = start - DAY;
    let previousRef: string | undefined;
    for (const deployAt of times) {
      const planned: PlannedChange[] = [];
      const changeCount = random.chance(0.28) ? random.integer(2, 3) : 1;
      let ref: string | undefined;
      for (let i = 0; i < changeCount; i++) {
        let messiness = random.weighted(rates);
        // A release-branch deployment ships one fix only, and nothing else.
        // Cut from what the previous deployment shipped, so that previous one must be from main.
        // Not for a service Argo CD deploys: the GitHub module reads a release branch's history
        // only when one of GitHub's own deployments names the branch, so such a sync's commit
        // would be unknown to the product (a gap of the product, not of the change).
        if (
          messiness === 'release-branch' &&
          (changeCount > 1 ||
            planned.length > 0 ||
            previousAt < start ||
            previousRef !== undefined ||
            this.service.argoCd)
        ) {
          messiness = undefined;
        }
        if (
          messiness === 'emergency-with-retro' &&
          deployAt + 30 * HOUR > this.now
        ) {
          messiness = 'emergency-without-retro';
        }
        if (messiness === 'release-branch') {
          ref = this.releaseFix(deployAt, previousAt);
        } else if (messiness === 'direct-push') {
          this.directPush(deployAt, previousAt);
        } else {
          this.pullRequest(deployAt, previousAt, messiness);
        }
        planned.push({
          messiness,
          windowClosed: deployAt + 72 * HOUR <= this.now,
        });
      }
      const { checks, verdict } = combineChanges(
        planned.map(expectedForChange),
      );
      const argoCd = this.argoCdSyncs(deployAt, ref);
      const id = this.counters.deployments.next++;
      this.deployments.push({
        id,
        service: this.service.name,
        environment: 'production',
        ref,
        at: iso(deployAt),
        by: argoCd?.by ?? 'northwind-deploy[bot]',
        ...(argoCd ? { argoCd: argoCd.production } : {}),
        // For an Argo CD service too, these are what the evidence shows: Argo CD has no deployment
        // approval (GitHub's environment reviews), and the generator plants none for any service,
        // so approval.before-deploy rests on the ticket's CAB approval in Jira (or ServiceNow) for
        // a sync as for a GitHub deployment; a sync names its branch as a GitHub deployment does.
        expected: {
          verdict,
          checks,
          messiness: [
            ...planned
              .map(p => p.messiness)
              .filter((m): m is Messiness => Boolean(m)),
            ...(changeCount > 1 ? ['several-prs'] : []),
          ],
        },
      });
      previousAt = deployAt;
      previousRef = ref;
    }
  }
}

/**
 * A deterministic organisation history for the catalog's services: `days` of PRs, reviews,
 * commits, tickets and production deployments, with each kind of messiness planted at its rate
 * and the expected verdict of every deployment written beside it.
 */
export function generateScenario(
  catalog: GeneratorCatalog,
  options: GeneratorOptions,
): Scenario {
  const counters = newCounters();
  const repositories = new Map<string, RepositorySpec>();
  const tickets: TicketSpec[] = [];
  // GitLab-hosted services last: the shared counters (ticket keys, deployment ids) then number
  // the GitHub services' history the same whether or not the catalog has GitLab services.
  const services = [...catalog.services, ...(catalog.gitlabServices ?? [])];
  for (const service of services) {
    const part = serviceHistory(service, catalog, options, counters);
    const repository = repositories.get(service.repository) ?? part.repository;
    if (repository !== part.repository) {
      // A monorepo: several services' histories in one repository.
      repository.branches!.push(...part.repository.branches!);
      repository.protection!.push(...part.repository.protection!.slice(1));
      repository.pullRequests!.push(...part.repository.pullRequests!);
      repository.directCommits!.push(...part.repository.directCommits!);
      repository.deployments!.push(...part.repository.deployments!);
    }
    repositories.set(service.repository, repository);
    tickets.push(...part.tickets);
  }
  return scenarioFromParts({
    now: options.now,
    catalog,
    repositories: [...repositories.values()],
    projects: [...new Set(services.map(s => s.jiraProject))],
    tickets,
    changeRequests: emergencyChangeRequests(tickets, counters),
  });
}

/**
 * One service alone, as a scenario of its own: the streaming form for large organisations, where
 * services are generated, built and written one at a time so that memory stays flat. Monorepos
 * are not supported here (each service has its own repository).
 */
export function generateServiceScenario(
  service: CatalogService,
  catalog: GeneratorCatalog,
  options: GeneratorOptions,
  counters: Counters = newCounters(),
): Scenario {
  const part = serviceHistory(service, catalog, options, counters);
  return scenarioFromParts({
    now: options.now,
    catalog,
    repositories: [part.repository],
    projects: [service.jiraProject],
    tickets: part.tickets,
    changeRequests: emergencyChangeRequests(part.tickets, counters),
  });
}

export function newCounters(): Counters {
  return {
    tickets: new Map(),
    pullRequests: new Map(),
    deployments: { next: 1 },
    changeRequests: { next: 1 },
  };
}

function serviceHistory(
  service: CatalogService,
  catalog: GeneratorCatalog,
  options: GeneratorOptions,
  counters: Counters,
): { repository: RepositorySpec; tickets: TicketSpec[] } {
  const now = Date.parse(options.now);
  const start = now - (options.days ?? 175) * DAY;
  const random = new Random(`${options.seed}:${service.entityRef}`);
  const history = new ServiceHistory(service, catalog, random, counters, now);
  history.generate(
    start,
    service.host === 'gitlab'
      ? representableOnGitlab(options.rates ?? DEFAULT_RATES)
      : options.rates ?? DEFAULT_RATES,
    options.daysBetweenDeployments ?? 2.5,
  );
  return {
    repository: {
      name: service.repository,
      ...(service.host === 'gitlab' ? { host: 'gitlab' as const } : {}),
      defaultBranch: 'main',
      createdAt: iso(start - 30 * DAY),
      // Release branches are protected like main: fixes released from them are reviewed too.
      protection: ['main', ...history.branches.map(b => b.name)].map(
        branch => ({
          branch,
          requiredApprovals: service.minApprovals,
          dismissStaleReviews: true,
          enforceAdmins: false,
          requiredStatusChecks: ['ci/build', 'ci/test'],
        }),
      ),
      environments: [
        { name: 'production', reviewers: [], preventSelfReview: true },
      ],
      codeowners: `* @northwind/${service.owner}\n`,
      branches: history.branches,
      pullRequests: history.pullRequests,
      directCommits: history.directCommits,
      deployments: history.deployments,
    },
    tickets: history.tickets,
  };
}

/**
 * The rates without the kinds GitLab's data cannot hold, which are not planted on a GitLab
 * project (rather than given an answer GitLab could not show): GitLab takes no approval of a
 * merge request once it is merged (`approval-after-merge`), and has no administrator merge past
 * unmet approval rules recorded apart from the merge request (`admin-override`; a merge with
 * approval rules unmet shows in the merge request's approval state, which the simulated projects
 * never have). Every other kind is served as GitLab records it: an approval's reviewed commit is
 * the merge request's diff version current when it was given (`stale-approval`), committers and
 * co-authors are commit authors and trailers (`self-approval`, `co-author-approval`).
 */
function representableOnGitlab(
  rates: Partial<Record<Messiness, number>>,
): Partial<Record<Messiness, number>> {
  const {
    'approval-after-merge': _afterMerge,
    'admin-override': _override,
    ...representable
  } = rates;
  return representable;
}

/** A ServiceNow change request for each emergency ticket, as operations record them there too. */
function emergencyChangeRequests(
  tickets: TicketSpec[],
  counters: Counters,
): z.input<typeof changeRequestSchema>[] {
  return tickets
    .filter(t => t.labels?.includes('hotfix'))
    .map(t => {
      const approval = t.transitions?.find(tr => tr.to === 'Approved');
      return {
        number: `CHG${String(counters.changeRequests.next++).padStart(7, '0')}`,
        shortDescription: t.summary,
        description: t.description ?? '',
        justification: t.justification ?? '',
        implementationPlan: t.implementationPlan ?? '',
        backoutPlan: t.rollbackPlan ?? '',
        type: 'emergency' as const,
        requestedBy: t.reporter,
        openedAt: t.createdAt,
        covers: t.key,
        approvals: approval
          ? [
              {
                approver: approval.by,
                at: approval.at,
                state: 'approved' as const,
              },
            ]
          : [],
      };
    });
}

function scenarioFromParts(parts: {
  now: string;
  catalog: GeneratorCatalog;
  repositories: RepositorySpec[];
  projects: string[];
  tickets: TicketSpec[];
  changeRequests: z.input<typeof changeRequestSchema>[];
}): Scenario {
  const people = [
    ...parts.catalog.people.map(p => ({
      login: p.login,
      name: p.name,
      email: p.email,
      user: p.userRef,
    })),
    {
      login: 'northwind-deploy[bot]',
      name: 'Northwind deploy pipeline',
      bot: true,
    },
    { login: 'dependabot[bot]', bot: true },
    { login: 'renovate[bot]', bot: true },
  ];
  for (const r of parts.repositories) {
    r.pullRequests!.sort((a, b) => a.number - b.number);
  }
  return {
    now: parts.now,
    people: people.map(p => ({ bot: false, ...p })),
    repositories: parts.repositories.map(r => repositorySchema.parse(r)),
    jira: {
      projects: parts.projects.map(key => ({ key, name: key })),
      issues: parts.tickets.map(t => ticketSchema.parse(t)),
    },
    serviceNow: {
      changeRequests: parts.changeRequests.map(c =>
        changeRequestSchema.parse(c),
      ),
    },
  };
}
