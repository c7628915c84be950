import { VerdictChange } from '../database/records';
import { EvidenceStore } from '../database/EvidenceStore';
import { deploymentId } from '../database/records';
import {
  changesTouchingPaths,
  computeChangeSet,
  mapCommitsToChanges,
} from '../engine/changeSet';
import { referenceSources } from '../engine/changes';
import { evaluateDeployment } from '../engine/evaluateDeployment';
import { ServiceEvidence } from '../engine/evidence';
import { matchesAnyGlob } from '../engine/paths';
import { extractTicketReferences } from '../engine/ticketReferences';
import { ChangePolicy } from '../policy/ChangePolicy';
import { BranchContainment } from './branchContainment';

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
}): Promise<EvaluationRun> {
  const { store, policy, service } = options;
  const repositorySlug = service.repository;

  const deployments = (
    await store.listServiceDeployments(service.entityRef, { status: 'success' })
  ).filter(d => matchesAnyGlob(d.environment, policy.productionEnvironments));
  if (deployments.length === 0) return { evaluated: 0, changes: [] };

  const [repository, graph, heads, commits, pullRequests, associations] =
    await Promise.all([
      store.getRepository(repositorySlug),
      store.commitGraph(repositorySlug),
      store.getBranchHeads(repositorySlug),
      store.listCommits(repositorySlug),
      store.listPullRequests(repositorySlug),
      store.listCommitAssociations(repositorySlug),
    ]);
  const commitsBySha = new Map(commits.map(c => [c.sha, c]));
  const containment = new BranchContainment(graph, heads);
  const projects = policy.ticketProjects.filter(p =>
    service.ticketSystems.includes(p.system),
  );

  const run: EvaluationRun = { evaluated: 0, changes: [] };
  let previous: (typeof deployments)[number] | undefined;
  for (const deployment of deployments) {
    const changeSet = computeChangeSet({
      graph,
      deployedSha: deployment.commitSha,
      previousDeployedSha: previous?.commitSha ?? null,
      windowStart: options.windowStart,
    });
    const changes = changesTouchingPaths(
      mapCommitsToChanges({
        commits: changeSet.commits
          .map(sha => commitsBySha.get(sha)!)
          .filter(Boolean),
        repository: repositorySlug,
        pullRequests,
        pullRequestByCommit: associations,
      }),
      service.sourcePaths,
    );

    const id = deploymentId(deployment);
    const ticketKeys = [
      ...new Set([
        ...changes.flatMap(c =>
          extractTicketReferences(referenceSources(c), projects),
        ),
        ...deployment.ticketKeys.map(k => k.toLocaleUpperCase('en-US')),
      ]),
    ];
    const [tickets, approvals, protectedBranches] = await Promise.all([
      store.getTickets(ticketKeys),
      store.getApprovals({ ticketKeys, deploymentIds: [id] }),
      store.protectedBranchesAt(repositorySlug, deployment.deployedAt),
    ]);

    const evaluation = evaluateDeployment(
      {
        service,
        deployment: { ...deployment, id, ticketKeys: deployment.ticketKeys },
        repository: {
          slug: repositorySlug,
          defaultBranch: repository?.defaultBranch ?? '',
          commitExists: Boolean(graph[deployment.commitSha]),
          branchesContainingCommit: containment.branchesContaining(
            deployment.commitSha,
          ),
          protectedBranches,
        },
        changes,
        changeSet: { complete: changeSet.complete, reason: changeSet.reason },
        tickets,
        approvals,
        evaluatedAt: options.evaluatedAt,
      },
      policy,
    );
    const change = await store.saveEvaluation(
      {
        ...evaluation,
        serviceRef: service.entityRef,
        deployedAt: deployment.deployedAt,
      },
      options.cause,
    );
    if (change) run.changes.push(change);
    run.evaluated += 1;
    previous = deployment;
  }
  return run;
}
