import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ChangeCompliancePermissionPolicy } from './ChangeCompliancePermissionPolicy';

/** Installs the portal's permission policy in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'change-compliance-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          ChangeCompliancePermissionPolicy.fromConfig(config, { userInfo }),
        );
      },
    });
  },
});
