import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  ArtifactProvenance,
  ArtifactSource,
  DEFAULT_RETRY_POLICY,
  EvidenceSink,
  SyncOutcome,
} from '@change-compliance/plugin-change-compliance-node';
import { attestationsResponseSchema } from './attestationsResponse';
import { TrustedKey } from './dsse';
import { provenanceOf } from './provenanceOf';

export const GITHUB_ATTESTATIONS_ID = 'github-attestations';

/** owner/name as GitHub allows them: no dot segments, nothing that would leave `/repos/`. */
const REPOSITORY_SLUG =
  /^(?!\.\.?\/)[A-Za-z0-9_.-]+\/(?!\.\.?$)[A-Za-z0-9_.-]+$/;
/** The id under which the reads are scheduled. */
export const GITHUB_ATTESTATIONS_TASK = 'change-compliance-github-attestations';

export interface GithubAttestationSourceOptions {
  integrations: ScmIntegrationRegistry;
  credentials: GithubCredentialsProvider;
  /** The `integrations.github[].host` the services' repositories are on. */
  host: string;
  /** Public keys trusted to sign build provenance. */
  keys: TrustedKey[];
  logger: LoggerService;
  scheduler?: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  now?: () => Date;
  /** One request's time limit (default: every module's, 30 s). */
  timeoutMs?: number;
}

/**
 * Build provenance from GitHub's artifact attestations: for every image digest a deployment
 * carries or a cluster runs and the store has no provenance for, the attestations the service's
 * repository holds for it, each statement's source commit, and whether its signature verifies
 * with a configured key. Services that gained provenance are evaluated again.
 */
export class GithubAttestationSource implements ArtifactSource {
  readonly id = GITHUB_ATTESTATIONS_ID;
  private sink?: EvidenceSink;

  constructor(private readonly options: GithubAttestationSourceOptions) {}

  /** With the credentials of the portal's `integrations.github` entry for `host`. */
  static fromConfig(
    config: Config,
    options: Omit<
      GithubAttestationSourceOptions,
      'integrations' | 'credentials'
    >,
  ): GithubAttestationSource {
    const integrations = ScmIntegrations.fromConfig(config);
    if (!integrations.github.byHost(options.host)) {
      throw new Error(
        `changeCompliance.provenance.githubAttestations.host ${options.host} has no integrations.github entry`,
      );
    }
    return new GithubAttestationSource({
      ...options,
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    });
  }

  async connect(sink: EvidenceSink): Promise<void> {
    this.sink = sink;
    const { scheduler, schedule } = this.options;
    if (!scheduler || !schedule) return;
    await scheduler.scheduleTask({
      id: GITHUB_ATTESTATIONS_TASK,
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.syncAll();
      },
    });
  }

  /** Reads the provenance of every digest that has none yet. */
  async syncAll(): Promise<SyncOutcome> {
    const sink = this.sink;
    if (!sink)
      throw new Error('The GitHub attestation source is not connected');
    const startedAt = this.now().toISOString();
    const repositories = new Map(
      (await sink.listServices()).flatMap(s =>
        s.repositorySlug ? [[s.entityRef, s.repositorySlug] as const] : [],
      ),
    );
    const wanted = (await sink.listArtifactDigests()).filter(
      d => !d.provenanceKnown && repositories.has(d.serviceRef),
    );
    const found: ArtifactProvenance[] = [];
    const services = new Set<string>();
    const failures: string[] = [];
    for (const { serviceRef, digest } of wanted) {
      try {
        const statements = await this.read(
          repositories.get(serviceRef)!,
          digest,
        );
        found.push(...statements);
        if (statements.length > 0) services.add(serviceRef);
      } catch (error) {
        failures.push(`${digest}: ${(error as Error).message}`);
      }
    }
    if (found.length > 0) await sink.upsertProvenance(found);
    const outcome: SyncOutcome =
      failures.length === 0
        ? {
            provider: this.id,
            scope: this.options.host,
            startedAt,
            finishedAt: this.now().toISOString(),
            result: 'success',
            cursor: startedAt,
            itemsSynced: found.length,
          }
        : {
            provider: this.id,
            scope: this.options.host,
            startedAt,
            finishedAt: this.now().toISOString(),
            result: 'failure',
            error: `${failures.length} of ${wanted.length} digests unread; first: ${failures[0]}`,
          };
    await sink.recordSync(outcome);
    if (services.size > 0) {
      await sink.requestEvaluation(
        [...services].sort(),
        `build provenance read from ${this.id}`,
      );
    }
    this.options.logger.info(
      `GitHub attestations: ${found.length} provenance statements for ${wanted.length} digests without one`,
    );
    return outcome;
  }

  /** The provenance statements a repository's attestations hold for one digest. */
  private async read(
    repository: string,
    digest: string,
  ): Promise<ArtifactProvenance[]> {
    const integration = this.options.integrations.github.byHost(
      this.options.host,
    );
    if (!integration) {
      throw new Error(
        `integrations.github has no entry for ${this.options.host}`,
      );
    }
    // The slug comes from a catalog annotation: it may name a repository, nothing else on the host.
    if (!REPOSITORY_SLUG.test(repository)) {
      throw new Error(
        `'${repository}' is not a GitHub repository (owner/name)`,
      );
    }
    const { headers } = await this.options.credentials.getCredentials({
      url: `https://${this.options.host}/${repository}`,
    });
    const apiBaseUrl =
      integration.config.apiBaseUrl ?? 'https://api.github.com';
    const response = await fetch(
      `${apiBaseUrl}/repos/${repository}/attestations/${encodeURIComponent(
        digest,
      )}`,
      {
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...headers,
        },
        // Without a limit, one request GitHub never answers would hold the sync, and every
        // later one of this global task, for ever.
        signal: AbortSignal.timeout(
          this.options.timeoutMs ?? DEFAULT_RETRY_POLICY.timeoutMs,
        ),
      },
    );
    // None attested: GitHub answers 404 for a digest it holds no attestation of.
    if (response.status === 404) return [];
    if (!response.ok) {
      throw new Error(`GitHub answered ${response.status} for ${repository}`);
    }
    const body = attestationsResponseSchema.parse(await response.json());
    const fetchedAt = this.now().toISOString();
    return body.attestations.flatMap(
      attestation =>
        provenanceOf(attestation, {
          digest,
          source: this.id,
          keys: this.options.keys,
          fetchedAt,
        }) ?? [],
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
