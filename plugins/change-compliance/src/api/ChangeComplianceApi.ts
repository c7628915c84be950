import { createApiRef } from '@backstage/frontend-plugin-api';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';

/**
 * What the Change Compliance views read from the backend: the public surface of the shared typed
 * client, so that an app can swap in its own implementation and tests can mock it.
 *
 * @public
 */
export type ChangeComplianceApi = Pick<
  ChangeComplianceClient,
  keyof ChangeComplianceClient
>;

/**
 * The Change Compliance API. Both frontend systems register `ChangeComplianceClient` under it,
 * with the app's discovery and fetch APIs (which sign requests in as the viewer).
 *
 * @public
 */
export const changeComplianceApiRef = createApiRef<ChangeComplianceApi>().with({
  id: 'plugin.change-compliance.api',
  pluginId: 'change-compliance',
});
