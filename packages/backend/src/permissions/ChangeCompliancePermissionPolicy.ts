import { UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  auditExportPermission,
  deploymentIngestPermission,
} from '@change-compliance/plugin-change-compliance-common';

const DEFAULT_AUDITOR_GROUPS = ['group:default/auditors'];

/**
 * The portal's permission policy. Signed-in people may read the catalog and the change evidence;
 * drawing an audit sample and exporting an evidence package takes membership of an auditor group
 * (`changeCompliance.auditorGroups`, default `group:default/auditors`), because the package leaves
 * the portal. Recording deployments is for pipelines only: service principals (external access
 * tokens) never reach this policy, and every person is refused, so nobody can invent a deployment.
 */
export class ChangeCompliancePermissionPolicy implements PermissionPolicy {
  static fromConfig(
    config: Config,
    options: { userInfo: UserInfoService },
  ): ChangeCompliancePermissionPolicy {
    const auditorGroups =
      config.getOptionalStringArray('changeCompliance.auditorGroups') ??
      DEFAULT_AUDITOR_GROUPS;
    return new ChangeCompliancePermissionPolicy(
      auditorGroups.map(ref => ref.toLocaleLowerCase('en-US')),
      options.userInfo,
    );
  }

  constructor(
    private readonly auditorGroups: string[],
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name === deploymentIngestPermission.name) {
      return { result: AuthorizeResult.DENY };
    }
    if (request.permission.name === auditExportPermission.name) {
      return (await this.isAuditor(user))
        ? { result: AuthorizeResult.ALLOW }
        : { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private async isAuditor(user?: PolicyQueryUser): Promise<boolean> {
    if (!user) {
      return false;
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.some(ref =>
      this.auditorGroups.includes(ref.toLocaleLowerCase('en-US')),
    );
  }
}
