import ignore from 'ignore';

/**
 * A repository's CODEOWNERS, for `review.qualified`: who owns each changed path. CODEOWNERS uses
 * gitignore's pattern syntax (a leading `/` anchors at the root, a trailing `/` means everything
 * below, a pattern without `/` matches at any depth) and the last matching line wins; the `ignore`
 * library implements that syntax, one matcher per line.
 */
export class CodeOwners {
  private readonly rules: {
    matches: (path: string) => boolean;
    owners: string[];
  }[];

  static parse(text: string | undefined): CodeOwners | undefined {
    return text === undefined ? undefined : new CodeOwners(text);
  }

  private constructor(text: string) {
    this.rules = text
      .split('\n')
      .map(line => line.replace(/(^|\s)#.*$/, '').trim())
      .filter(line => line.length > 0)
      .flatMap(line => {
        const [pattern, ...owners] = line.split(/\s+/);
        // A pattern gitignore rejects (e.g. `\#`) matches nothing rather than failing the sync.
        try {
          const matcher = ignore().add(pattern);
          return [
            {
              matches: (path: string) => matcher.ignores(path),
              owners,
            },
          ];
        } catch {
          return [];
        }
      });
  }

  /**
   * The owners of a path, as GitHub logins (`@alice` → `alice`). Team owners (`@org/team`) stay as
   * written: GitHub does not say who is in a team without an organisation read per team, so a
   * team member qualifies through the catalog (owning or listed group) instead.
   */
  ownersOf(path: string): string[] {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      if (this.rules[i].matches(path)) {
        return this.rules[i].owners.map(owner =>
          owner.startsWith('@') && !owner.includes('/')
            ? owner.slice(1)
            : owner,
        );
      }
    }
    return [];
  }

  /** The owners of each path, for the paths a PR changed. */
  byPath(paths: string[]): Record<string, string[]> {
    return Object.fromEntries(paths.map(path => [path, this.ownersOf(path)]));
  }
}
