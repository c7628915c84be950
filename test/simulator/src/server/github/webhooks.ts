import { createHmac, randomUUID } from 'node:crypto';
import { components } from '@octokit/openapi-types';
import {
  BranchProtection,
  Deployment,
  DeploymentReview,
  DeploymentStatus,
  PullRequest,
  Repository,
  Review,
  repositorySlug,
} from '../../model';
import { SimulatorContext } from '../context';
import {
  Rendering,
  SimpleUser,
  deployment,
  deploymentStatus,
  githubTime,
  nodeId,
  ownerUser,
  pullRequest,
  pullRequestReview,
  pullRequestSimple,
  rendering,
  repository,
  simpleUser,
  stableId,
} from './representations';

/*
 * GitHub webhook deliveries built from the organisation model, so that the product's webhook
 * receiver can be driven with the same history the REST API serves. Payloads are GitHub's own
 * webhook schemas; nested objects reuse the REST representations, as GitHub's payloads do.
 */

type Schemas = components['schemas'];

/** An event name (the `X-GitHub-Event` header) with its payload. */
export interface WebhookEvent<Name extends string, Payload> {
  event: Name;
  payload: Payload;
}

/** Webhook payloads narrow a user's `type` to the three kinds of account. */
type AccountType = 'Bot' | 'User' | 'Organization';
type WebhookUser = Omit<SimpleUser, 'type' | 'gravatar_id' | 'name'> & {
  type: AccountType;
  gravatar_id: string;
  name?: string;
};

function webhookUser(user: SimpleUser): WebhookUser {
  const { name, type, gravatar_id, ...rest } = user;
  return {
    ...rest,
    type: type === 'Bot' || type === 'Organization' ? type : 'User',
    gravatar_id: gravatar_id ?? '',
    ...(name ? { name } : {}),
  };
}

function organization(
  r: Rendering,
  login: string,
): Schemas['organization-simple-webhooks'] {
  const url = r.api(`/orgs/${login}`);
  const id = stableId(`org:${login}`);
  return {
    login,
    id,
    node_id: nodeId('Organization', id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.github.example/u/${id}?v=4`,
    description: null,
  };
}

/** The repository as payloads nest it inside other objects, where timestamps are never null. */
function webhookRepository(r: Rendering, repo: Repository) {
  const rest = repository(r, repo);
  const created = githubTime(repo.createdAt);
  return {
    ...rest,
    owner: webhookUser(ownerUser(r, repo.owner)),
    created_at: created,
    updated_at: rest.updated_at ?? created,
    pushed_at: rest.pushed_at ?? created,
    license: null,
    has_discussions: false,
    topics: [],
    visibility: 'private' as const,
  };
}

/** The fields every delivery about a repository carries. */
function envelope(r: Rendering, repo: Repository, senderLogin: string) {
  return {
    repository: repository(r, repo),
    organization: organization(r, repo.owner),
    sender: simpleUser(r, senderLogin),
  };
}

export function pullRequestClosedEvent(
  context: SimulatorContext,
  repo: Repository,
  pr: PullRequest,
): WebhookEvent<'pull_request', Schemas['webhook-pull-request-closed']> {
  const r = rendering(context);
  return {
    event: 'pull_request',
    payload: {
      action: 'closed',
      number: pr.number,
      pull_request: pullRequest(r, repo, pr),
      // Whoever merged it closed it; an unmerged PR is taken to be closed by its author.
      ...envelope(r, repo, pr.mergedBy ?? pr.author),
    },
  };
}

/**
 * `pull_request_review`. Webhooks spell the review state in lower case, where the REST API uses
 * upper case; a dismissed review's state is `dismissed` in either.
 */
export function pullRequestReviewEvent(
  context: SimulatorContext,
  repo: Repository,
  pr: PullRequest,
  review: Review,
  action: 'submitted' | 'dismissed',
): WebhookEvent<
  'pull_request_review',
  | Schemas['webhook-pull-request-review-submitted']
  | Schemas['webhook-pull-request-review-dismissed']
> {
  const r = rendering(context);
  const simple = pullRequestSimple(r, repo, pr);
  const pullRequestPayload = {
    ...simple,
    user: webhookUser(simple.user),
    head: {
      ...simple.head,
      user: webhookUser(simple.head.user!),
      repo: webhookRepository(r, repo),
    },
    base: {
      ...simple.base,
      user: webhookUser(simple.base.user!),
      repo: webhookRepository(r, repo),
    },
    active_lock_reason: null,
    assignee: null,
    milestone: null,
    auto_merge: null,
    draft: false,
    state: pr.state,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
  };
  const reviewPayload = {
    ...pullRequestReview(r, repo, pr, review),
    user: webhookUser(simpleUser(r, review.reviewer)),
    body: review.body || null,
    commit_id: review.commitId,
    submitted_at: githubTime(review.submittedAt),
  };
  if (action === 'dismissed') {
    const payload: Schemas['webhook-pull-request-review-dismissed'] = {
      action,
      review: { ...reviewPayload, state: 'dismissed' },
      pull_request: pullRequestPayload,
      // Dismissing is done by a maintainer; the model does not say who, so the PR's merger.
      ...envelope(r, repo, pr.mergedBy ?? pr.author),
    };
    return { event: 'pull_request_review', payload };
  }
  const payload: Schemas['webhook-pull-request-review-submitted'] = {
    action,
    review: { ...reviewPayload, state: review.state.toLowerCase() },
    pull_request: pullRequestPayload,
    ...envelope(r, repo, review.reviewer),
  };
  return { event: 'pull_request_review', payload };
}

/** The deployment as webhook payloads nest it: the REST shape with a narrowed creator. */
function webhookDeployment(r: Rendering, repo: Repository, d: Deployment) {
  const rest = deployment(r, repo, d);
  return {
    ...rest,
    // The webhook schema types the payload as an empty object; GitHub sends the deployment's own.
    payload: d.payload as Record<string, never>,
    original_environment: d.environment,
    creator: webhookUser(simpleUser(r, d.creator)),
    performed_via_github_app: null,
  };
}

export function deploymentCreatedEvent(
  context: SimulatorContext,
  repo: Repository,
  d: Deployment,
): WebhookEvent<'deployment', Schemas['webhook-deployment-created']> {
  const r = rendering(context);
  return {
    event: 'deployment',
    payload: {
      action: 'created',
      deployment: {
        ...webhookDeployment(r, repo, d),
        // At creation no status has been posted yet.
        updated_at: githubTime(d.createdAt),
      },
      // The model's deployments are not created by an Actions workflow the model knows.
      workflow: null,
      workflow_run: null,
      ...envelope(r, repo, d.creator),
    },
  };
}

export function deploymentStatusCreatedEvent(
  context: SimulatorContext,
  repo: Repository,
  d: Deployment,
  status: DeploymentStatus,
): WebhookEvent<
  'deployment_status',
  Schemas['webhook-deployment-status-created']
> {
  const r = rendering(context);
  const rest = deploymentStatus(r, repo, d, status);
  return {
    event: 'deployment_status',
    payload: {
      action: 'created',
      deployment_status: {
        ...rest,
        creator: webhookUser(simpleUser(r, status.creator)),
        environment: d.environment,
        target_url: rest.target_url,
        log_url: rest.log_url,
        performed_via_github_app: null,
      },
      deployment: {
        ...webhookDeployment(r, repo, d),
        updated_at: githubTime(status.createdAt),
      },
      ...envelope(r, repo, status.creator),
    },
  };
}

/**
 * The workflow run a deployment review gates. The model has no workflow runs: the deployment
 * stands for the run that created it, with the deployment's id as run id, as in
 * `GET /actions/runs/{run_id}/approvals`.
 */
function gatedWorkflowRun(
  r: Rendering,
  repo: Repository,
  d: Deployment,
  status: 'waiting' | 'in_progress' | 'completed',
  conclusion: 'failure' | null,
) {
  const slug = repositorySlug(repo);
  const url = r.api(`/repos/${slug}/actions/runs/${d.id}`);
  const creator = simpleUser(r, d.creator);
  const actor = webhookUser(creator);
  const runRepository = webhookRepository(r, repo);
  const lastReview = d.reviews.reduce(
    (latest, review) =>
      review.submittedAt > latest ? review.submittedAt : latest,
    d.createdAt,
  );
  return {
    id: d.id,
    name: `Deploy to ${d.environment}`,
    node_id: nodeId('WorkflowRun', d.id),
    head_branch: d.ref,
    head_sha: d.sha,
    path: '.github/workflows/deploy.yaml',
    display_title: d.description || `Deploy ${d.sha.slice(0, 7)}`,
    run_number: d.id,
    run_attempt: 1,
    event: 'push',
    status,
    conclusion,
    workflow_id: stableId(`workflow:${slug}:deploy`),
    check_suite_id: stableId(`check-suite:${slug}:${d.id}`),
    check_suite_node_id: nodeId(
      'CheckSuite',
      stableId(`check-suite:${slug}:${d.id}`),
    ),
    url,
    html_url: r.html(`/${slug}/actions/runs/${d.id}`),
    pull_requests: [],
    created_at: githubTime(d.createdAt),
    updated_at: githubTime(lastReview),
    run_started_at: githubTime(d.createdAt),
    actor,
    triggering_actor: actor,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: r.api(
      `/repos/${slug}/check-suites/${stableId(`check-suite:${slug}:${d.id}`)}`,
    ),
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: null,
    workflow_url: r.api(
      `/repos/${slug}/actions/workflows/${stableId(`workflow:${slug}:deploy`)}`,
    ),
    head_commit: null,
    repository: runRepository,
    head_repository: runRepository,
    referenced_workflows: [],
  };
}

function gatedJob(
  r: Rendering,
  repo: Repository,
  d: Deployment,
  status: string,
  updatedAt: string,
) {
  const id = stableId(`job:${repositorySlug(repo)}:${d.id}`);
  return {
    id,
    name: d.task,
    status,
    conclusion: null,
    environment: d.environment,
    created_at: githubTime(d.createdAt),
    updated_at: githubTime(updatedAt),
    html_url: r.html(`/${repositorySlug(repo)}/actions/runs/${d.id}/job/${id}`),
  };
}

export type DeploymentReviewPayload =
  | Schemas['webhook-deployment-review-approved']
  | Schemas['webhook-deployment-review-rejected']
  | Schemas['webhook-deployment-review-requested'];

/**
 * `deployment_review`: `requested` when the deployment waits for its environment's required
 * reviewers; `approved` or `rejected` when one of them reviewed it (pass that review).
 */
export function deploymentReviewEvent(
  context: SimulatorContext,
  repo: Repository,
  d: Deployment,
  action: 'requested' | 'approved' | 'rejected',
  review?: DeploymentReview,
): WebhookEvent<'deployment_review', DeploymentReviewPayload> {
  const r = rendering(context);
  const environmentReviewers =
    repo.environments.find(e => e.name === d.environment)?.requiredReviewers ??
    [];
  const reviewers = environmentReviewers.map(login => ({
    type: 'User' as const,
    reviewer: webhookUser(simpleUser(r, login)),
  }));
  if (action === 'requested') {
    const payload: Schemas['webhook-deployment-review-requested'] = {
      action,
      environment: d.environment,
      since: githubTime(d.createdAt),
      requestor: webhookUser(simpleUser(r, d.creator)),
      reviewers,
      workflow_job_run: gatedJob(r, repo, d, 'waiting', d.createdAt),
      workflow_run: gatedWorkflowRun(r, repo, d, 'waiting', null),
      ...envelope(r, repo, d.creator),
    };
    return { event: 'deployment_review', payload };
  }
  if (!review) {
    throw new Error(
      `A deployment_review "${action}" event needs the review it reports`,
    );
  }
  const job = gatedJob(
    r,
    repo,
    d,
    action === 'approved' ? 'queued' : 'completed',
    review.submittedAt,
  );
  const common = {
    approver: webhookUser(simpleUser(r, review.reviewer)),
    comment: review.comment,
    reviewers,
    since: githubTime(d.createdAt),
    workflow_job_run: job,
    workflow_job_runs: [job],
    workflow_run: gatedWorkflowRun(
      r,
      repo,
      d,
      action === 'approved' ? 'in_progress' : 'completed',
      action === 'approved' ? null : 'failure',
    ),
    ...envelope(r, repo, review.reviewer),
  };
  const payload: DeploymentReviewPayload =
    action === 'approved' ? { action, ...common } : { action, ...common };
  return { event: 'deployment_review', payload };
}

type EnforcementLevel = 'off' | 'non_admins' | 'everyone';

/** The branch protection as the `branch_protection_rule` webhook's `rule` describes it. */
export function branchProtectionRule(
  repo: Repository,
  p: BranchProtection,
): Schemas['webhooks_rule'] {
  // A requirement applies to everyone when administrators are included, else to non-admins.
  const enforced: EnforcementLevel = p.enforceAdmins
    ? 'everyone'
    : 'non_admins';
  return {
    id: stableId(`branch-protection-rule:${repositorySlug(repo)}:${p.branch}`),
    repository_id: stableId(`repo:${repositorySlug(repo)}`),
    name: p.branch,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pull_request_reviews_enforcement_level: enforced,
    required_approving_review_count: p.requiredApprovingReviewCount,
    dismiss_stale_reviews_on_push: p.dismissStaleReviews,
    require_code_owner_review: p.requireCodeOwnerReviews,
    require_last_push_approval: false,
    authorized_dismissal_actors_only: false,
    ignore_approvals_from_contributors: false,
    required_status_checks: p.requiredStatusChecks,
    required_status_checks_enforcement_level:
      p.requiredStatusChecks.length > 0 ? enforced : 'off',
    strict_required_status_checks_policy: false,
    signature_requirement_enforcement_level: 'off',
    linear_history_requirement_enforcement_level: 'off',
    lock_branch_enforcement_level: 'off',
    admin_enforced: p.enforceAdmins,
    // For these two, the level says who MAY force-push or delete: "off" means nobody.
    allow_force_pushes_enforcement_level: p.allowForcePushes
      ? 'everyone'
      : 'off',
    allow_deletions_enforcement_level: p.allowDeletions ? 'everyone' : 'off',
    merge_queue_enforcement_level: 'off',
    required_deployments_enforcement_level: 'off',
    required_conversation_resolution_level: 'off',
    authorized_actors_only: false,
    authorized_actor_names: [],
  };
}

/**
 * `branch_protection_rule` edited: `previous` is the protection before the edit, from which the
 * `changes` (old values of what differs) are derived.
 */
export function branchProtectionRuleEditedEvent(
  context: SimulatorContext,
  repo: Repository,
  protection: BranchProtection,
  previous: BranchProtection,
  senderLogin: string,
): WebhookEvent<
  'branch_protection_rule',
  Schemas['webhook-branch-protection-rule-edited']
> {
  const r = rendering(context);
  const rule = branchProtectionRule(repo, protection);
  const before = branchProtectionRule(repo, previous);
  const changes: Record<string, { from: unknown }> = {};
  for (const key of Object.keys(rule) as (keyof typeof rule)[]) {
    if (
      key === 'id' ||
      key === 'repository_id' ||
      key === 'name' ||
      key.endsWith('_at')
    )
      continue;
    if (JSON.stringify(rule[key]) !== JSON.stringify(before[key])) {
      changes[key] = { from: before[key] };
    }
  }
  return {
    event: 'branch_protection_rule',
    payload: {
      action: 'edited',
      rule,
      changes:
        changes as Schemas['webhook-branch-protection-rule-edited']['changes'],
      ...envelope(r, repo, senderLogin),
    },
  };
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, keyed with the webhook's secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret)
    .update(body, 'utf8')
    .digest('hex')}`;
}

export interface WebhookDeliveryOptions {
  url: string;
  secret: string;
  event: string;
  payload: unknown;
  /** For tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

/** POSTs one delivery as GitHub does and resolves with the receiver's HTTP status. */
export async function deliverWebhook(
  options: WebhookDeliveryOptions,
): Promise<number> {
  const body = JSON.stringify(options.payload);
  const send = options.fetchImpl ?? fetch;
  const response = await send(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/simulator',
      'x-github-event': options.event,
      'x-github-delivery': randomUUID(),
      'x-github-hook-installation-target-type': 'repository',
      'x-hub-signature-256': signatureOf(options.secret, body),
    },
    body,
  });
  // The body is not used, but reading it lets the connection be reused.
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}
