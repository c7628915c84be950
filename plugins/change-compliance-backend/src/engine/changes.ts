import { EvidenceRef } from '@change-compliance/plugin-change-compliance-common';
import { Actor, ChangeEvidence, CommitEvidence } from './evidence';
import { TicketProjectPolicy } from '../policy/ChangePolicy';
import { extractTicketReferences, ReferenceSource } from './ticketReferences';

/** The stable reference of a change, as evidence refs and exports name it. */
export function changeRef(change: ChangeEvidence): EvidenceRef {
  return change.kind === 'pull-request'
    ? `pr:${change.pullRequest.repository}#${change.pullRequest.number}`
    : `commit:${change.repository}@${change.commit.sha}`;
}

/** Everyone who authored the change: the PR author and every commit's author and co-authors. */
export function changeAuthors(change: ChangeEvidence): Actor[] {
  const commits =
    change.kind === 'pull-request'
      ? change.pullRequest.commits
      : [change.commit];
  const authors = commits.flatMap(c => [c.author, ...c.coAuthors]);
  return change.kind === 'pull-request'
    ? [change.pullRequest.author, ...authors]
    : authors;
}

export function changeCommits(change: ChangeEvidence): CommitEvidence[] {
  return change.kind === 'pull-request'
    ? change.pullRequest.commits
    : [change.commit];
}

/** Files the change touched; undefined when the provider could not tell. */
export function changedFiles(change: ChangeEvidence): string[] | undefined {
  if (change.kind === 'pull-request') {
    return change.pullRequest.changedFiles;
  }
  return change.commit.changedFiles;
}

/** The texts ticket references are read from: PR title, body, head branch and commit messages. */
export function referenceSources(change: ChangeEvidence): ReferenceSource[] {
  const commits: ReferenceSource[] = changeCommits(change).map(c => ({
    kind: 'commit',
    text: c.message,
  }));
  if (change.kind === 'direct') return commits;
  const pr = change.pullRequest;
  return [
    { kind: 'title', text: pr.title },
    { kind: 'body', text: pr.body ?? '' },
    { kind: 'branch', text: pr.headBranch },
    ...commits,
  ];
}

/** The keys of the tickets a change names, in the given projects, each once. */
export function changeTicketKeys(
  change: ChangeEvidence,
  projects: TicketProjectPolicy[],
  repository: string,
): string[] {
  return extractTicketReferences(referenceSources(change), projects, {
    repository,
  });
}
