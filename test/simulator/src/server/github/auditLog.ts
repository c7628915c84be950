import { Organisation } from '../../model';

/**
 * The organisation audit log entries GitHub writes when an administrator merges past a branch
 * protection rule (`protected_branch.policy_override`). GitHub records an admin override only
 * here, not on the pull request, so a compliance sync reads it from
 * `GET /orgs/{org}/audit-log?phrase=action:protected_branch.policy_override`.
 */
export function policyOverrides(organisation: Organisation, org: string) {
  return organisation.repositories
    .filter(repo => repo.owner.toLowerCase() === org.toLowerCase())
    .flatMap(repo =>
      repo.pullRequests
        .filter(pr => pr.adminOverride && pr.mergedAt)
        .map(pr => {
          const at = Date.parse(pr.mergedAt!);
          return {
            '@timestamp': at,
            created_at: at,
            _document_id: `override-${repo.name}-${pr.number}`,
            action: 'protected_branch.policy_override',
            actor: pr.mergedBy ?? pr.author,
            org: repo.owner,
            repo: `${repo.owner}/${repo.name}`,
            branch: pr.baseBranch,
            pull_request_id: pr.number,
            pull_request_url: `https://github.example/${repo.owner}/${repo.name}/pull/${pr.number}`,
            overridden_codes: ['required_approving_review_count'],
          };
        }),
    )
    .sort((a, b) => b.created_at - a.created_at);
}

/** `phrase` as the audit log search reads it; the simulator knows `action:` and `repo:` terms. */
export function matchesPhrase(
  entry: { action: string; repo: string },
  phrase: string | undefined,
): boolean {
  if (!phrase) return true;
  return phrase
    .split(/\s+/)
    .filter(Boolean)
    .every(term => {
      const [key, value] = term.split(':', 2);
      // `action:protected_branch` finds the whole category, `action:protected_branch.create` one.
      if (key === 'action') {
        return entry.action === value || entry.action.startsWith(`${value}.`);
      }
      if (key === 'repo')
        return entry.repo.toLowerCase() === value?.toLowerCase();
      return true;
    });
}
