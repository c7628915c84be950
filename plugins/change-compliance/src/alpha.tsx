import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
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
 * A small card for the Overview tab of every entity that names its repository: the score over the
 * last 90 days with its counts, and a link to the Change Compliance tab.
 *
 * @alpha
 */
export const changeComplianceOverviewCard = EntityCardBlueprint.make({
  params: {
    filter: isChangeComplianceAvailable,
    loader: () =>
      import('./components/ComplianceOverviewCard').then(m => (
        <m.EntityChangeComplianceOverviewCard />
      )),
  },
});

/**
 * Where the auditor's workspace is mounted, the plugin's root route; a page with a route ref and
 * an icon is also an item of the app's navigation.
 */
const auditWorkspaceRouteRef = createRouteRef();

/**
 * The auditor's workspace of the new frontend system, at `/change-compliance` and in the sidebar:
 * scope, policy, sources, population, a reproducible stratified sample walked through the testing
 * steps, review marks and the evidence package.
 *
 * @alpha
 */
export const changeComplianceAuditPage = PageBlueprint.make({
  params: {
    path: '/change-compliance',
    routeRef: auditWorkspaceRouteRef,
    title: 'Change Compliance',
    icon: <AssignmentTurnedInIcon fontSize="inherit" />,
    loader: async () => {
      const [{ AuditWorkspace }, { Content }] = await Promise.all([
        import('./components/AuditWorkspace'),
        import('@backstage/core-components'),
      ]);
      return (
        <Content>
          <AuditWorkspace />
        </Content>
      );
    },
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
  routes: { root: auditWorkspaceRouteRef },
  extensions: [
    changeComplianceApi,
    changeComplianceAuditPage,
    changeComplianceEntityContent,
    changeComplianceGroupEntityContent,
    changeComplianceOverviewCard,
  ],
});
