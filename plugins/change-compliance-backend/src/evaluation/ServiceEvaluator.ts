import { EvidenceStore } from '../database/EvidenceStore';
import {
  deploymentId,
  VerdictChange,
  VerdictRecord,
} from '../database/records';
import { toVerdictRecord } from '../database/verdictRecord';
import {
  ChangeMapper,
  CommitGraph,
  changesTouchingPaths,
  DeploymentHistory,
} from '../engine/changeSet';
import { changeTicketKeys } from '../engine/changes';
import { evaluateDeployment } from '../engine/evaluateDeployment';
import {
  ApprovalEvidence,
  ChangeEvidence,
  ProvenanceEvidence,
  ServiceEvidence,
  TicketEvidence,
} from '../engine/evidence';
import { matchesAnyGlob } from '../engine/paths';
import { canonicalTicketKey } from '../engine/ticketReferences';
import { ChangePolicy } from '../policy/ChangePolicy';
import { BranchContainment } from './branchContainment';
import { protectedBranchesAt } from '../database/protectedBranchesAt';
import {
  AccountSystem,
  IdentityResolver,
  NO_CATALOG_IDENTITIES,
} from './CatalogIdentities';
import {
  resolveApproval,
  resolveCommit,
  resolvePullRequest,
  resolveTicket,
} from './resolveIdentities';

/** Deployments judged between two turns given to other work: about 10 ms. */
const DEPLOYMENTS_BETWEEN_PAUSES = 100;

/** The stored build provenance of the deployments' image digests, by digest. */
async function provenanceByDigest(
  store: EvidenceStore,
  deployments: { imageDigest?: string }[],
): Promise<Map<string, ProvenanceEvidence[]>> {
  const digests = deployments.flatMap(d =>
    d.imageDigest ? [d.imageDigest] : [],
  );
  const byDigest = new Map<string, ProvenanceEvidence[]>();
  if (digests.length === 0) return byDigest;
  for (const statement of await store.listProvenance(digests)) {
    const found = byDigest.get(statement.digest) ?? [];
    found.push({
      source: statement.source,
      sourceCommit: statement.sourceCommit,
      sourceRepository: statement.sourceRepository,
      verification: statement.verification,
      verificationNote: statement.verificationNote,
      url: statement.url,
    });
    byDigest.set(statement.digest, found);
  }
  return byDigest;
}

/** A service as the evaluator needs it: its evidence settings and where its code lives. */
export interface ServiceToEvaluate extends ServiceEvidence {
  repository: string;
  /** `gitlab` for a GitLab project; GitHub when absent. */
  sourceControl?: string;
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

/** What evaluating a service needs besides the service. */
export interface EvaluationOptions {
  store: EvidenceStore;
  policy: ChangePolicy;
  /** Start of the observed window: the first deployment's change set begins here. */
  windowStart: string;
  evaluatedAt: string;
  /** Why this run happens, kept with every verdict it changes. */
  cause: string;
  /** Who the evidence's accounts are in the catalog; default: as the evidence says. */
  identities?: IdentityResolver;
  /** Asks the ticket systems for referenced tickets the store does not have yet. */
  fetchTickets?: (keys: string[]) => Promise<void>;
}

/**
 * Evaluates every production deployment of a service from the stored evidence and stores the
 * results: the glue between the store (which only reads and writes) and the engine (which only
 * judges).
 */
export async function evaluateService(
  options: EvaluationOptions & { service: ServiceToEvaluate },
): Promise<EvaluationRun> {
  const records = await judgeService(options);
  const changes =
    records.length > 0
      ? await options.store.saveVerdictRecords(records, options.cause)
      : [];
  return { evaluated: records.length, changes };
}

/**
 * Judges every production deployment of a service from the stored evidence, and stores nothing:
 * the verdicts come back in the form the store keeps them. Reads the service's repository
 * evidence once, then walks its deployments in order, so each deployment's change set starts
 * where the previous one's ended.
 */
async function judgeService(
  options: Omit<EvaluationOptions, 'cause'> & { service: ServiceToEvaluate },
): Promise<VerdictRecord[]> {
  const { store, policy, service } = options;
  const identities = options.identities ?? NO_CATALOG_IDENTITIES;
  const repositorySlug = service.repository;
  // Accounts on GitLab are found by e-mail only: a GitLab username is nobody's GitHub login.
  const accounts: AccountSystem =
    (service.sourceControl ?? 'github') === 'github' ? 'github' : 'other';

  const deployments = (
    await store.listServiceDeployments(service.entityRef, { status: 'success' })
  ).filter(d => matchesAnyGlob(d.environment, policy.productionEnvironments));
  if (deployments.length === 0) return [];

  const [
    repository,
    heads,
    history,
    storedPullRequests,
    associations,
    provenance,
  ] = await Promise.all([
    store.getRepository(repositorySlug),
    store.getBranchHeads(repositorySlug),
    store.listCommitGraph(repositorySlug),
    store.listPullRequests(repositorySlug),
    store.listCommitAssociations(repositorySlug),
    provenanceByDigest(store, deployments),
  ]);
  const pullRequests = storedPullRequests.map(pr =>
    resolvePullRequest(pr, identities, accounts),
  );
  const graph: CommitGraph = new Map(history.map(c => [c.sha, c]));
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
  const walk = new DeploymentHistory(graph, options.windowStart);
  const changeSets = deployments.map(d => walk.next(d.commitSha));
  // Most commits come with a PR, known by SHA; only the others are read in full.
  const unclaimed = new Set(
    changeSets.flatMap(changeSet => changeMapper.unclaimed(changeSet.commits)),
  );
  const commits = new Map(
    (await store.getCommits(repositorySlug, [...unclaimed])).map(c => [
      c.sha,
      resolveCommit(c, identities, accounts),
    ]),
  );

  // Then each deployment's changes, and the tickets they reference (read once: the engine is
  // given them).
  const referencedTicketKeys = new Map<ChangeEvidence, string[]>();
  const shipped = deployments.map((deployment, index) => {
    const changeSet = changeSets[index];
    const changes = changesTouchingPaths(
      changeMapper.mapShas(changeSet.commits, sha => commits.get(sha)),
      service.sourcePaths,
    );
    const ticketKeys = new Set<string>();
    for (const change of changes) {
      const keys = changeTicketKeys(change, projects, repositorySlug);
      referencedTicketKeys.set(change, keys);
      for (const key of keys) ticketKeys.add(key);
    }
    for (const key of deployment.ticketKeys) {
      ticketKeys.add(canonicalTicketKey(key));
    }
    return {
      deployment,
      id: deploymentId(deployment),
      changeSet,
      changes,
      ticketKeys: [...ticketKeys],
    };
  });

  // Then the tickets, approvals and protection history they need, in a few batched reads.
  const allTicketKeys = [...new Set(shipped.flatMap(s => s.ticketKeys))];
  // One collection of tickets for all the service's deployments: the engine looks up only the
  // keys a deployment's changes reference. Keyed by data, so without a prototype: V8 keeps such
  // an object as a dictionary from the start, where a plain one would take a new hidden class for
  // every key added.
  const tickets: Record<string, TicketEvidence> = Object.create(null);
  const keep = (found: TicketEvidence[]) => {
    for (const ticket of found) {
      tickets[ticket.key] = resolveTicket(ticket, identities);
    }
  };
  keep(await store.listTickets(allTicketKeys));
  // Tickets of changes synced since the ticket systems last looked are fetched now, so that a new
  // change is judged with its ticket rather than failed until the next ticket sync.
  const missing = allTicketKeys.filter(key => !tickets[key]);
  if (options.fetchTickets && missing.length > 0) {
    await options.fetchTickets(missing);
    keep(await store.listTickets(missing));
  }
  const [storedApprovals, protection] = await Promise.all([
    store.getApprovals({
      ticketKeys: allTicketKeys,
      deploymentIds: shipped.map(s => s.id),
    }),
    store.branchProtectionHistory(repositorySlug),
  ]);
  const approvals = storedApprovals.map(a => resolveApproval(a, identities));

  const byDeployment = new Map<string, ApprovalEvidence[]>();
  const byTicket = new Map<string, ApprovalEvidence[]>();
  const add = (
    scoped: Map<string, ApprovalEvidence[]>,
    key: string | undefined,
    approval: ApprovalEvidence,
  ) => {
    if (!key) return;
    const found = scoped.get(key);
    if (found) found.push(approval);
    else scoped.set(key, [approval]);
  };
  for (const approval of approvals) {
    add(byDeployment, approval.scope.deploymentId, approval);
    add(byTicket, approval.scope.ticketKey, approval);
  }
  /** A deployment's approvals: of the deployment itself, then of each of its tickets. */
  const approvalsOf = (id: string, ticketKeys: string[]) => {
    const found = [...(byDeployment.get(id) ?? [])];
    for (const key of ticketKeys) {
      for (const approval of byTicket.get(key) ?? []) found.push(approval);
    }
    return found;
  };

  // Each evaluation is put in the form the store keeps at once: a service's thousands of result
  // objects would otherwise wait in memory for the write, and the garbage collector with them.
  const records: VerdictRecord[] = [];
  for (const [index, shippedHere] of shipped.entries()) {
    const { deployment, id, changeSet, changes, ticketKeys } = shippedHere;
    // Judging thousands of deployments takes seconds: the backend's other work (API requests,
    // syncs) gets its turn now and then.
    if (index % DEPLOYMENTS_BETWEEN_PAUSES === DEPLOYMENTS_BETWEEN_PAUSES - 1) {
      await new Promise(resolve => setImmediate(resolve));
    }
    const evaluation = evaluateDeployment(
      {
        service,
        deployment: {
          ...deployment,
          id,
          ticketKeys: deployment.ticketKeys,
          ...(deployment.imageDigest && provenance.has(deployment.imageDigest)
            ? { provenance: provenance.get(deployment.imageDigest) }
            : {}),
          ...(deployment.actor
            ? { actor: identities.resolve(deployment.actor, accounts) }
            : {}),
        },
        repository: {
          slug: repositorySlug,
          defaultBranch: repository?.defaultBranch ?? '',
          commitExists: graph.has(deployment.commitSha),
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
        tickets,
        approvals: approvalsOf(id, ticketKeys),
        evaluatedAt: options.evaluatedAt,
        referencedTicketKeys,
      },
      policy,
    );
    records.push(
      toVerdictRecord({
        ...evaluation,
        serviceRef: service.entityRef,
        deployedAt: deployment.deployedAt,
      }),
    );
  }

  return records;
}
