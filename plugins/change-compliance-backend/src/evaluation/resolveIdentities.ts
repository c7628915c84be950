import {
  ApprovalEvidence,
  CommitEvidence,
  PullRequestEvidence,
  TicketEvidence,
} from '../engine/evidence';
import { AccountSystem, IdentityResolver } from './CatalogIdentities';

/*
 * The evidence as the engine must see it: every person in it resolved to a catalog user and
 * groups where the catalog knows them. Done when evaluating, not when syncing, so that a change in
 * the catalog (a new team member, a login annotation added) applies to all evidence at once.
 */

export function resolveCommit(
  commit: CommitEvidence,
  identities: IdentityResolver,
): CommitEvidence {
  return {
    ...commit,
    author: identities.resolve(commit.author),
    coAuthors: commit.coAuthors.map(a => identities.resolve(a)),
    ...(commit.committer
      ? { committer: identities.resolve(commit.committer) }
      : {}),
    ...(commit.pushedBy
      ? { pushedBy: identities.resolve(commit.pushedBy) }
      : {}),
  };
}

export function resolvePullRequest(
  pr: PullRequestEvidence,
  identities: IdentityResolver,
): PullRequestEvidence {
  return {
    ...pr,
    author: identities.resolve(pr.author),
    ...(pr.mergedBy ? { mergedBy: identities.resolve(pr.mergedBy) } : {}),
    commits: pr.commits.map(c => resolveCommit(c, identities)),
    reviews: pr.reviews.map(r => ({
      ...r,
      reviewer: identities.resolve(r.reviewer),
    })),
  };
}

/** GitHub Issues tickets and GitHub's approvals (deployment reviews, labels) name GitHub accounts. */
const onGithub = (systemOrSource: string): AccountSystem =>
  systemOrSource.startsWith('github') ? 'github' : 'other';

export function resolveTicket(
  ticket: TicketEvidence,
  identities: IdentityResolver,
): TicketEvidence {
  return {
    ...ticket,
    ...(ticket.requester
      ? {
          requester: identities.resolve(
            ticket.requester,
            onGithub(ticket.system),
          ),
        }
      : {}),
    statusHistory: ticket.statusHistory.map(change => ({
      ...change,
      actor: identities.resolve(change.actor, onGithub(ticket.system)),
    })),
  };
}

export function resolveApproval(
  approval: ApprovalEvidence,
  identities: IdentityResolver,
): ApprovalEvidence {
  return {
    ...approval,
    approver: identities.resolve(approval.approver, onGithub(approval.source)),
  };
}
