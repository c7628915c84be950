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

/** `system`: where the repository's accounts live (GitHub, or another host such as GitLab). */
export function resolveCommit(
  commit: CommitEvidence,
  identities: IdentityResolver,
  system: AccountSystem = 'github',
): CommitEvidence {
  return {
    ...commit,
    author: identities.resolve(commit.author, system),
    coAuthors: commit.coAuthors.map(a => identities.resolve(a, system)),
    ...(commit.committer
      ? { committer: identities.resolve(commit.committer, system) }
      : {}),
    ...(commit.pushedBy
      ? { pushedBy: identities.resolve(commit.pushedBy, system) }
      : {}),
  };
}

export function resolvePullRequest(
  pr: PullRequestEvidence,
  identities: IdentityResolver,
  system: AccountSystem = 'github',
): PullRequestEvidence {
  return {
    ...pr,
    author: identities.resolve(pr.author, system),
    ...(pr.mergedBy
      ? { mergedBy: identities.resolve(pr.mergedBy, system) }
      : {}),
    commits: pr.commits.map(c => resolveCommit(c, identities, system)),
    reviews: pr.reviews.map(r => ({
      ...r,
      reviewer: identities.resolve(r.reviewer, system),
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
