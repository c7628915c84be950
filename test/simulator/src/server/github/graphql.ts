import { createHash } from 'node:crypto';
import express, { Request, RequestHandler, Response } from 'express';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLFieldMap,
  GraphQLScalarType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  buildSchema,
  execute,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
  validate,
} from 'graphql';
import {
  BranchProtection,
  Commit,
  Deployment,
  DeploymentStatus,
  Environment,
  Issue,
  IssueTimelineEvent,
  PullRequest,
  PullRequestRef,
  Repository,
  repositorySlug,
} from '../../model';
import { SimulatorContext } from '../context';
import { GitHubRateLimit } from './rateLimit';
import {
  Rendering,
  combinedFiles,
  commitIndex,
  deploymentUpdatedAt,
  environmentId,
  githubTime,
  nodeId,
  perRendering,
  rendering,
  repositoryTimes,
  requiredReviewersRuleId,
  stableId,
  statusesNewestFirst,
} from './representations';

/*
 * GitHub's GraphQL API v4, as GitHub Enterprise Server serves it at `/api/graphql`: the subset of
 * GitHub's own schema a sync needs to read a repository's evidence in a few requests (a page of
 * PRs with their reviews, commits, labels and files; a branch's history; the deployments with
 * their statuses; branch protection and environment protection rules, each connection paging on
 * its own cursor), with GitHub's type and field names so that a query written against github.com
 * runs unchanged. Ids and database ids are the REST API's. Connections page with opaque cursors
 * and refuse more than 100 nodes, and errors carry GitHub's `type`, as on GitHub.
 */

const SDL = /* GraphQL */ `
  scalar DateTime
  scalar GitTimestamp
  scalar GitObjectID
  scalar URI

  type Query {
    repository(
      owner: String!
      name: String!
      followRenames: Boolean = true
    ): Repository
    rateLimit(dryRun: Boolean = false): RateLimit
    resource(url: URI!): UniformResourceLocatable
    viewer: User!
  }

  interface UniformResourceLocatable {
    resourcePath: URI!
    url: URI!
  }

  type WorkflowRun implements Node & UniformResourceLocatable {
    id: ID!
    databaseId: Int
    runNumber: Int!
    url: URI!
    resourcePath: URI!
    createdAt: DateTime!
    updatedAt: DateTime!
    deploymentReviews(
      first: Int
      after: String
      last: Int
      before: String
    ): DeploymentReviewConnection!
  }

  enum DeploymentReviewState {
    APPROVED
    REJECTED
  }

  type DeploymentReview implements Node {
    id: ID!
    databaseId: Int
    comment: String!
    state: DeploymentReviewState!
    user: User!
    environments(
      first: Int
      after: String
      last: Int
      before: String
    ): EnvironmentConnection!
  }

  type DeploymentReviewEdge {
    cursor: String!
    node: DeploymentReview
  }

  type DeploymentReviewConnection {
    edges: [DeploymentReviewEdge]
    nodes: [DeploymentReview]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type RateLimit {
    cost: Int!
    limit: Int!
    nodeCount: Int!
    remaining: Int!
    resetAt: DateTime!
    used: Int!
  }

  interface Node {
    id: ID!
  }

  interface Actor {
    login: String!
    avatarUrl(size: Int): URI!
    url: URI!
    resourcePath: URI!
  }

  interface RepositoryOwner {
    id: ID!
    login: String!
    url: URI!
  }

  type User implements Node & Actor & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    email: String!
    avatarUrl(size: Int): URI!
    url: URI!
    resourcePath: URI!
  }

  type Bot implements Node & Actor {
    id: ID!
    databaseId: Int
    login: String!
    avatarUrl(size: Int): URI!
    url: URI!
    resourcePath: URI!
  }

  type Organization implements Node & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    url: URI!
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum OrderDirection {
    ASC
    DESC
  }

  enum IssueOrderField {
    CREATED_AT
    UPDATED_AT
    COMMENTS
  }

  input IssueOrder {
    field: IssueOrderField!
    direction: OrderDirection!
  }

  enum PullRequestOrderField {
    CREATED_AT
    UPDATED_AT
  }

  input PullRequestOrder {
    field: PullRequestOrderField!
    direction: OrderDirection!
  }

  enum DeploymentOrderField {
    CREATED_AT
  }

  input DeploymentOrder {
    field: DeploymentOrderField!
    direction: OrderDirection!
  }

  enum RefOrderField {
    TAG_COMMIT_DATE
    ALPHABETICAL
  }

  input RefOrder {
    field: RefOrderField!
    direction: OrderDirection!
  }

  enum EnvironmentOrderField {
    NAME
  }

  input Environments {
    field: EnvironmentOrderField!
    direction: OrderDirection!
  }

  enum EnvironmentPinnedFilterField {
    ALL
    ONLY
    NONE
  }

  input CommitAuthor {
    id: ID
    emails: [String!]
  }

  type Repository implements Node {
    id: ID!
    databaseId: Int
    name: String!
    nameWithOwner: String!
    owner: RepositoryOwner!
    url: URI!
    isPrivate: Boolean!
    createdAt: DateTime!
    pushedAt: DateTime
    updatedAt: DateTime!
    defaultBranchRef: Ref
    ref(qualifiedName: String!): Ref
    refs(
      first: Int
      after: String
      last: Int
      before: String
      refPrefix: String!
      query: String
      orderBy: RefOrder
      direction: OrderDirection @deprecated(reason: "Use orderBy.")
    ): RefConnection
    object(expression: String, oid: GitObjectID): GitObject
    issue(number: Int!): Issue
    issues(
      first: Int
      after: String
      last: Int
      before: String
      filterBy: IssueFilters
      labels: [String!]
      orderBy: IssueOrder
      states: [IssueState!]
    ): IssueConnection!
    pullRequest(number: Int!): PullRequest
    pullRequests(
      first: Int
      after: String
      last: Int
      before: String
      states: [PullRequestState!]
      baseRefName: String
      headRefName: String
      labels: [String!]
      orderBy: IssueOrder
    ): PullRequestConnection!
    deployments(
      first: Int
      after: String
      last: Int
      before: String
      environments: [String!]
      orderBy: DeploymentOrder = { field: CREATED_AT, direction: ASC }
    ): DeploymentConnection!
    branchProtectionRules(
      first: Int
      after: String
      last: Int
      before: String
    ): BranchProtectionRuleConnection!
    environment(name: String!): Environment
    environments(
      first: Int
      after: String
      last: Int
      before: String
      names: [String!] = []
      orderBy: Environments = { field: NAME, direction: ASC }
      pinnedEnvironmentFilter: EnvironmentPinnedFilterField = ALL
    ): EnvironmentConnection!
  }

  type Ref implements Node {
    id: ID!
    name: String!
    prefix: String!
    target: GitObject
    repository: Repository!
    branchProtectionRule: BranchProtectionRule
    associatedPullRequests(
      first: Int
      after: String
      last: Int
      before: String
      states: [PullRequestState!]
      baseRefName: String
      headRefName: String
      labels: [String!]
      orderBy: IssueOrder
    ): PullRequestConnection!
  }

  type RefEdge {
    cursor: String!
    node: Ref
  }

  type RefConnection {
    edges: [RefEdge]
    nodes: [Ref]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  interface GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }

  type Blob implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    byteSize: Int!
    isBinary: Boolean
    isTruncated: Boolean!
    text: String
  }

  type GitActor {
    name: String
    email: String
    date: GitTimestamp
    user: User
  }

  type Commit implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    message: String!
    messageHeadline: String!
    messageBody: String!
    committedDate: DateTime!
    authoredDate: DateTime!
    author: GitActor
    committer: GitActor
    additions: Int!
    deletions: Int!
    changedFilesIfAvailable: Int
    url: URI!
    parents(
      first: Int
      after: String
      last: Int
      before: String
    ): CommitConnection!
    associatedPullRequests(
      first: Int
      after: String
      last: Int
      before: String
      orderBy: PullRequestOrder = { field: CREATED_AT, direction: ASC }
    ): PullRequestConnection
    history(
      first: Int
      after: String
      last: Int
      before: String
      path: String
      author: CommitAuthor
      since: GitTimestamp
      until: GitTimestamp
    ): CommitHistoryConnection!
    deployments(
      first: Int
      after: String
      last: Int
      before: String
      environments: [String!]
      orderBy: DeploymentOrder = { field: CREATED_AT, direction: ASC }
    ): DeploymentConnection
  }

  type CommitEdge {
    cursor: String!
    node: Commit
  }

  type CommitConnection {
    edges: [CommitEdge]
    nodes: [Commit]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type CommitHistoryConnection {
    edges: [CommitEdge]
    nodes: [Commit]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum DeploymentState {
    ABANDONED
    ACTIVE
    DESTROYED
    ERROR
    FAILURE
    INACTIVE
    PENDING
    QUEUED
    IN_PROGRESS
    WAITING
    SUCCESS
  }

  enum DeploymentStatusState {
    PENDING
    SUCCESS
    FAILURE
    INACTIVE
    ERROR
    QUEUED
    IN_PROGRESS
    WAITING
  }

  type Deployment implements Node {
    id: ID!
    databaseId: Int
    commit: Commit
    commitOid: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    creator: Actor!
    description: String
    environment: String
    latestEnvironment: String
    originalEnvironment: String
    latestStatus: DeploymentStatus
    payload: String
    ref: Ref
    repository: Repository!
    state: DeploymentState
    task: String
    statuses(
      first: Int
      after: String
      last: Int
      before: String
    ): DeploymentStatusConnection
  }

  type DeploymentEdge {
    cursor: String!
    node: Deployment
  }

  type DeploymentConnection {
    edges: [DeploymentEdge]
    nodes: [Deployment]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type DeploymentStatus implements Node {
    id: ID!
    state: DeploymentStatusState!
    createdAt: DateTime!
    updatedAt: DateTime!
    creator: Actor!
    description: String
    environment: String
    environmentUrl: URI
    logUrl: URI
    deployment: Deployment!
  }

  type DeploymentStatusEdge {
    cursor: String!
    node: DeploymentStatus
  }

  type DeploymentStatusConnection {
    edges: [DeploymentStatusEdge]
    nodes: [DeploymentStatus]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type RequiredStatusCheckDescription {
    context: String!
  }

  type BranchProtectionRule implements Node {
    id: ID!
    databaseId: Int
    pattern: String!
    creator: Actor
    repository: Repository
    requiresApprovingReviews: Boolean!
    requiredApprovingReviewCount: Int
    dismissesStaleReviews: Boolean!
    requiresCodeOwnerReviews: Boolean!
    requireLastPushApproval: Boolean!
    restrictsReviewDismissals: Boolean!
    isAdminEnforced: Boolean!
    allowsForcePushes: Boolean!
    allowsDeletions: Boolean!
    blocksCreations: Boolean!
    lockBranch: Boolean!
    lockAllowsFetchAndMerge: Boolean!
    restrictsPushes: Boolean!
    requiresStatusChecks: Boolean!
    requiresStrictStatusChecks: Boolean!
    requiredStatusCheckContexts: [String]
    requiredStatusChecks: [RequiredStatusCheckDescription!]
    requiresCommitSignatures: Boolean!
    requiresConversationResolution: Boolean!
    requiresLinearHistory: Boolean!
    requiresDeployments: Boolean!
    requiredDeploymentEnvironments: [String]
    matchingRefs(
      first: Int
      after: String
      last: Int
      before: String
      query: String
    ): RefConnection!
  }

  type BranchProtectionRuleEdge {
    cursor: String!
    node: BranchProtectionRule
  }

  type BranchProtectionRuleConnection {
    edges: [BranchProtectionRuleEdge]
    nodes: [BranchProtectionRule]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Environment implements Node {
    id: ID!
    databaseId: Int
    name: String!
    isPinned: Boolean
    pinnedPosition: Int
    latestCompletedDeployment: Deployment
    protectionRules(
      first: Int
      after: String
      last: Int
      before: String
    ): DeploymentProtectionRuleConnection!
  }

  type EnvironmentEdge {
    cursor: String!
    node: Environment
  }

  type EnvironmentConnection {
    edges: [EnvironmentEdge]
    nodes: [Environment]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum DeploymentProtectionRuleType {
    REQUIRED_REVIEWERS
    WAIT_TIMER
    BRANCH_POLICY
  }

  type DeploymentProtectionRule {
    databaseId: Int
    type: DeploymentProtectionRuleType!
    preventSelfReview: Boolean
    timeout: Int!
    reviewers(
      first: Int
      after: String
      last: Int
      before: String
    ): DeploymentReviewerConnection!
  }

  type DeploymentProtectionRuleEdge {
    cursor: String!
    node: DeploymentProtectionRule
  }

  type DeploymentProtectionRuleConnection {
    edges: [DeploymentProtectionRuleEdge]
    nodes: [DeploymentProtectionRule]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Team implements Node {
    id: ID!
    databaseId: Int
    name: String!
    slug: String!
    combinedSlug: String!
    description: String
    organization: Organization!
    url: URI!
    resourcePath: URI!
  }

  union DeploymentReviewer = Team | User

  type DeploymentReviewerEdge {
    cursor: String!
    node: DeploymentReviewer
  }

  type DeploymentReviewerConnection {
    edges: [DeploymentReviewerEdge]
    nodes: [DeploymentReviewer]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum PullRequestState {
    OPEN
    CLOSED
    MERGED
  }

  type PullRequest implements Node {
    id: ID!
    databaseId: Int
    number: Int!
    title: String!
    body: String!
    url: URI!
    state: PullRequestState!
    isDraft: Boolean!
    closed: Boolean!
    merged: Boolean!
    createdAt: DateTime!
    updatedAt: DateTime!
    closedAt: DateTime
    mergedAt: DateTime
    author: Actor
    mergedBy: Actor
    headRefName: String!
    headRefOid: GitObjectID!
    baseRefName: String!
    baseRefOid: GitObjectID!
    mergeCommit: Commit
    additions: Int!
    deletions: Int!
    changedFiles: Int!
    repository: Repository!
    labels(
      first: Int
      after: String
      last: Int
      before: String
    ): LabelConnection
    reviews(
      first: Int
      after: String
      last: Int
      before: String
      states: [PullRequestReviewState!]
      author: String
    ): PullRequestReviewConnection
    commits(
      first: Int
      after: String
      last: Int
      before: String
    ): PullRequestCommitConnection!
    files(
      first: Int
      after: String
      last: Int
      before: String
    ): PullRequestChangedFileConnection
  }

  type PullRequestEdge {
    cursor: String!
    node: PullRequest
  }

  type PullRequestConnection {
    edges: [PullRequestEdge]
    nodes: [PullRequest]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Label implements Node {
    id: ID!
    name: String!
    color: String!
  }

  type LabelEdge {
    cursor: String!
    node: Label
  }

  type LabelConnection {
    edges: [LabelEdge]
    nodes: [Label]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum PullRequestReviewState {
    PENDING
    COMMENTED
    APPROVED
    CHANGES_REQUESTED
    DISMISSED
  }

  type PullRequestReview implements Node {
    id: ID!
    databaseId: Int
    author: Actor
    state: PullRequestReviewState!
    body: String!
    commit: Commit
    submittedAt: DateTime
    createdAt: DateTime!
    url: URI!
  }

  type PullRequestReviewEdge {
    cursor: String!
    node: PullRequestReview
  }

  type PullRequestReviewConnection {
    edges: [PullRequestReviewEdge]
    nodes: [PullRequestReview]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type PullRequestCommit implements Node {
    id: ID!
    commit: Commit!
    url: URI!
  }

  type PullRequestCommitEdge {
    cursor: String!
    node: PullRequestCommit
  }

  type PullRequestCommitConnection {
    edges: [PullRequestCommitEdge]
    nodes: [PullRequestCommit]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum PatchStatus {
    ADDED
    DELETED
    RENAMED
    COPIED
    MODIFIED
    CHANGED
  }

  type PullRequestChangedFile {
    path: String!
    additions: Int!
    deletions: Int!
    changeType: PatchStatus!
  }

  type PullRequestChangedFileEdge {
    cursor: String!
    node: PullRequestChangedFile
  }

  type PullRequestChangedFileConnection {
    edges: [PullRequestChangedFileEdge]
    nodes: [PullRequestChangedFile]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum IssueState {
    OPEN
    CLOSED
  }

  input IssueFilters {
    assignee: String
    createdBy: String
    labels: [String!]
    mentioned: String
    milestone: String
    milestoneNumber: String
    since: DateTime
    states: [IssueState!]
    viewerSubscribed: Boolean = false
  }

  type Issue implements Node & UniformResourceLocatable {
    id: ID!
    databaseId: Int
    number: Int!
    title: String!
    body: String!
    url: URI!
    resourcePath: URI!
    author: Actor
    createdAt: DateTime!
    updatedAt: DateTime!
    state: IssueState!
    closed: Boolean!
    closedAt: DateTime
    repository: Repository!
    labels(
      first: Int
      after: String
      last: Int
      before: String
    ): LabelConnection
    timelineItems(
      first: Int
      after: String
      last: Int
      before: String
      itemTypes: [IssueTimelineItemsItemType!]
      since: DateTime
      skip: Int
    ): IssueTimelineItemsConnection!
  }

  type IssueEdge {
    cursor: String!
    node: Issue
  }

  type IssueConnection {
    edges: [IssueEdge]
    nodes: [Issue]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  # GitHub's whole list, so that any query naming item types validates; the model records only
  # label events, mentions by pull requests and Development-sidebar links.
  enum IssueTimelineItemsItemType {
    ADDED_TO_PROJECT_EVENT
    ASSIGNED_EVENT
    CLOSED_EVENT
    COMMENT_DELETED_EVENT
    CONNECTED_EVENT
    CONVERTED_NOTE_TO_ISSUE_EVENT
    CONVERTED_TO_DISCUSSION_EVENT
    CROSS_REFERENCED_EVENT
    DEMILESTONED_EVENT
    DISCONNECTED_EVENT
    ISSUE_COMMENT
    LABELED_EVENT
    LOCKED_EVENT
    MARKED_AS_DUPLICATE_EVENT
    MENTIONED_EVENT
    MILESTONED_EVENT
    MOVED_COLUMNS_IN_PROJECT_EVENT
    PARENT_ISSUE_ADDED_EVENT
    PARENT_ISSUE_REMOVED_EVENT
    PINNED_EVENT
    REFERENCED_EVENT
    REMOVED_FROM_PROJECT_EVENT
    RENAMED_TITLE_EVENT
    REOPENED_EVENT
    SUBSCRIBED_EVENT
    SUB_ISSUE_ADDED_EVENT
    SUB_ISSUE_REMOVED_EVENT
    TRANSFERRED_EVENT
    UNASSIGNED_EVENT
    UNLABELED_EVENT
    UNLOCKED_EVENT
    UNMARKED_AS_DUPLICATE_EVENT
    UNPINNED_EVENT
    UNSUBSCRIBED_EVENT
    USER_BLOCKED_EVENT
  }

  union IssueTimelineItems =
      LabeledEvent
    | UnlabeledEvent
    | CrossReferencedEvent
    | ConnectedEvent
    | DisconnectedEvent

  union ReferencedSubject = Issue | PullRequest

  type LabeledEvent implements Node {
    id: ID!
    actor: Actor
    createdAt: DateTime!
    label: Label!
  }

  type UnlabeledEvent implements Node {
    id: ID!
    actor: Actor
    createdAt: DateTime!
    label: Label!
  }

  type CrossReferencedEvent implements Node & UniformResourceLocatable {
    id: ID!
    actor: Actor
    createdAt: DateTime!
    isCrossRepository: Boolean!
    referencedAt: DateTime!
    resourcePath: URI!
    source: ReferencedSubject!
    target: ReferencedSubject!
    url: URI!
    willCloseTarget: Boolean!
  }

  type ConnectedEvent implements Node {
    id: ID!
    actor: Actor
    createdAt: DateTime!
    isCrossRepository: Boolean!
    source: ReferencedSubject!
    subject: ReferencedSubject!
  }

  type DisconnectedEvent implements Node {
    id: ID!
    actor: Actor
    createdAt: DateTime!
    isCrossRepository: Boolean!
    source: ReferencedSubject!
    subject: ReferencedSubject!
  }

  type IssueTimelineItemsEdge {
    cursor: String!
    node: IssueTimelineItems
  }

  type IssueTimelineItemsConnection {
    edges: [IssueTimelineItemsEdge]
    nodes: [IssueTimelineItems]
    pageInfo: PageInfo!
    totalCount: Int!
    filteredCount: Int!
    pageCount: Int!
    updatedAt: DateTime!
  }
`;

/** GitHub refuses to return more than this many nodes from one connection. */
const MAX_PAGE = 100;

/** The account the simulator's token stands for; the organisation lists no one for it. */
const VIEWER_LOGIN = 'change-compliance-portal';

/** An error as GitHub reports it, with its `type` (`NOT_FOUND`, `EXCESSIVE_PAGINATION`, …). */
class GitHubError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** What every resolver can see: the rendering of this request and its rate-limit standing. */
interface Ctx {
  r: Rendering;
  res: Response;
  nodeCount: number;
}

/** Opaque to clients, as GitHub's are; only the simulator reads them back. */
const cursorOf = (index: number) =>
  Buffer.from(`cursor:v2:${index}`).toString('base64');

function indexOf(cursor: string): number {
  const match = Buffer.from(cursor, 'base64')
    .toString('utf8')
    .match(/^cursor:v2:(\d+)$/);
  if (!match) {
    throw new GitHubError(
      'INVALID_CURSOR_ARGUMENTS',
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  }
  return Number(match[1]);
}

/**
 * One page of `items` as a GitHub connection. `toNode` renders only the items of the page.
 * `hasNextPage`/`hasPreviousPage` say whether the whole list has items beyond the page, which is
 * what GitHub reports for a forward (`first`/`after`) and a backward (`last`/`before`) walk alike.
 */
function connection<T>(
  items: T[],
  args: ConnectionArgs,
  toNode: (item: T) => unknown,
) {
  let start = 0;
  let end = items.length;
  if (args.after) start = Math.min(items.length, indexOf(args.after) + 1);
  if (args.before) end = Math.max(start, Math.min(end, indexOf(args.before)));
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const page = items.slice(start, end).map((item, i) => ({
    cursor: cursorOf(start + i),
    item,
  }));
  let rendered: { cursor: string; node: unknown }[] | undefined;
  const edges = () => {
    rendered ??= page.map(({ cursor, item }) => ({
      cursor,
      node: toNode(item),
    }));
    return rendered;
  };
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: page[0]?.cursor ?? null,
      endCursor: page.at(-1)?.cursor ?? null,
    },
    edges,
    nodes: () => edges().map(edge => edge.node),
  };
}

function person(r: Rendering, login: string) {
  return r.organisation.people.find(p => p.login === login);
}

function isBot(r: Rendering, login: string): boolean {
  return person(r, login)?.type === 'Bot' || login.endsWith('[bot]');
}

/**
 * A user or a bot as an `Actor`. GitHub's GraphQL names a bot without the `[bot]` suffix its REST
 * API shows (`dependabot`, not `dependabot[bot]`), so a client matching logins across the two
 * meets the difference here too.
 */
function actor(r: Rendering, login: string) {
  const known = person(r, login);
  const bot = isBot(r, login);
  const databaseId = known?.id ?? stableId(`user:${login}`);
  const shown = bot ? login.replace(/\[bot\]$/, '') : login;
  const path = bot ? `/apps/${shown}` : `/${login}`;
  return {
    __typename: bot ? 'Bot' : 'User',
    id: nodeId(bot ? 'Bot' : 'User', databaseId),
    databaseId,
    login: shown,
    name: known?.name ?? null,
    email: known?.email ?? '',
    avatarUrl: `https://avatars.github.example/u/${databaseId}?v=4`,
    url: r.html(path),
    resourcePath: path,
  };
}

function owner(r: Rendering, login: string) {
  if (person(r, login)) return actor(r, login);
  const databaseId = stableId(`org:${login}`);
  return {
    __typename: 'Organization',
    id: nodeId('Organization', databaseId),
    databaseId,
    login,
    name: login,
    url: r.html(`/${login}`),
  };
}

function prState(pr: PullRequest): 'OPEN' | 'CLOSED' | 'MERGED' {
  if (pr.mergedAt) return 'MERGED';
  return pr.state === 'open' ? 'OPEN' : 'CLOSED';
}

const PATCH_STATUS = {
  added: 'ADDED',
  removed: 'DELETED',
  renamed: 'RENAMED',
  modified: 'MODIFIED',
} as const;

/** The PRs GitHub associates with a commit: the one that merged it and any whose branch has it. */
function associatedPullRequests(repo: Repository, sha: string) {
  return repo.pullRequests.filter(
    pr =>
      pr.mergeCommitSha === sha ||
      (pr.landedCommits ?? []).includes(sha) ||
      pr.headSha === sha ||
      pr.commits.includes(sha),
  );
}

function sortedPulls(
  pulls: PullRequest[],
  order: { field: string; direction: string } | undefined | null,
) {
  const time = (pr: PullRequest) =>
    order?.field === 'UPDATED_AT' ? pr.updatedAt : pr.createdAt;
  const sorted = [...pulls].sort(
    (a, b) => time(a).localeCompare(time(b)) || a.number - b.number,
  );
  return order?.direction === 'DESC' ? sorted.reverse() : sorted;
}

/** A person as a `User`, also when the model marks them a bot: where GitHub allows only users. */
function user(r: Rendering, login: string) {
  const known = person(r, login);
  const databaseId = known?.id ?? stableId(`user:${login}`);
  return {
    __typename: 'User',
    id: nodeId('User', databaseId),
    databaseId,
    login,
    name: known?.name ?? null,
    email: known?.email ?? '',
    avatarUrl: `https://avatars.github.example/u/${databaseId}?v=4`,
    url: r.html(`/${login}`),
    resourcePath: `/${login}`,
  };
}

/**
 * A repository's commits in `git log` order, newest committed first (ties: the later created
 * first), as the REST commit list orders them, with each commit's place in that order.
 */
interface CommitOrder {
  commits: Commit[];
  place: Map<string, number>;
}

/** Built once per request and repository: a history page then costs one walk of the repository. */
function commitOrder(r: Rendering, repo: Repository): CommitOrder {
  return perRendering(r, `commit-order:${repositorySlug(repo)}`, () =>
    sortCommits(repo),
  );
}

function sortCommits(repo: Repository): CommitOrder {
  const created = repo.commits.map((c, index) => ({
    c,
    index,
    time: Date.parse(c.committer.date),
  }));
  created.sort((a, b) => b.time - a.time || b.index - a.index);
  const commits = created.map(entry => entry.c);
  return { commits, place: new Map(commits.map((c, i) => [c.sha, i])) };
}

interface HistoryArgs extends ConnectionArgs {
  path?: string | null;
  author?: { id?: string | null; emails?: string[] | null } | null;
  since?: string | null;
  until?: string | null;
}

/**
 * `Commit.history`: the commit and every commit reachable from it through any parent, each once,
 * in `git log` order, then filtered as `git log --since --until -- <path>` would. `author.id`
 * names a user (and wins over `emails`, as GitHub documents).
 */
function commitHistory(
  r: Rendering,
  repo: Repository,
  start: Commit,
  args: HistoryArgs,
  userId: (login: string) => string,
): Commit[] {
  const { commits, place } = commitOrder(r, repo);
  const reachable = new Uint8Array(commits.length);
  const pending = [start.sha];
  while (pending.length > 0) {
    const at = place.get(pending.pop()!);
    if (at === undefined || reachable[at]) continue;
    reachable[at] = 1;
    pending.push(...commits[at].parents);
  }
  const since = args.since ? Date.parse(args.since) : undefined;
  const until = args.until ? Date.parse(args.until) : undefined;
  const path = args.path?.replace(/^\/+|\/+$/g, '');
  const emails = args.author?.emails?.map(e => e.toLowerCase());
  const authored = (c: Commit) => {
    if (args.author?.id) {
      return (
        c.author.login !== undefined &&
        userId(c.author.login) === args.author.id
      );
    }
    return !emails || emails.includes(c.author.email.toLowerCase());
  };
  return commits.filter((c, i) => {
    if (!reachable[i]) return false;
    const committed = Date.parse(c.committer.date);
    return (
      (since === undefined || committed >= since) &&
      (until === undefined || committed <= until) &&
      (!path ||
        c.files.some(
          f => f.filename === path || f.filename.startsWith(`${path}/`),
        )) &&
      authored(c)
    );
  });
}

/** GitHub's GitTimestamp: ISO-8601, with or without a time and an offset. */
function gitTimestamp(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new TypeError(
      `${JSON.stringify(value)} is not a valid ISO-8601 GitTimestamp`,
    );
  }
  return value;
}

type Order = { field: string; direction: string } | undefined | null;

interface DeploymentArgs extends ConnectionArgs {
  environments?: string[] | null;
  orderBy?: Order;
}

/**
 * The deployments to the environments asked for (all without the argument), by creation: the
 * only `DeploymentOrder` field GitHub offers. Ties go by id, as in the REST list.
 */
function selectDeployments(deployments: Deployment[], args: DeploymentArgs) {
  const sorted = deployments
    .filter(
      d => !args.environments || args.environments.includes(d.environment),
    )
    .sort(
      (a, b) =>
        Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id,
    );
  return args.orderBy?.direction === 'DESC' ? sorted.reverse() : sorted;
}

/**
 * A deployment's state is that of its newest status; one without a status is still pending. GitHub
 * also marks a deployment INACTIVE when a later one to the same environment succeeds, by giving it
 * an `inactive` status; the model records only the statuses it lists, which REST serves too.
 */
const DEPLOYMENT_STATE: Record<DeploymentStatus['state'], string> = {
  queued: 'QUEUED',
  in_progress: 'IN_PROGRESS',
  success: 'ACTIVE',
  failure: 'FAILURE',
  error: 'ERROR',
  inactive: 'INACTIVE',
};

/** The statuses that end a deployment, for `Environment.latestCompletedDeployment`. */
const COMPLETED: DeploymentStatus['state'][] = ['success', 'failure', 'error'];

/**
 * Branch protection patterns are fnmatch globs on GitHub; the model's protection names exactly
 * one branch, so its pattern matches that branch alone, as the REST protection endpoints agree.
 */
function protects(p: BranchProtection, branch: string): boolean {
  return p.branch === branch;
}

interface PullFilters {
  states?: string[] | null;
  baseRefName?: string | null;
  headRefName?: string | null;
  labels?: string[] | null;
  orderBy?: Order;
}

/** The filters and order every pull request connection takes. */
function selectPulls(pulls: PullRequest[], args: PullFilters) {
  return sortedPulls(
    pulls.filter(
      pr =>
        (!args.states || args.states.includes(prState(pr))) &&
        (!args.baseRefName || pr.baseBranch === args.baseRefName) &&
        (!args.headRefName || pr.headBranch === args.headRefName) &&
        (!args.labels || pr.labels.some(l => args.labels!.includes(l))),
    ),
    args.orderBy,
  );
}

/** `refs/heads/<branch>` as GitHub names it under `prefix`: the part the prefix leaves out. */
function refName(branch: string, prefix: string): string | undefined {
  const qualified = `refs/heads/${branch}`;
  return qualified.startsWith(prefix) && qualified.length > prefix.length
    ? qualified.slice(prefix.length)
    : undefined;
}

/** Git orders ref names byte by byte, not by locale. */
const byteOrder = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

/** Each kind of timeline event the model records, as GitHub's GraphQL names it. */
const TIMELINE_ITEM_TYPES: Record<
  IssueTimelineEvent['kind'],
  { typename: string; type: string }
> = {
  labeled: { typename: 'LabeledEvent', type: 'LABELED_EVENT' },
  unlabeled: { typename: 'UnlabeledEvent', type: 'UNLABELED_EVENT' },
  'cross-referenced': {
    typename: 'CrossReferencedEvent',
    type: 'CROSS_REFERENCED_EVENT',
  },
  connected: { typename: 'ConnectedEvent', type: 'CONNECTED_EVENT' },
  disconnected: { typename: 'DisconnectedEvent', type: 'DISCONNECTED_EVENT' },
};

interface TimelineArgs extends ConnectionArgs {
  itemTypes?: string[] | null;
  since?: string | null;
  skip?: number | null;
}

interface IssueFilterArgs {
  filterBy?: {
    assignee?: string | null;
    createdBy?: string | null;
    labels?: string[] | null;
    mentioned?: string | null;
    milestone?: string | null;
    milestoneNumber?: string | null;
    since?: string | null;
    states?: string[] | null;
  } | null;
  labels?: string[] | null;
  orderBy?: Order;
  states?: string[] | null;
}

/**
 * The issues `Repository.issues` lists: `filterBy.since` keeps those updated at or after it, as
 * GitHub documents; states and labels (any of them) filter at either level; `createdBy` names the
 * author. The model has no assignees, mentions or milestones, so a filter on them matches
 * nothing. Oldest first unless `orderBy` says otherwise (ties by number).
 */
function selectIssues(issues: Issue[], args: IssueFilterArgs): Issue[] {
  const filter = args.filterBy ?? {};
  const since = filter.since ? Date.parse(filter.since) : undefined;
  const states = args.states ?? filter.states;
  const labels = [...(args.labels ?? []), ...(filter.labels ?? [])];
  const unmodelled =
    filter.assignee ??
    filter.mentioned ??
    filter.milestone ??
    filter.milestoneNumber;
  // The model has no comments: by COMMENTS every issue ties, and the number decides.
  const time = (issue: Issue) => {
    if (args.orderBy?.field === 'COMMENTS') return 0;
    return Date.parse(
      args.orderBy?.field === 'UPDATED_AT' ? issue.updatedAt : issue.createdAt,
    );
  };
  const selected = issues
    .filter(
      issue =>
        !unmodelled &&
        (since === undefined || Date.parse(issue.updatedAt) >= since) &&
        (!states || states.includes(issue.state.toUpperCase())) &&
        (labels.length === 0 || issue.labels.some(l => labels.includes(l))) &&
        (!filter.createdBy || issue.author === filter.createdBy),
    )
    .sort((a, b) => time(a) - time(b) || a.number - b.number);
  return args.orderBy?.direction === 'DESC' ? selected.reverse() : selected;
}

/** The per-repository views; a field with arguments is a function of them (graphql-js calls it). */
function repositoryView(r: Rendering, repo: Repository) {
  const slug = repositorySlug(repo);
  const commits = commitIndex(repo);
  const databaseId = stableId(`repo:${slug}`);

  function commitView(c: Commit): Record<string, unknown> {
    const [headline, ...rest] = c.message.split('\n');
    const gitActor = (identity: Commit['author']) => ({
      name: identity.name,
      email: identity.email,
      date: githubTime(identity.date),
      // Bots are not users: GitHub leaves `user` empty for their commits.
      user:
        identity.login && !isBot(r, identity.login)
          ? actor(r, identity.login)
          : null,
    });
    return {
      __typename: 'Commit',
      id: nodeId('Commit', c.sha),
      oid: c.sha,
      abbreviatedOid: c.sha.slice(0, 7),
      message: c.message,
      messageHeadline: headline,
      messageBody: rest.join('\n').replace(/^\n+/, ''),
      committedDate: githubTime(c.committer.date),
      authoredDate: githubTime(c.author.date),
      author: gitActor(c.author),
      committer: gitActor(c.committer),
      additions: c.files.reduce((sum, f) => sum + f.additions, 0),
      deletions: c.files.reduce((sum, f) => sum + f.deletions, 0),
      changedFilesIfAvailable: c.files.length,
      url: r.html(`/${slug}/commit/${c.sha}`),
      parents: (args: ConnectionArgs) =>
        connection(
          c.parents.flatMap(sha => commits.get(sha) ?? []),
          args,
          commitView,
        ),
      associatedPullRequests: (
        args: ConnectionArgs & {
          orderBy?: { field: string; direction: string };
        },
      ) =>
        connection(
          sortedPulls(associatedPullRequests(repo, c.sha), args.orderBy),
          args,
          pullView,
        ),
      history: (args: HistoryArgs) =>
        connection(
          commitHistory(r, repo, c, args, login => actor(r, login).id),
          args,
          commitView,
        ),
      deployments: (args: DeploymentArgs) =>
        connection(
          selectDeployments(
            repo.deployments.filter(d => d.sha === c.sha),
            args,
          ),
          args,
          deploymentView,
        ),
    };
  }

  const commitBySha = (sha: string | undefined) => {
    const found = sha ? commits.get(sha) : undefined;
    return found ? commitView(found) : null;
  };

  function labelView(name: string) {
    const id = stableId(`label:${slug}:${name}`);
    return {
      id: nodeId('Label', id),
      name,
      color: createHash('sha1').update(name).digest('hex').slice(0, 6),
    };
  }

  function pullView(pr: PullRequest): Record<string, unknown> {
    const prCommits = pr.commits.flatMap(sha => commits.get(sha) ?? []);
    const files = () => combinedFiles(prCommits);
    // The same id the REST API gives the PR, so that the two can be matched.
    const pullDatabaseId = stableId(`pull:${slug}#${pr.number}`);
    const merge = pr.mergeCommitSha
      ? commits.get(pr.mergeCommitSha)
      : undefined;
    const url = r.html(`/${slug}/pull/${pr.number}`);
    return {
      id: nodeId('PullRequest', pullDatabaseId),
      databaseId: pullDatabaseId,
      number: pr.number,
      title: pr.title,
      body: pr.body,
      url,
      state: prState(pr),
      isDraft: false,
      closed: pr.state === 'closed',
      merged: pr.mergedAt !== undefined,
      createdAt: githubTime(pr.createdAt),
      updatedAt: githubTime(pr.updatedAt),
      closedAt: githubTime(pr.closedAt),
      mergedAt: githubTime(pr.mergedAt),
      author: () => actor(r, pr.author),
      mergedBy: () =>
        pr.mergedAt && pr.mergedBy ? actor(r, pr.mergedBy) : null,
      headRefName: pr.headBranch,
      headRefOid: pr.headSha,
      baseRefName: pr.baseBranch,
      // The base branch as the merge left it, else the branch the PR started from.
      baseRefOid:
        merge && merge.parents.length > 1
          ? merge.parents[0]
          : prCommits[0]?.parents[0] ?? repo.branches[pr.baseBranch],
      mergeCommit: () => commitBySha(pr.mergeCommitSha),
      additions: () => files().reduce((sum, f) => sum + f.additions, 0),
      deletions: () => files().reduce((sum, f) => sum + f.deletions, 0),
      changedFiles: () => files().length,
      repository: () => repositoryView(r, repo),
      labels: (args: ConnectionArgs) => connection(pr.labels, args, labelView),
      reviews: (
        args: ConnectionArgs & { states?: string[]; author?: string },
      ) =>
        connection(
          [...pr.reviews]
            .sort(
              (a, b) =>
                a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id,
            )
            .filter(
              review => !args.states || args.states.includes(review.state),
            )
            .filter(review => !args.author || review.reviewer === args.author),
          args,
          review => ({
            id: nodeId('PullRequestReview', review.id),
            databaseId: review.id,
            author: actor(r, review.reviewer),
            state: review.state,
            body: review.body,
            commit: () => commitBySha(review.commitId),
            submittedAt: githubTime(review.submittedAt),
            createdAt: githubTime(review.submittedAt),
            url: `${url}#pullrequestreview-${review.id}`,
          }),
        ),
      commits: (args: ConnectionArgs) =>
        connection(prCommits, args, c => ({
          id: nodeId('PullRequestCommit', `${pullDatabaseId}:${c.sha}`),
          commit: commitView(c),
          url: `${url}/commits/${c.sha}`,
        })),
      files: (args: ConnectionArgs) =>
        connection(files(), args, f => ({
          path: f.filename,
          additions: f.additions,
          deletions: f.deletions,
          changeType: PATCH_STATUS[f.status],
        })),
    };
  }

  /** `main`, `refs/heads/main`, `HEAD`, a full or an unambiguous abbreviated sha. */
  const resolve = (expression: string): Commit | undefined => {
    const rev = expression.split(':')[0];
    if (rev === 'HEAD') return commits.get(repo.branches[repo.defaultBranch]);
    const branch = repo.branches[rev.replace(/^refs\/heads\//, '')];
    if (branch) return commits.get(branch);
    if (!/^[0-9a-f]{4,40}$/i.test(rev)) return undefined;
    const matches = repo.commits.filter(c =>
      c.sha.startsWith(rev.toLowerCase()),
    );
    return matches.length === 1 ? matches[0] : undefined;
  };

  /**
   * A branch as a `Ref`, named relative to the prefix it was listed under (`main` under
   * `refs/heads/`, `heads/main` under `refs/`); null when the branch does not exist (any more).
   */
  function refView(branch: string, prefix = 'refs/heads/') {
    const name = refName(branch, prefix);
    if (repo.branches[branch] === undefined || name === undefined) return null;
    return {
      id: nodeId('Ref', `${slug}:refs/heads/${branch}`),
      name,
      prefix,
      target: () => commitBySha(repo.branches[branch]),
      repository: () => repositoryView(r, repo),
      branchProtectionRule: () => {
        const rule = repo.protection.find(p => protects(p, branch));
        return rule ? protectionView(rule) : null;
      },
      // The pull requests with this branch as their head.
      associatedPullRequests: (args: ConnectionArgs & PullFilters) =>
        connection(
          selectPulls(
            repo.pullRequests.filter(pr => pr.headBranch === branch),
            args,
          ),
          args,
          pullView,
        ),
    };
  }

  /** Branches under `prefix` whose name contains `query`, as `Repository.refs` filters them. */
  const branchesUnder = (prefix: string, query?: string | null) =>
    Object.keys(repo.branches).filter(branch => {
      const name = refName(branch, prefix);
      return (
        name !== undefined &&
        (!query || name.toLowerCase().includes(query.toLowerCase()))
      );
    });

  function protectionView(p: BranchProtection): Record<string, unknown> {
    const ruleId = stableId(`branch-protection-rule:${slug}:${p.branch}`);
    return {
      id: nodeId('BranchProtectionRule', ruleId),
      databaseId: ruleId,
      pattern: p.branch,
      // The model does not record who set the protection up.
      creator: null,
      repository: () => repositoryView(r, repo),
      // As in the REST rendering, which always requires a pull request and its approvals.
      requiresApprovingReviews: true,
      requiredApprovingReviewCount: p.requiredApprovingReviewCount,
      dismissesStaleReviews: p.dismissStaleReviews,
      requiresCodeOwnerReviews: p.requireCodeOwnerReviews,
      requireLastPushApproval: false,
      restrictsReviewDismissals: false,
      isAdminEnforced: p.enforceAdmins,
      allowsForcePushes: p.allowForcePushes,
      allowsDeletions: p.allowDeletions,
      blocksCreations: false,
      lockBranch: false,
      lockAllowsFetchAndMerge: false,
      restrictsPushes: false,
      requiresStatusChecks: p.requiredStatusChecks.length > 0,
      requiresStrictStatusChecks: false,
      requiredStatusCheckContexts: p.requiredStatusChecks,
      requiredStatusChecks: p.requiredStatusChecks.map(context => ({
        context,
      })),
      requiresCommitSignatures: false,
      requiresConversationResolution: false,
      requiresLinearHistory: false,
      requiresDeployments: false,
      requiredDeploymentEnvironments: [],
      matchingRefs: (args: ConnectionArgs & { query?: string }) =>
        connection(
          branchesUnder('refs/heads/', args.query)
            .filter(branch => protects(p, branch))
            .sort(byteOrder),
          args,
          branch => refView(branch),
        ),
    };
  }

  /**
   * A deployment, with the same ids as in REST. `statuses` lists them newest first, as REST
   * does: GitHub does not document the order of this connection and clients in the wild read it
   * both ways (`statuses(first: 1)` and `statuses(last: 1)`), so `latestStatus` is the field to
   * rely on for the current state.
   */
  function deploymentView(d: Deployment): Record<string, unknown> {
    const statuses = statusesNewestFirst(d);
    const statusView = (s: DeploymentStatus) => ({
      id: nodeId('DeploymentStatus', s.id),
      state: s.state.toUpperCase(),
      createdAt: githubTime(s.createdAt),
      updatedAt: githubTime(s.createdAt),
      creator: () => actor(r, s.creator),
      description: s.description,
      // The model keeps one environment per deployment; a status never moves it.
      environment: d.environment,
      environmentUrl: null,
      logUrl: s.logUrl ?? null,
      deployment: () => deploymentView(d),
    });
    return {
      id: nodeId('Deployment', d.id),
      databaseId: d.id,
      commitOid: d.sha,
      commit: () => commitBySha(d.sha),
      createdAt: githubTime(d.createdAt),
      updatedAt: deploymentUpdatedAt(d),
      creator: () => actor(r, d.creator),
      description: d.description || null,
      environment: d.environment,
      latestEnvironment: d.environment,
      originalEnvironment: d.environment,
      // GitHub hands the payload back as the JSON text it was given.
      payload: JSON.stringify(d.payload),
      // Null when the deployment was of a sha, a tag or a branch deleted since.
      ref: () => refView(d.ref.replace(/^refs\/heads\//, '')),
      repository: () => repositoryView(r, repo),
      state: statuses[0] ? DEPLOYMENT_STATE[statuses[0].state] : 'PENDING',
      task: d.task,
      latestStatus: () => (statuses[0] ? statusView(statuses[0]) : null),
      statuses: (args: ConnectionArgs) =>
        connection(statuses, args, statusView),
    };
  }

  function environmentView(env: Environment): Record<string, unknown> {
    const id = environmentId(repo, env.name);
    return {
      id: nodeId('Environment', id),
      databaseId: id,
      name: env.name,
      isPinned: false,
      pinnedPosition: null,
      latestCompletedDeployment: () => {
        const completed = selectDeployments(repo.deployments, {
          environments: [env.name],
          orderBy: { field: 'CREATED_AT', direction: 'DESC' },
        }).find(d => {
          const latest = statusesNewestFirst(d)[0];
          return latest !== undefined && COMPLETED.includes(latest.state);
        });
        return completed ? deploymentView(completed) : null;
      },
      // The REST rendering's one rule: required reviewers, when the environment names any. The
      // model's reviewers are people, so they are Users here as there.
      protectionRules: (args: ConnectionArgs) =>
        connection(
          env.requiredReviewers.length === 0 ? [] : [env],
          args,
          () => ({
            databaseId: requiredReviewersRuleId(repo, env),
            type: 'REQUIRED_REVIEWERS',
            preventSelfReview: env.preventSelfReview,
            timeout: 0,
            reviewers: (reviewerArgs: ConnectionArgs) =>
              connection(env.requiredReviewers, reviewerArgs, login =>
                user(r, login),
              ),
          }),
        ),
    };
  }

  /**
   * The workflow run that made a deployment, with the reviews its environment's protection asked
   * for. The model has no runs: each deployment stands for its run, and the run id is the
   * deployment id (as in the REST API's `/actions/runs/{run_id}/approvals`).
   */
  function workflowRunView(runId: number): Record<string, unknown> | null {
    const d = repo.deployments.find(candidate => candidate.id === runId);
    if (!d) return null;
    const path = `/${slug}/actions/runs/${d.id}`;
    const env = repo.environments.find(e => e.name === d.environment) ?? {
      name: d.environment,
      requiredReviewers: [],
      preventSelfReview: false,
    };
    const reviews = [...d.reviews].sort((a, b) =>
      a.submittedAt.localeCompare(b.submittedAt),
    );
    return {
      __typename: 'WorkflowRun',
      id: nodeId('WorkflowRun', d.id),
      databaseId: d.id,
      runNumber: d.id,
      url: r.html(path),
      resourcePath: path,
      createdAt: githubTime(d.createdAt),
      updatedAt: githubTime(d.statuses.at(-1)?.createdAt ?? d.createdAt),
      deploymentReviews: (args: ConnectionArgs) =>
        connection(reviews, args, review => {
          const reviewId = stableId(
            `deployment-review:${slug}:${d.id}:${review.reviewer}:${review.submittedAt}`,
          );
          return {
            id: nodeId('DeploymentReview', reviewId),
            databaseId: reviewId,
            comment: review.comment,
            state: review.state === 'approved' ? 'APPROVED' : 'REJECTED',
            user: actor(r, review.reviewer),
            environments: (envArgs: ConnectionArgs) =>
              connection([env], envArgs, environmentView),
          };
        }),
    };
  }

  /** A pull request of this or another repository, as the `ReferencedSubject` an event names. */
  function pullRequestSubject(ref: PullRequestRef): Record<string, unknown> {
    const other =
      ref.repository.toLowerCase() === slug.toLowerCase()
        ? repo
        : r.organisation.repositories.find(
            candidate =>
              repositorySlug(candidate).toLowerCase() ===
              ref.repository.toLowerCase(),
          );
    const view = other
      ? (repositoryView(r, other) as {
          pullRequest: (args: { number: number }) => Record<string, unknown>;
        })
      : undefined;
    if (!view) {
      throw new GitHubError(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${ref.repository}'.`,
      );
    }
    return { __typename: 'PullRequest', ...view.pullRequest(ref) };
  }

  /**
   * An issue, with its timeline: label events, mentions by pull requests (`CrossReferencedEvent`,
   * the PR as `source`) and Development-sidebar links (`ConnectedEvent`, `DisconnectedEvent`: the
   * PR as `source`, the issue as `subject`).
   */
  function issueView(issue: Issue): Record<string, unknown> {
    const issueDatabaseId = stableId(`issue:${slug}#${issue.number}`);
    const path = `/${slug}/issues/${issue.number}`;
    const self = () => issueView(issue);
    const eventView = (event: IssueTimelineEvent, index: number) => {
      const type = TIMELINE_ITEM_TYPES[event.kind];
      const common = {
        __typename: type.typename,
        id: nodeId(
          type.typename,
          stableId(`issue-event:${slug}#${issue.number}:${index}`),
        ),
        actor: () => actor(r, event.actor),
        createdAt: githubTime(event.at),
      };
      const isCrossRepository = (pull: PullRequestRef) =>
        pull.repository.toLowerCase() !== slug.toLowerCase();
      if (event.kind === 'cross-referenced') {
        const pull = event.source;
        const anchor = `#ref-pullrequest-${stableId(
          `${pull.repository}#${pull.number}`,
        )}`;
        return {
          ...common,
          isCrossRepository: isCrossRepository(pull),
          referencedAt: githubTime(event.at),
          resourcePath: `${path}${anchor}`,
          url: r.html(`${path}${anchor}`),
          source: () => pullRequestSubject(pull),
          target: self,
          willCloseTarget: event.willClose,
        };
      }
      if (event.kind === 'connected' || event.kind === 'disconnected') {
        return {
          ...common,
          isCrossRepository: isCrossRepository(event.pullRequest),
          source: () => pullRequestSubject(event.pullRequest),
          subject: self,
        };
      }
      return { ...common, label: labelView(event.label) };
    };
    return {
      __typename: 'Issue',
      id: nodeId('Issue', issueDatabaseId),
      databaseId: issueDatabaseId,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      url: r.html(path),
      resourcePath: path,
      author: () => actor(r, issue.author),
      createdAt: githubTime(issue.createdAt),
      updatedAt: githubTime(issue.updatedAt),
      state: issue.state === 'open' ? 'OPEN' : 'CLOSED',
      closed: issue.state === 'closed',
      closedAt: githubTime(issue.closedAt),
      repository: () => repositoryView(r, repo),
      labels: (args: ConnectionArgs) =>
        connection(issue.labels, args, labelView),
      timelineItems: (args: TimelineArgs) => {
        const since = args.since ? Date.parse(args.since) : undefined;
        const items = issue.timeline
          .map((event, index) => ({ event, index }))
          .filter(
            ({ event }) =>
              (!args.itemTypes ||
                args.itemTypes.includes(
                  TIMELINE_ITEM_TYPES[event.kind].type,
                )) &&
              (since === undefined || Date.parse(event.at) >= since),
          )
          .slice(args.skip ?? 0);
        const page = connection(items, args, ({ event, index }) =>
          eventView(event, index),
        );
        return {
          ...page,
          filteredCount: items.length,
          pageCount: () => page.edges().length,
          updatedAt: githubTime(issue.updatedAt),
        };
      },
    };
  }

  return {
    // Not a GraphQL field: how `resource(url:)` reaches a run of this repository.
    workflowRun: workflowRunView,
    id: nodeId('Repository', databaseId),
    databaseId,
    name: repo.name,
    nameWithOwner: slug,
    owner: () => owner(r, repo.owner),
    url: r.html(`/${slug}`),
    isPrivate: true,
    createdAt: githubTime(repo.createdAt),
    pushedAt: () => repositoryTimes(r, repo).pushedAt,
    updatedAt: () => repositoryTimes(r, repo).updatedAt,
    defaultBranchRef: () => refView(repo.defaultBranch),
    ref: ({ qualifiedName }: { qualifiedName: string }) =>
      refView(qualifiedName.replace(/^refs\/heads\//, '')),
    refs: (
      args: ConnectionArgs & {
        refPrefix: string;
        query?: string;
        orderBy?: Order;
        direction?: string;
      },
    ) => {
      const committed = (branch: string) =>
        Date.parse(commits.get(repo.branches[branch])?.committer.date ?? '');
      // Alphabetical unless asked otherwise; a branch's "tag commit date" is its head's.
      const sorted = branchesUnder(args.refPrefix, args.query).sort(
        (a, b) =>
          (args.orderBy?.field === 'TAG_COMMIT_DATE'
            ? committed(a) - committed(b)
            : 0) || byteOrder(a, b),
      );
      const direction = args.orderBy?.direction ?? args.direction;
      if (direction === 'DESC') sorted.reverse();
      return connection(sorted, args, branch =>
        refView(branch, args.refPrefix),
      );
    },
    // Commits, and one file: the CODEOWNERS the model has (`HEAD:.github/CODEOWNERS`), as the
    // Blob GitHub returns for `<rev>:<path>`. Any other path resolves to nothing.
    object: ({ expression, oid }: { expression?: string; oid?: string }) => {
      if (oid) return commitBySha(oid.toLowerCase());
      const found = expression ? resolve(expression) : undefined;
      if (!found) return null;
      const path = expression!.includes(':')
        ? expression!.slice(expression!.indexOf(':') + 1)
        : undefined;
      if (path === undefined) return commitView(found);
      if (path !== '.github/CODEOWNERS' || repo.codeowners === undefined) {
        return null;
      }
      const blobId = createHash('sha1')
        .update(
          `blob ${Buffer.byteLength(repo.codeowners)}\0${repo.codeowners}`,
        )
        .digest('hex');
      return {
        __typename: 'Blob',
        id: nodeId('Blob', blobId),
        oid: blobId,
        abbreviatedOid: blobId.slice(0, 7),
        byteSize: Buffer.byteLength(repo.codeowners),
        isBinary: false,
        isTruncated: false,
        text: repo.codeowners,
      };
    },
    pullRequest: ({ number }: { number: number }) => {
      const pr = repo.pullRequests.find(p => p.number === number);
      if (!pr) {
        throw new GitHubError(
          'NOT_FOUND',
          `Could not resolve to a PullRequest with the number of ${number}.`,
        );
      }
      return pullView(pr);
    },
    pullRequests: (args: ConnectionArgs & PullFilters) =>
      connection(selectPulls(repo.pullRequests, args), args, pullView),
    // A number that is a pull request's is not an issue's, as on GitHub.
    issue: ({ number }: { number: number }) => {
      const issue = repo.issues?.find(i => i.number === number);
      if (!issue) {
        throw new GitHubError(
          'NOT_FOUND',
          `Could not resolve to an Issue with the number of ${number}.`,
        );
      }
      return issueView(issue);
    },
    issues: (args: ConnectionArgs & IssueFilterArgs) =>
      connection(selectIssues(repo.issues ?? [], args), args, issueView),
    deployments: (args: DeploymentArgs) =>
      connection(
        selectDeployments(repo.deployments, args),
        args,
        deploymentView,
      ),
    branchProtectionRules: (args: ConnectionArgs) =>
      connection(repo.protection, args, protectionView),
    environment: ({ name }: { name: string }) => {
      const env = repo.environments.find(e => e.name === name);
      return env ? environmentView(env) : null;
    },
    environments: (
      args: ConnectionArgs & {
        names: string[];
        orderBy: { field: string; direction: string };
        pinnedEnvironmentFilter: string;
      },
    ) => {
      // Nothing is pinned in the model: ONLY finds no environment, NONE finds them all.
      const selected =
        args.pinnedEnvironmentFilter === 'ONLY'
          ? []
          : repo.environments
              .filter(
                env => args.names.length === 0 || args.names.includes(env.name),
              )
              // By name, as the REST list orders them.
              .sort((a, b) => a.name.localeCompare(b.name));
      if (args.orderBy.direction === 'DESC') selected.reverse();
      return connection(selected, args, environmentView);
    },
  };
}

const rootValue = {
  repository: (
    { owner: ownerLogin, name }: { owner: string; name: string },
    ctx: Ctx,
  ) => {
    const repo = ctx.r.organisation.repositories.find(
      candidate =>
        candidate.owner.toLowerCase() === ownerLogin.toLowerCase() &&
        candidate.name.toLowerCase() === name.toLowerCase(),
    );
    if (!repo) {
      throw new GitHubError(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${ownerLogin}/${name}'.`,
      );
    }
    return repositoryView(ctx.r, repo);
  },
  // The rate-limit middleware has counted this request and set its headers; they are the truth.
  rateLimit: (_args: unknown, ctx: Ctx) => {
    const header = (name: string) => Number(ctx.res.getHeader(name) ?? 0);
    return {
      cost: 1,
      limit: header('x-ratelimit-limit'),
      remaining: header('x-ratelimit-remaining'),
      used: header('x-ratelimit-used'),
      resetAt: new Date(header('x-ratelimit-reset') * 1000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      nodeCount: ctx.nodeCount,
    };
  },
  viewer: (_args: unknown, ctx: Ctx) => actor(ctx.r, VIEWER_LOGIN),
  // Only workflow run URLs (`/<owner>/<repo>/actions/runs/<id>`, on any host, with or without a
  // `/job/<id>` tail) are resources here; any other URL resolves to nothing, as an unknown one
  // does on GitHub.
  resource: ({ url }: { url: string }, ctx: Ctx) => {
    let pathname: string;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return null;
    }
    const match = pathname.match(/^\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)/);
    if (!match) return null;
    const repo = ctx.r.organisation.repositories.find(
      candidate =>
        candidate.owner.toLowerCase() === match[1].toLowerCase() &&
        candidate.name.toLowerCase() === match[2].toLowerCase(),
    );
    if (!repo) return null;
    const view = repositoryView(ctx.r, repo) as {
      workflowRun: (id: number) => unknown;
    };
    return view.workflowRun(Number(match[3]));
  },
};

/**
 * Reads the query as GitHub does before running it: every connection must ask for `first` or
 * `last`, at most 100, and the nodes it could return (each connection's page size times the pages
 * of the connections around it) are the `nodeCount` that `rateLimit` reports. A query breaking
 * these rules is refused whole, with no `data`, as GitHub refuses it before running it.
 */
function paginationBudget(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { nodeCount: number; errors: GraphQLError[] } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const errors: GraphQLError[] = [];
  let nodeCount = 0;
  const walk = (
    selectionSet: SelectionSetNode,
    typeName: string,
    multiplier: number,
    seen: Set<string>,
  ) => {
    const type = schema.getType(typeName);
    // A union has no fields of its own: only its fragments select connections.
    let fields: GraphQLFieldMap<unknown, unknown>;
    if (isObjectType(type) || isInterfaceType(type)) fields = type.getFields();
    else if (isUnionType(type)) fields = {};
    else return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(
          selection.selectionSet,
          selection.typeCondition?.name.value ?? typeName,
          multiplier,
          seen,
        );
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        walk(
          fragment.selectionSet,
          fragment.typeCondition.name.value,
          multiplier,
          new Set([...seen, fragment.name.value]),
        );
      } else {
        const field = fields[selection.name.value];
        if (!field || !selection.selectionSet) continue;
        const named = getNamedType(field.type);
        let inner = multiplier;
        if (named.name.endsWith('Connection')) {
          const args = getArgumentValues(field, selection, variables);
          const name = selection.name.value;
          const fail = (errorType: string, message: string) =>
            errors.push(
              new GraphQLError(message, {
                nodes: selection,
                originalError: new GitHubError(errorType, message),
              }),
            );
          const size = (args.first ?? args.last) as number | undefined;
          if (size === undefined || size === null) {
            fail(
              'MISSING_PAGINATION_BOUNDARIES',
              `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
            );
          }
          for (const bound of ['first', 'last'] as const) {
            const value = args[bound] as number | undefined | null;
            if (typeof value !== 'number') continue;
            if (value < 0) {
              fail(
                'INVALID_CURSOR_ARGUMENTS',
                `\`${bound}\` on the \`${name}\` connection cannot be less than zero.`,
              );
            } else if (value > MAX_PAGE) {
              fail(
                'EXCESSIVE_PAGINATION',
                `Requesting ${value} records on the \`${name}\` connection exceeds the \`${bound}\` limit of ${MAX_PAGE} records.`,
              );
            }
          }
          inner = multiplier * Math.max(0, Math.min(MAX_PAGE, size ?? 0));
          nodeCount += inner;
        }
        walk(selection.selectionSet, named.name, inner, seen);
      }
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root.name, 1, new Set());
  return { nodeCount, errors };
}

/** GitHub's error objects: `type` first when it has one, `path` and `locations` when known. */
function formatError(error: GraphQLError) {
  const original = error.originalError;
  return {
    ...(original instanceof GitHubError && { type: original.type }),
    ...(error.path && { path: error.path }),
    ...(error.locations && { locations: error.locations }),
    message: error.message,
  };
}

/** What the request log records the request as: the operation's name, else its first field. */
function operationLabel(
  operation: OperationDefinitionNode | null | undefined,
  operationName: unknown,
): string {
  if (typeof operationName === 'string' && operationName) return operationName;
  if (operation?.name) return operation.name.value;
  const first = operation?.selectionSet.selections.find(
    s => s.kind === Kind.FIELD,
  );
  return first?.kind === Kind.FIELD ? first.name.value : '(invalid)';
}

export function githubGraphqlRouter(context: SimulatorContext): express.Router {
  const router = express.Router();
  const schema = buildSchema(SDL);
  // An invalid timestamp is refused while the query is validated, before anything runs.
  const timestamp = schema.getType('GitTimestamp') as GraphQLScalarType;
  timestamp.parseValue = gitTimestamp;
  timestamp.parseLiteral = node =>
    gitTimestamp(node.kind === Kind.STRING ? node.value : undefined);

  router.post('/', (req: Request, res: Response) => {
    const { query, variables, operationName } = (req.body ?? {}) as Record<
      string,
      unknown
    >;
    const logAs = (operation?: OperationDefinitionNode | null) => {
      res.locals.loggedRoute = `${req.method} ${req.baseUrl} ${operationLabel(
        operation,
        operationName,
      )}`;
    };
    logAs();
    if (typeof query !== 'string' || query.trim() === '') {
      res.status(400).json({
        message: 'A query attribute must be specified and must be a string.',
        documentation_url: 'https://docs.github.com/graphql',
      });
      return;
    }
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      res.status(400).json({ errors: [formatError(error as GraphQLError)] });
      return;
    }
    const operation = getOperationAST(
      document,
      typeof operationName === 'string' ? operationName : undefined,
    );
    logAs(operation);
    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      res.json({ errors: invalid.map(formatError) });
      return;
    }
    if (!operation) {
      res.json({
        errors: [{ message: 'An operation name is required' }],
      });
      return;
    }
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      (variables ?? {}) as Record<string, unknown>,
    );
    if (coerced.errors) {
      res.json({ errors: coerced.errors.map(formatError) });
      return;
    }
    const budget = paginationBudget(
      schema,
      document,
      operation,
      coerced.coerced,
    );
    if (budget.errors.length > 0) {
      res.json({ errors: budget.errors.map(formatError) });
      return;
    }
    const ctx: Ctx = {
      r: rendering(context),
      res,
      nodeCount: budget.nodeCount,
    };
    const result = execute({
      schema,
      document,
      rootValue,
      contextValue: ctx,
      variableValues: coerced.coerced,
      operationName:
        typeof operationName === 'string' ? operationName : undefined,
    }) as { data?: unknown; errors?: readonly GraphQLError[] };
    res.json({
      data: result.data ?? null,
      ...(result.errors && { errors: result.errors.map(formatError) }),
    });
  });

  // GitHub answers anything but a POST of a query with a JSON 404.
  router.use((_req, res) => {
    res.status(404).json({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/graphql',
    });
  });

  return router;
}

/**
 * GitHub's GraphQL budget: counted like the REST one but separately, labelled
 * `x-ratelimit-resource: graphql`, and exhausted with a 200 whose error is of type `RATE_LIMITED`
 * (the REST API answers 403), which is what GitHub's clients look for.
 */
export class GitHubGraphqlRateLimit extends GitHubRateLimit {
  middleware(tokenOf: (req: Request) => string): RequestHandler {
    const counted = super.middleware(tokenOf);
    return (req, res, next) => {
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name, value) =>
        setHeader(
          name,
          name.toLowerCase() === 'x-ratelimit-resource' ? 'graphql' : value,
        );
      const json = res.json.bind(res);
      let passed = false;
      // Only an answer the rate limit itself gives before passing the request on is rewritten.
      res.json = body => {
        if (passed) return json(body);
        res.status(200);
        return json({
          errors: [
            {
              type: 'RATE_LIMITED',
              message: 'API rate limit exceeded for this token.',
            },
          ],
        });
      };
      counted(req, res, () => {
        passed = true;
        res.json = json;
        next();
      });
    };
  }
}
