import { z } from 'zod';

/*
 * The parts of GitLab REST API v4 payloads the module reads, as GitLab documents them. Objects
 * are not strict: GitLab adds fields from release to release, and what is not read is not
 * checked. What is read is checked, so that a changed shape fails the sync rather than being
 * misread.
 */

const time = z.string().refine(t => !Number.isNaN(Date.parse(t)), {
  message: 'not a time',
});

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string().optional(),
  web_url: z.string().optional(),
});
export type GitlabUser = z.infer<typeof userSchema>;

/** `GET /users/:id`: the public e-mail is the only one a non-administrator token sees. */
export const userDetailSchema = userSchema.extend({
  bot: z.boolean().optional(),
  public_email: z.string().nullish(),
  /** Only for administrators' tokens. */
  email: z.string().nullish(),
});
export type GitlabUserDetail = z.infer<typeof userDetailSchema>;

export const projectSchema = z.object({
  id: z.number(),
  path_with_namespace: z.string(),
  /** Null for an empty project. */
  default_branch: z.string().nullish(),
  web_url: z.string(),
});
export type GitlabProject = z.infer<typeof projectSchema>;

export const commitSchema = z.object({
  id: z.string(),
  parent_ids: z.array(z.string()),
  message: z.string(),
  author_name: z.string(),
  author_email: z.string(),
  committer_name: z.string().nullish(),
  committer_email: z.string().nullish(),
  committed_date: time,
});
export type GitlabCommit = z.infer<typeof commitSchema>;

export const branchSchema = z.object({
  name: z.string(),
  commit: z.object({ id: z.string() }),
});

export const mergeRequestSchema = z.object({
  iid: z.number(),
  title: z.string(),
  description: z.string().nullish(),
  state: z.string(),
  updated_at: time,
  merged_at: time.nullish(),
  target_branch: z.string(),
  source_branch: z.string(),
  author: userSchema,
  /** `merged_by` is its deprecated twin. */
  merge_user: userSchema.nullish(),
  merged_by: userSchema.nullish(),
  labels: z.array(z.string()),
  /** The head commit. */
  sha: z.string(),
  merge_commit_sha: z.string().nullish(),
  squash_commit_sha: z.string().nullish(),
  web_url: z.string(),
});
export type GitlabMergeRequest = z.infer<typeof mergeRequestSchema>;

/** `GET /projects/:id/merge_requests/:iid/approvals`. */
export const approvalsSchema = z.object({
  approved: z.boolean().optional(),
  approvals_required: z.number().optional(),
  approvals_left: z.number().optional(),
  approved_by: z.array(
    z.object({
      user: userSchema,
      /** Given by recent GitLab releases; older ones say who, not when. */
      approved_at: time.nullish(),
    }),
  ),
});
export type GitlabApprovals = z.infer<typeof approvalsSchema>;

/** A merge request diff version: one per push, with the head it showed from when. */
export const versionSchema = z.object({
  id: z.number(),
  head_commit_sha: z.string(),
  created_at: time,
});
export type GitlabVersion = z.infer<typeof versionSchema>;

export const diffSchema = z.object({
  old_path: z.string(),
  new_path: z.string(),
  deleted_file: z.boolean().optional(),
});
export type GitlabDiff = z.infer<typeof diffSchema>;

/** `GET /projects/:id/approvals`: who may approve. */
export const projectApprovalSettingsSchema = z.object({
  reset_approvals_on_push: z.boolean().optional(),
  merge_requests_author_approval: z.boolean().nullish(),
  merge_requests_disable_committers_approval: z.boolean().nullish(),
  disable_overriding_approvers_per_merge_request: z.boolean().nullish(),
  require_password_to_approve: z.boolean().nullish(),
  require_reauthentication_to_approve: z.boolean().nullish(),
});
export type GitlabApprovalSettings = z.infer<
  typeof projectApprovalSettingsSchema
>;

export const approvalRuleSchema = z.object({
  id: z.number(),
  name: z.string(),
  rule_type: z.string().optional(),
  approvals_required: z.number(),
  protected_branches: z.array(z.object({ name: z.string() })).optional(),
  applies_to_all_protected_branches: z.boolean().optional(),
});
export type GitlabApprovalRule = z.infer<typeof approvalRuleSchema>;

const accessLevelSchema = z.object({
  access_level: z.number().nullish(),
  access_level_description: z.string().optional(),
});

export const protectedBranchSchema = z.object({
  name: z.string(),
  push_access_levels: z.array(accessLevelSchema).optional(),
  merge_access_levels: z.array(accessLevelSchema).optional(),
  allow_force_push: z.boolean().optional(),
  code_owner_approval_required: z.boolean().optional(),
});
export type GitlabProtectedBranch = z.infer<typeof protectedBranchSchema>;

export const auditEventSchema = z.object({
  id: z.number(),
  created_at: time,
  event_name: z.string().nullish(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type GitlabAuditEvent = z.infer<typeof auditEventSchema>;

export const environmentSchema = z.object({
  id: z.number(),
  name: z.string(),
});

export const deploymentSchema = z.object({
  id: z.number(),
  ref: z.string(),
  sha: z.string(),
  created_at: time,
  updated_at: time,
  status: z.string(),
  user: userSchema.nullish(),
  environment: z.object({ name: z.string() }),
  deployable: z
    .object({
      finished_at: time.nullish(),
      web_url: z.string().nullish(),
      pipeline: z.object({ web_url: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
export type GitlabDeployment = z.infer<typeof deploymentSchema>;
