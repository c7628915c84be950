import { EvidenceStore } from '../database/EvidenceStore';
import { deploymentId, VerdictChange } from '../database/records';
import {
  ChangeMapper,
  CommitGraphNode,
  changesTouchingPaths,
  DeploymentHistory,
} from '../engine/changeSet';
import { referenceSources } from '../engine/changes';
import { evaluateDeployment } from '../engine/evaluateDeployment';
import { ServiceEvidence } from '../engine/evidence';
import { matchesAnyGlob } from '../engine/paths';
import {
  canonicalTicketKey,
  extractTicketReferences,
} from '../engine/ticketReferences';
import { ChangePolicy } from '../policy/ChangePolicy';
import { BranchContainment } from './branchContainment';
import { protectedBranchesAt } from '../database/protectedBranchesAt';
import { IdentityResolver, NO_CATALOG_IDENTITIES } from './CatalogIdentities';
import {
  resolveApproval,
  resolveCommit,
  resolvePullRequest,
  resolveTicket,
} from './resolveIdentities';

/** A service as the evaluator needs it: its evidence settings and where its code lives. */
export interface ServiceToEvaluate extends ServiceEvidence {
  repository: string;
  /** Monorepo path filter; undefined means the whole repository. */
  sourcePaths?: string[];
  /** The ticket project key the entity names, for display. */
  ticketProjectKey?: string;
}

export interface EvaluationRun {
  evaluated: number;
  /** The verdict changes this run recorded. */
  changes: VerdictChange[];
}

/**
 * Evaluates every production deployment of a service from the stored evidence and stores the
 * results: the glue between the store (which only reads and writes) and the engine (which only
 * judges). Reads the service's repository evidence once, then walks its deployments in order, so
 * each deployment's change set starts where the previous one's ended.
 */
export async function evaluateService(options: {
  store: EvidenceStore;
  policy: ChangePolicy;
  service: ServiceToEvaluate;
  /** Start of the observed window: the first deployment's change set begins here. */
  windowStart: string;
  evaluatedAt: string;
  /** Why this run happens, kept with every verdict it changes. */
  cause: string;
  /** Who the evidence's accounts are in the catalog; default: as the evidence says. */
  identities?: IdentityResolver;
  /** Asks the ticket systems for referenced tickets the store does not have yet. */
  fetchTickets?: (keys: string[]) => Promise<void>;
}): Promise<EvaluationRun> {
  const { store, policy, service } = options;
  const identities = options.identities ?? NO_CATALOG_IDENTITIES;
  const repositorySlug = service.repository;

  const deployments = (
    await store.listServiceDeployments(service.entityRef, { status: 'success' })
  ).filter(d => matchesAnyGlob(d.environment, policy.productionEnvironments));
  if (deployments.length === 0) return { evaluated: 0, changes: [] };

  const [repository, heads, storedCommits, storedPullRequests, associations] =
    await Promise.all([
      store.getRepository(repositorySlug),
      store.getBranchHeads(repositorySlug),
      store.listCommits(repositorySlug),
      store.listPullRequests(repositorySlug),
      store.listCommitAssociations(repositorySlug),
    ]);
  const commits = storedCommits.map(c => resolveCommit(c, identities));
  const pullRequests = storedPullRequests.map(pr =>
    resolvePullRequest(pr, identities),
  );
  const commitsBySha = new Map(commits.map(c => [c.sha, c]));
  const graph: Record<string, CommitGraphNode> = {};
  for (const c of commits) {
    graph[c.sha] = { parents: c.parents, committedAt: c.committedAt };
  }
  const containment = new BranchContainment(graph, heads);
  const changeMapper = new ChangeMapper(
    repositorySlug,
    pullRequests,
    associations,
  );
  const projects = policy.ticketProjects.filter(p =>
    service.ticketSystems.includes(p.system),
  );

  // First the change set of every deployment, each starting where the previous one ended.
  const history = new DeploymentHistory(graph, options.windowStart);
  const shipped = deployments.map(deployment => {
    const changeSet = history.next(deployment.commitSha);
    const changes = changesTouchingPaths(
      changeMapper.map(
        changeSet.commits.map(sha => commitsBySha.get(sha)).filter(isDefined),
      ),
      service.sourcePaths,
    );
    const ticketKeys = [
      ...new Set([
        ...changes.flatMap(c =>
          extractTicketReferences(referenceSources(c), projects, {
            repository: repositorySlug,
          }),
        ),
        ...deployment.ticketKeys.map(canonicalTicketKey),
      ]),
    ];
    return {
      deployment,
      id: deploymentId(deployment),
      changeSet,
      changes,
      ticketKeys,
    };
  });

  // Then the tickets, approvals and protection history they need, in a few batched reads.
  const allTicketKeys = [...new Set(shipped.flatMap(s => s.ticketKeys))];
  // Tickets of changes synced since the ticket systems last looked are fetched now, so that a new
  // change is judged with its ticket rather than failed until the next ticket sync.
  const storedTickets = await store.getTickets(allTicketKeys);
  const missing = allTicketKeys.filter(key => !storedTickets[key]);
  if (options.fetchTickets && missing.length > 0) {
    await options.fetchTickets(missing);
    Object.assign(storedTickets, await store.getTickets(missing));
  }
  const [storedApprovals, protection] = await Promise.all([
    store.getApprovals({
      ticketKeys: allTicketKeys,
      deploymentIds: shipped.map(s => s.id),
    }),
    store.branchProtectionHistory(repositorySlug),
  ]);
  const tickets = Object.fromEntries(
    Object.entries(storedTickets).map(([key, ticket]) => [
      key,
      resolveTicket(ticket, identities),
    ]),
  );
  const approvals = storedApprovals.map(a => resolveApproval(a, identities));

  const approvalsByScope = new Map<string, typeof approvals>();
  for (const approval of approvals) {
    const scopes = [
      approval.scope.deploymentId &&
        `deployment:${approval.scope.deploymentId}`,
      approval.scope.ticketKey && `ticket:${approval.scope.ticketKey}`,
    ].filter((scope): scope is string => Boolean(scope));
    for (const scope of scopes) {
      approvalsByScope.set(scope, [
        ...(approvalsByScope.get(scope) ?? []),
        approval,
      ]);
    }
  }

  const evaluations = shipped.map(
    ({ deployment, id, changeSet, changes, ticketKeys }) => {
      const evaluation = evaluateDeployment(
        {
          service,
          deployment: {
            ...deployment,
            id,
            ticketKeys: deployment.ticketKeys,
            ...(deployment.actor
              ? { actor: identities.resolve(deployment.actor) }
              : {}),
          },
          repository: {
            slug: repositorySlug,
            defaultBranch: repository?.defaultBranch ?? '',
            commitExists: Boolean(graph[deployment.commitSha]),
            branchesContainingCommit: containment.branchesContaining(
              deployment.commitSha,
            ),
            protectedBranches: protectedBranchesAt(
              protection,
              deployment.deployedAt,
            ),
          },
          changes,
          changeSet: { complete: changeSet.complete, reason: changeSet.reason },
          tickets: Object.fromEntries(
            ticketKeys.filter(k => tickets[k]).map(k => [k, tickets[k]]),
          ),
          approvals: [
            ...(approvalsByScope.get(`deployment:${id}`) ?? []),
            ...ticketKeys.flatMap(
              k => approvalsByScope.get(`ticket:${k}`) ?? [],
            ),
          ],
          evaluatedAt: options.evaluatedAt,
        },
        policy,
      );
      return {
        ...evaluation,
        serviceRef: service.entityRef,
        deployedAt: deployment.deployedAt,
      };
    },
  );

  const changes = await store.saveEvaluations(evaluations, options.cause);
  return { evaluated: evaluations.length, changes };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
