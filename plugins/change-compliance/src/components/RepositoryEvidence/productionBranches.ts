import { minimatch } from 'minimatch';
import {
  BranchProtectionRecord,
  RepositoryEvidence,
} from '@change-compliance/plugin-change-compliance-common';

/** A branch production may be deployed from, with every recorded protection of it, oldest first. */
export interface ProductionBranch {
  branch: string;
  records: BranchProtectionRecord[];
}

/** The policy's placeholder for the repository's default branch. */
const DEFAULT_BRANCH = '$default';

/**
 * A branch glob as the policy writes it: `*` stays within one path segment, `**` crosses them,
 * `?` is one character (minimatch, as the backend reads the policy's globs).
 */
export function branchGlobMatches(glob: string, branch: string): boolean {
  return minimatch(branch, glob, { dot: true });
}

function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * The branches whose protection matters to the audit: the default branch for `$default`, each
 * named branch even if nothing is recorded of it (a missing record is itself a finding), and each
 * recorded branch a glob matches.
 */
export function productionBranches(
  evidence: RepositoryEvidence,
): ProductionBranch[] {
  const recorded = new Map<string, BranchProtectionRecord[]>();
  for (const record of evidence.protection) {
    const records = recorded.get(record.branch) ?? [];
    records.push(record);
    recorded.set(record.branch, records);
  }
  const names: string[] = [];
  const add = (branch: string) => {
    if (!names.includes(branch)) names.push(branch);
  };
  for (const pattern of evidence.productionBranches) {
    if (pattern === DEFAULT_BRANCH) {
      if (evidence.defaultBranch) add(evidence.defaultBranch);
    } else if (isGlob(pattern)) {
      [...recorded.keys()]
        .filter(branch => branchGlobMatches(pattern, branch))
        .sort()
        .forEach(add);
    } else {
      add(pattern);
    }
  }
  return names.map(branch => ({
    branch,
    // Sorted here as well, so that "in force" is the latest whatever order the records came in.
    records: [...(recorded.get(branch) ?? [])].sort(
      (a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt),
    ),
  }));
}
