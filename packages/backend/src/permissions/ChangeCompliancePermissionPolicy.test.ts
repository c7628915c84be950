import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  auditExportPermission,
  deploymentIngestPermission,
  evidenceReadPermission,
} from '@change-compliance/plugin-change-compliance-common';
import { ChangeCompliancePermissionPolicy } from './ChangeCompliancePermissionPolicy';

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

function userWith(userEntityRef: string, ownershipEntityRefs: string[]) {
  const credentials = mockCredentials.user(userEntityRef);
  return {
    credentials,
    info: { userEntityRef, ownershipEntityRefs },
    userInfo: mockServices.userInfo({ userEntityRef, ownershipEntityRefs }),
  };
}

describe('ChangeCompliancePermissionPolicy', () => {
  const auditor = userWith('user:default/henrik.berg', [
    'user:default/henrik.berg',
    'group:default/auditors',
  ]);
  const engineer = userWith('user:default/alice.nakamura', [
    'user:default/alice.nakamura',
    'group:default/payments-team',
  ]);

  function policyFor(user: ReturnType<typeof userWith>, config: object = {}) {
    return ChangeCompliancePermissionPolicy.fromConfig(
      new ConfigReader(config),
      {
        userInfo: user.userInfo,
      },
    );
  }

  it('lets an auditor export an evidence package', async () => {
    const decision = await policyFor(auditor).handle(
      { permission: auditExportPermission },
      auditor,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('refuses export to an engineer who is not an auditor', async () => {
    const decision = await policyFor(engineer).handle(
      { permission: auditExportPermission },
      engineer,
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('refuses export when there is no user at all', async () => {
    const decision = await policyFor(auditor).handle({
      permission: auditExportPermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('takes the auditor groups from config', async () => {
    const config = {
      changeCompliance: { auditorGroups: ['group:default/payments-team'] },
    };
    expect(
      (
        await policyFor(engineer, config).handle(
          { permission: auditExportPermission },
          engineer,
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (
        await policyFor(auditor, config).handle(
          { permission: auditExportPermission },
          auditor,
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('lets every signed-in person read evidence and the catalog', async () => {
    for (const permission of [evidenceReadPermission, catalogRead]) {
      const decision = await policyFor(engineer).handle(
        { permission },
        engineer,
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('refuses every person the recording of deployments, auditors too', async () => {
    for (const person of [engineer, auditor]) {
      const decision = await policyFor(person).handle(
        { permission: deploymentIngestPermission },
        person,
      );
      expect(decision.result).toBe(AuthorizeResult.DENY);
    }
  });
});
