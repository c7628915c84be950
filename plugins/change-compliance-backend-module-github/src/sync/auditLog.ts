import { Octokit } from '@octokit/rest';

export interface ProtectionHistory {
  /** PRs an administrator merged past the branch rules. */
  overrides: Set<number>;
  /** Whether the protection itself changed since the window's start. */
  protectionChanged: boolean;
}

/**
 * What the organisation's audit log says about a repository's branch protection: the PRs an
 * administrator merged past the rules (`protected_branch.policy_override`, recorded nowhere
 * else) and whether the protection itself changed in the window. `undefined` when the audit log
 * cannot be read (a personal account, or a token without access): then nothing is known about
 * overrides, and the protection's past is not assumed.
 */
export async function readProtectionHistory(
  octokit: Octokit,
  slug: string,
  windowStart: string,
): Promise<ProtectionHistory | undefined> {
  const [org] = slug.split('/');
  let entries: {
    action?: string;
    created_at?: number;
    pull_request_id?: number;
  }[];
  try {
    entries = await octokit.paginate('GET /orgs/{org}/audit-log', {
      org,
      phrase: `action:protected_branch repo:${slug}`,
      per_page: 100,
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    // Only "no audit log here / not allowed": anything else fails the sync, so that a passing
    // outage cannot hide an override.
    if (status === 403 || status === 404) return undefined;
    throw error;
  }
  const overrides = new Set<number>();
  let protectionChanged = false;
  for (const entry of entries) {
    if (entry.action === 'protected_branch.policy_override') {
      if (typeof entry.pull_request_id === 'number') {
        overrides.add(entry.pull_request_id);
      }
    } else if (
      entry.created_at === undefined ||
      new Date(entry.created_at).toISOString() >= windowStart
    ) {
      protectionChanged = true;
    }
  }
  return { overrides, protectionChanged };
}
