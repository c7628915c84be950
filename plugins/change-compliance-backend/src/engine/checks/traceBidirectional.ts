import { canonicalTicketKey } from '../ticketReferences';
import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { changeCommits } from '../changes';
import { ChangeContext } from '../ChangeContext';
import { TicketEvidence } from '../evidence';

/** The identifiers by which a ticket may point back at this change or deployment. */
function backLinkTargets(ctx: ChangeContext): {
  urls: string[];
  shas: string[];
  ids: string[];
} {
  const { deployment } = ctx.input;
  const ids = [deployment.id, deployment.id.split('/').slice(1).join('/')];
  const shas = changeCommits(ctx.change).map(c => c.sha.toLowerCase());
  if (ctx.change.kind === 'direct') {
    return { urls: [], shas, ids };
  }
  const pr = ctx.change.pullRequest;
  if (pr.mergeCommitSha) shas.push(pr.mergeCommitSha.toLowerCase());
  const urls = [
    `${pr.repository}#${pr.number}`,
    `${pr.repository}/pull/${pr.number}`,
  ];
  if (pr.url) urls.push(pr.url);
  return { urls: urls.map(u => u.toLowerCase()), shas, ids };
}

/**
 * Whether a link names a target (`owner/repo#42`, `owner/repo/pull/42`, the PR's URL): the target
 * ends the link or is followed by `/`, and is not the tail of a longer name. Without the second
 * rule `acme-northwind/payments-api#42`, a PR of another owner, would name
 * `northwind/payments-api#42`.
 */
function namesTarget(link: string, target: string): boolean {
  for (
    let at = link.indexOf(target);
    at >= 0;
    at = link.indexOf(target, at + 1)
  ) {
    const end = at + target.length;
    const startsName = at === 0 || !/[A-Za-z0-9_.-]/.test(link[at - 1]);
    if (startsName && (end === link.length || link[end] === '/')) return true;
  }
  return false;
}

function linksBack(ctx: ChangeContext, ticket: TicketEvidence): boolean {
  const { urls, shas, ids } = backLinkTargets(ctx);
  return ticket.links.some(raw => {
    const link = raw.trim().toLowerCase();
    if (urls.some(u => namesTarget(link, u))) return true;
    // A SHA counts when one is a prefix of the other and at least 7 characters are compared.
    if (
      /^[0-9a-f]{7,64}$/.test(link) &&
      shas.some(s => s.startsWith(link) || link.startsWith(s))
    ) {
      return true;
    }
    return ids.some(id => id !== '' && link === id.toLowerCase());
  });
}

/**
 * `trace.bidirectional`: the link holds from the ticket side too: a linked ticket references the
 * PR, a commit or the deployment, or the deployment record lists the ticket.
 */
export function checkTraceBidirectional(ctx: ChangeContext): CheckResult {
  const base = { checkId: 'trace.bidirectional' as const };
  if (ctx.linkedTickets.length === 0) {
    return {
      ...base,
      status: 'fail',
      reason: 'No linked ticket, so there is nothing to trace back from.',
      evidenceRefs: [ctx.ref],
    };
  }
  const listedByDeployment = ctx.linkedTickets.filter(t =>
    ctx.input.deployment.ticketKeys.some(k => canonicalTicketKey(k) === t.key),
  );
  const linkingBack = ctx.linkedTickets.filter(t => linksBack(ctx, t));
  const refs = [
    ctx.ref,
    ...ctx.linkedTickets.map(t => `ticket:${t.system}/${t.key}`),
  ];
  if (linkingBack.length > 0) {
    return {
      ...base,
      status: 'pass',
      reason: `${linkingBack.map(t => t.key).join(', ')} link${
        linkingBack.length === 1 ? 's' : ''
      } back to this change.`,
      evidenceRefs: refs,
    };
  }
  if (listedByDeployment.length > 0) {
    return {
      ...base,
      status: 'pass',
      reason: `The deployment record lists ${listedByDeployment
        .map(t => t.key)
        .join(', ')}.`,
      evidenceRefs: [...refs, `deployment:${ctx.input.deployment.id}`],
    };
  }
  return {
    ...base,
    status: 'fail',
    reason: `${ctx.linkedTickets
      .map(t => t.key)
      .join(
        ', ',
      )} do not link back to the PR, its commits or the deployment; link the PR from the ticket.`,
    evidenceRefs: refs,
  };
}
