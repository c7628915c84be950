import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import { changeComplianceApiRef } from './api/ChangeComplianceApi';
import { isChangeComplianceAvailable } from './isChangeComplianceAvailable';

/**
 * The Change Compliance API for the new frontend system: the shared typed client, signed in as
 * the viewer through the app's fetch API.
 *
 * @alpha
 */
export const changeComplianceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: changeComplianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ChangeComplianceClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Change Compliance tab on entity pages of the new frontend system, shown on every entity
 * that names its repository: score, weekly trend and the traced deployment history.
 *
 * @alpha
 */
export const changeComplianceEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'change-compliance',
    title: 'Change Compliance',
    filter: isChangeComplianceAvailable,
    loader: () =>
      import('./components/EntityChangeComplianceContent').then(m => (
        <m.EntityChangeComplianceContent />
      )),
  },
});

/**
 * The Change Compliance tab on group pages of the new frontend system: the group's score and
 * every service it owns, directly or through its sub-groups. Its own extension (id
 * `entity-content:change-compliance/group`), so an app can move or turn off either tab alone.
 *
 * @alpha
 */
export const changeComplianceGroupEntityContent = EntityContentBlueprint.make({
  name: 'group',
  params: {
    path: 'change-compliance',
    title: 'Change Compliance',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupCompliance').then(m => (
        <m.EntityGroupChangeComplianceContent />
      )),
  },
});

/**
 * The Change Compliance plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'change-compliance',
  title: 'Change Compliance',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    changeComplianceApi,
    changeComplianceEntityContent,
    changeComplianceGroupEntityContent,
  ],
});
