import {
  Issue,
  IssueTimelineEvent,
  PullRequest,
  Repository,
  repositorySlug,
} from '../model';
import { ScenarioIssue } from './schema';

/**
 * A repository's issues as GitHub would hold them: the timeline in time order (label events,
 * mentions by PRs, Development-sidebar links), the labels the issue carries after it, and its
 * `updatedAt`. `repositories` are every repository of the organisation, already built: a PR in
 * another one may reference the issue. `meet` registers each person the issues name.
 */
export function buildIssues(
  slug: string,
  specs: ScenarioIssue[],
  repositories: Repository[],
  meet: (login: string) => void,
): Issue[] {
  const pullRequest = (repository: string, number: number): PullRequest => {
    const found = repositories
      .find(r => repositorySlug(r).toLowerCase() === repository.toLowerCase())
      ?.pullRequests.find(pr => pr.number === number);
    if (!found) {
      throw new Error(
        `${slug}: an issue is referenced by ${repository}#${number}, which is no pull request of the scenario`,
      );
    }
    return found;
  };
  const own = repositories.find(r => repositorySlug(r) === slug);
  return specs
    .map(spec => {
      // GitHub numbers a repository's issues and pull requests in one sequence.
      if (own?.pullRequests.some(pr => pr.number === spec.number)) {
        throw new Error(
          `${slug}: issue ${spec.number} has the number of a pull request`,
        );
      }
      meet(spec.author);
      const timeline: IssueTimelineEvent[] = spec.labels.map(event => {
        meet(event.actor);
        return {
          kind: event.action === 'added' ? 'labeled' : 'unlabeled',
          label: event.label,
          actor: event.actor,
          at: event.at,
        };
      });
      for (const reference of spec.referencedBy) {
        const repository = reference.repository ?? slug;
        const pr = pullRequest(repository, reference.pullRequest);
        const source = { repository, number: pr.number };
        const actor = reference.by ?? pr.author;
        const at = reference.at ?? pr.createdAt;
        meet(actor);
        if (reference.connected) {
          timeline.push({ kind: 'connected', pullRequest: source, actor, at });
          if (reference.disconnectedAt) {
            timeline.push({
              kind: 'disconnected',
              pullRequest: source,
              actor,
              at: reference.disconnectedAt,
            });
          }
        } else {
          timeline.push({
            kind: 'cross-referenced',
            source,
            willClose: reference.closes,
            actor,
            at,
          });
        }
      }
      timeline.sort((a, b) => a.at.localeCompare(b.at));
      const labels = new Set<string>();
      for (const event of timeline) {
        if (event.kind === 'labeled') labels.add(event.label);
        if (event.kind === 'unlabeled') labels.delete(event.label);
      }
      const times = [
        spec.createdAt,
        ...timeline.map(e => e.at),
        ...(spec.closedAt ? [spec.closedAt] : []),
      ].sort();
      return {
        number: spec.number,
        title: spec.title,
        body: spec.body,
        author: spec.author,
        createdAt: spec.createdAt,
        updatedAt: times[times.length - 1],
        state: spec.closedAt ? ('closed' as const) : ('open' as const),
        ...(spec.closedAt ? { closedAt: spec.closedAt } : {}),
        labels: [...labels],
        timeline,
      };
    })
    .sort((a, b) => a.number - b.number);
}
