import { Config } from '@backstage/config';
import { GITHUB_ISSUES_SYSTEM } from './issueEvidence';

/** A repository whose issues are tickets, as the policy lists it. */
export interface TicketRepository {
  /** `owner/name` as the policy spells it: the spelling of its tickets' keys. */
  slug: string;
  owner: string;
  name: string;
  /** The GitHub host it lives on. */
  host: string;
}

/** A ticket key of GitHub Issues, `owner/name#12`, as the engine writes it. */
const ISSUE_KEY =
  /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+)#([1-9][0-9]*)$/;

/**
 * The repositories whose issues are tickets: those the change management policy lists under its
 * `github-issues` ticket projects (`changeCompliance.policy.ticketProjects[].repositories`). The
 * policy is the one list: the engine reads `#12` and `owner/name#12` against it, and this module
 * reads the issues of the same repositories and no others.
 */
export class TicketRepositories {
  /**
   * From the policy in the config. A project's `url` names its GitHub Enterprise host; without
   * one, its repositories are on `defaultHost`, the host of the services' repositories.
   */
  static fromConfig(config: Config, defaultHost: string): TicketRepositories {
    const projects =
      config.getOptionalConfigArray('changeCompliance.policy.ticketProjects') ??
      [];
    const repositories: TicketRepository[] = [];
    for (const project of projects) {
      if (project.getOptionalString('system') !== GITHUB_ISSUES_SYSTEM)
        continue;
      const url = project.getOptionalString('url');
      const host = url ? new URL(url).host : defaultHost;
      for (const slug of project.getOptionalStringArray('repositories') ?? []) {
        const [owner, name] = slug.split('/');
        repositories.push({ slug, owner, name, host });
      }
    }
    return new TicketRepositories(repositories);
  }

  private readonly bySlug = new Map<string, TicketRepository>();

  constructor(repositories: TicketRepository[]) {
    // GitHub matches repository names without regard to case; the first spelling listed stays.
    for (const repository of repositories) {
      const folded = repository.slug.toLowerCase();
      if (!this.bySlug.has(folded)) this.bySlug.set(folded, repository);
    }
  }

  list(): TicketRepository[] {
    return [...this.bySlug.values()];
  }

  has(slug: string): boolean {
    return this.bySlug.has(slug.toLowerCase());
  }

  /** The listed repository and issue number a ticket key names; undefined for any other key. */
  issueOf(
    key: string,
  ): { repository: TicketRepository; number: number } | undefined {
    const match = ISSUE_KEY.exec(key.trim());
    const repository =
      match && this.bySlug.get(`${match[1]}/${match[2]}`.toLowerCase());
    return repository ? { repository, number: Number(match[3]) } : undefined;
  }

  /** The key of an issue of a listed repository, with the policy's spelling. */
  keyOf(repository: TicketRepository, number: number): string {
    return `${repository.slug}#${number}`;
  }
}
