import { CommitGraph } from '../engine/changeSet';

/**
 * Tells which branches contain a commit: those whose head has it among its ancestors. Each
 * branch's ancestry is walked once and kept, since one evaluation run asks for many commits.
 */
export class BranchContainment {
  private readonly ancestry = new Map<string, Set<string>>();
  /** The branch names in order, sorted once rather than for each of thousands of commits asked. */
  private readonly branches: string[];

  constructor(
    private readonly graph: CommitGraph,
    private readonly heads: Record<string, string>,
  ) {
    this.branches = Object.keys(heads).sort();
  }

  branchesContaining(sha: string): string[] {
    return this.branches.filter(branch => this.ancestorsOf(branch).has(sha));
  }

  private ancestorsOf(branch: string): Set<string> {
    let seen = this.ancestry.get(branch);
    if (seen) return seen;
    seen = new Set<string>();
    const stack = [this.heads[branch]];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(this.graph.get(sha)?.parents ?? []));
    }
    this.ancestry.set(branch, seen);
    return seen;
  }
}
