import { ResponseError } from '@backstage/errors';
import {
  DeploymentDetail,
  DeploymentPage,
  DeploymentTrace,
  GroupSummary,
  RepositoryEvidence,
  ServiceSummary,
  SourcesResponse,
} from '../api';
import {
  AuditPopulation,
  AuditReviewRequest,
  AuditSample,
  AuditSampleRequest,
  AuditSampleSummary,
  AuditScope,
} from '../audit';
import { CheckId, DeploymentVerdict } from '../checks';
import { HealthResponse } from '../health';

/**
 * The two things the client needs from its host, shaped like Backstage's DiscoveryApi and
 * FetchApi (frontend) and DiscoveryService plus an authenticated fetch (backend), so both can pass
 * theirs without this package depending on either.
 * @public
 */
export interface ChangeComplianceClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/** A period: `from` inclusive, `to` exclusive, both ISO-8601. @public */
export interface Period {
  from?: string;
  to?: string;
}

/** @public */
export interface DeploymentQuery extends Period {
  page?: number;
  pageSize?: number;
  environment?: string;
  verdict?: DeploymentVerdict;
  /** Only deployments where this check failed. */
  check?: CheckId;
}

/** Entity refs are `kind:namespace/name`; the API takes them as path segments. */
function entityPath(entityRef: string): string {
  const match = entityRef.match(/^([^:]+):([^/]+)\/(.+)$/);
  if (!match) {
    throw new TypeError(
      `Expected a full entity ref (kind:namespace/name), got ${entityRef}`,
    );
  }
  return match.slice(1).map(encodeURIComponent).join('/');
}

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Typed client of the Change Compliance REST API (see the backend's `src/schema/openapi.yaml`).
 * @public
 */
export class ChangeComplianceClient {
  constructor(private readonly options: ChangeComplianceClientOptions) {}

  getHealth(): Promise<HealthResponse> {
    return this.get('/health');
  }

  getPolicy(): Promise<Record<string, unknown>> {
    return this.get('/policy');
  }

  /** When each evidence source last synced, how far, and its last error. */
  getSources(): Promise<SourcesResponse> {
    return this.get('/sources');
  }

  getServiceSummary(
    entityRef: string,
    period: Period = {},
  ): Promise<ServiceSummary> {
    return this.get(
      `/entities/${entityPath(entityRef)}/summary${queryString(period)}`,
    );
  }

  /** The repository a service's changes come from, and its branch protection over time. */
  getRepositoryEvidence(entityRef: string): Promise<RepositoryEvidence> {
    return this.get(`/entities/${entityPath(entityRef)}/repository`);
  }

  getServiceDeployments(
    entityRef: string,
    query: DeploymentQuery = {},
  ): Promise<DeploymentPage> {
    return this.get(
      `/entities/${entityPath(entityRef)}/deployments${queryString(query)}`,
    );
  }

  /** The rollup of a group (`group:namespace/name`) over the services it and its sub-groups own. */
  getGroupSummary(
    groupRef: string,
    period: Period = {},
  ): Promise<GroupSummary> {
    const match = groupRef.match(/^group:([^/]+)\/(.+)$/);
    if (!match) {
      throw new TypeError(
        `Expected a group ref (group:namespace/name), got ${groupRef}`,
      );
    }
    const path = match.slice(1).map(encodeURIComponent).join('/');
    return this.get(`/groups/${path}/summary${queryString(period)}`);
  }

  getDeployment(deploymentId: string): Promise<DeploymentDetail> {
    return this.get(deploymentPath(deploymentId));
  }

  /** The stored evidence behind a deployment's verdict: its PRs, commits, tickets, approvals. */
  getDeploymentTrace(deploymentId: string): Promise<DeploymentTrace> {
    return this.get(`${deploymentPath(deploymentId)}/trace`);
  }

  /** The production deployments of a period and scope, counted by stratum (testing step 3). */
  getAuditPopulation(scope: AuditScope): Promise<AuditPopulation> {
    return this.get(`/audit/population${auditScopeQuery(scope)}`);
  }

  /** Draws and stores a stratified sample; needs the audit permission. */
  drawAuditSample(request: AuditSampleRequest): Promise<AuditSample> {
    return this.send('POST', '/audit/samples', request);
  }

  /** The samples drawn so far, newest first. */
  listAuditSamples(): Promise<{ samples: AuditSampleSummary[] }> {
    return this.get('/audit/samples');
  }

  getAuditSample(sampleId: string): Promise<AuditSample> {
    return this.get(`/audit/samples/${encodeURIComponent(sampleId)}`);
  }

  /** Marks a sampled deployment as reviewed, with the auditor's conclusion and note. */
  reviewAuditSampleItem(
    sampleId: string,
    deploymentId: string,
    review: AuditReviewRequest,
  ): Promise<AuditSample> {
    return this.send(
      'PUT',
      `/audit/samples/${encodeURIComponent(sampleId)}/items${deploymentPath(
        deploymentId,
      ).slice('/deployments'.length)}/review`,
      review,
    );
  }

  /**
   * The evidence package of a sample: one zip archive with CSV, JSON, a printable HTML report
   * and a `SHA256SUMS` manifest of every other file in it.
   */
  async exportAuditSample(sampleId: string): Promise<Blob> {
    const response = await this.request(
      `/audit/samples/${encodeURIComponent(sampleId)}/export`,
    );
    return response.blob();
  }

  private async get<T>(path: string): Promise<T> {
    return (await (await this.request(path)).json()) as T;
  }

  private async send<T>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
  ): Promise<T> {
    const response = await this.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'change-compliance',
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** A scope as query parameters: `from`, `to`, and each ref list repeated (`?services=a&services=b`). */
function auditScopeQuery(scope: AuditScope): string {
  const params = new URLSearchParams({ from: scope.from, to: scope.to });
  for (const key of ['systems', 'groups', 'services'] as const) {
    for (const ref of scope[key] ?? []) params.append(key, ref);
  }
  return `?${params.toString()}`;
}

/** `/deployments/<source>/<externalId>`, the external id encoded whole (it may hold a slash). */
function deploymentPath(deploymentId: string): string {
  const slash = deploymentId.indexOf('/');
  if (slash <= 0) {
    throw new TypeError(
      `Expected a deployment id (source/externalId), got ${deploymentId}`,
    );
  }
  const source = encodeURIComponent(deploymentId.slice(0, slash));
  const externalId = encodeURIComponent(deploymentId.slice(slash + 1));
  return `/deployments/${source}/${externalId}`;
}
