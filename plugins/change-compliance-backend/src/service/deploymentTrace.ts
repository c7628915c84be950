import {
  DeploymentTrace,
  TraceActor,
} from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { StoredEvaluation } from '../database/records';
import { Actor } from '../engine/evidence';
import { requiredTicketFields } from '../engine/requiredTicketFields';
import { ChangePolicy } from '../policy/ChangePolicy';

/** An actor as a trace shows it: the upstream login (and kind), nothing more personal. */
function traceActor(actor: Actor): TraceActor {
  return { login: actor.login, ...(actor.type ? { type: actor.type } : {}) };
}

/** `pr:owner/repo#42` and `commit:owner/repo@sha`, as the engine names changes. */
function parseChangeRef(
  ref: string,
):
  | { kind: 'pr'; repository: string; number: number }
  | { kind: 'commit'; repository: string; sha: string }
  | undefined {
  const pr = ref.match(/^pr:(.+)#(\d+)$/);
  if (pr) return { kind: 'pr', repository: pr[1], number: Number(pr[2]) };
  const commit = ref.match(/^commit:(.+)@([0-9a-f]+)$/i);
  if (commit) return { kind: 'commit', repository: commit[1], sha: commit[2] };
  return undefined;
}

/**
 * The stored evidence behind a deployment's verdict, as its evaluation saw it: the PRs and direct
 * commits of its change set, the tickets those changes reference with each required field judged
 * as `ticket.complete` judges it, and the approvals of those tickets and of the deployment. Read
 * for one deployment at a time, when someone opens it.
 */
export async function deploymentTrace(
  store: EvidenceStore,
  policy: ChangePolicy,
  deploymentId: string,
  evaluation: StoredEvaluation | undefined,
): Promise<DeploymentTrace> {
  const changes = evaluation?.changes ?? [];
  const refs = changes.flatMap(c => {
    const parsed = parseChangeRef(c.changeRef);
    return parsed ? [{ changeRef: c.changeRef, ...parsed }] : [];
  });

  const pullRequests = [];
  for (const repository of new Set(
    refs.filter(r => r.kind === 'pr').map(r => r.repository),
  )) {
    const numbers = refs.flatMap(r =>
      r.kind === 'pr' && r.repository === repository ? [r.number] : [],
    );
    pullRequests.push(...(await store.getPullRequests(repository, numbers)));
  }
  const directCommits = [];
  for (const repository of new Set(
    refs.filter(r => r.kind === 'commit').map(r => r.repository),
  )) {
    const shas = refs.flatMap(r =>
      r.kind === 'commit' && r.repository === repository ? [r.sha] : [],
    );
    for (const commit of await store.getCommits(repository, shas)) {
      directCommits.push({ repository, commit });
    }
  }

  const ticketKeys = [...new Set(changes.flatMap(c => c.ticketKeys))];
  const [tickets, approvals] = await Promise.all([
    store.getTickets(ticketKeys),
    store.getApprovals({ ticketKeys, deploymentIds: [deploymentId] }),
  ]);

  return {
    deploymentId,
    pullRequests: pullRequests.map(pr => ({
      changeRef: `pr:${pr.repository}#${pr.number}`,
      repository: pr.repository,
      number: pr.number,
      url: pr.url ?? null,
      title: pr.title,
      author: traceActor(pr.author),
      headSha: pr.headSha,
      mergeCommitSha: pr.mergeCommitSha,
      mergedAt: pr.mergedAt,
      mergedBy: pr.mergedBy ? traceActor(pr.mergedBy) : null,
      mergedWithAdminOverride: pr.mergedWithAdminOverride === true,
      labels: pr.labels,
      reviews: pr.reviews.map(review => ({
        reviewer: traceActor(review.reviewer),
        state: review.state,
        submittedAt: review.submittedAt,
        commitId: review.commitId,
        dismissed: review.dismissed,
      })),
    })),
    directCommits: directCommits.map(({ repository, commit }) => ({
      changeRef: `commit:${repository}@${commit.sha}`,
      repository,
      sha: commit.sha,
      author: traceActor(commit.author),
      committedAt: commit.committedAt,
      subject: commit.message.split('\n')[0],
    })),
    tickets: ticketKeys.flatMap(key => {
      const ticket = tickets[key];
      if (!ticket) return [];
      return [
        {
          system: ticket.system,
          key: ticket.key,
          url: ticket.url ?? null,
          type: ticket.type ?? null,
          priority: ticket.priority ?? null,
          requester: ticket.requester ? traceActor(ticket.requester) : null,
          requiredFields: requiredTicketFields(ticket, policy),
          links: ticket.links,
        },
      ];
    }),
    approvals: approvals
      .map(approval => ({
        source: approval.source,
        approver: traceActor(approval.approver),
        approvedAt: approval.approvedAt,
        state: approval.state,
        ticketKey: approval.scope.ticketKey ?? null,
        deploymentId: approval.scope.deploymentId ?? null,
      }))
      .sort((a, b) => a.approvedAt.localeCompare(b.approvedAt)),
  };
}
