import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import { changeComplianceApiRef } from './api/ChangeComplianceApi';
import { auditWorkspaceRouteRef } from './routes';

/**
 * The Change Compliance plugin for the legacy frontend system. Apps on the new frontend system
 * install the default export of `@change-compliance/plugin-change-compliance/alpha` instead.
 *
 * @public
 */
export const changeCompliancePlugin = createPlugin({
  id: 'change-compliance',
  apis: [
    createApiFactory({
      api: changeComplianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ChangeComplianceClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: auditWorkspaceRouteRef },
});

/**
 * The Change Compliance tab, for an `EntityLayout.Route` of the legacy entity page. The tab's
 * path is the app's to choose, so this is a plain component, not a routable extension.
 *
 * @public
 */
export const EntityChangeComplianceContent = changeCompliancePlugin.provide(
  createComponentExtension({
    name: 'EntityChangeComplianceContent',
    component: {
      lazy: () =>
        import('./components/EntityChangeComplianceContent').then(
          m => m.EntityChangeComplianceContent,
        ),
    },
  }),
);

/**
 * The Change Compliance tab of a group, for an `EntityLayout.Route` of the legacy group page: the
 * group's score and every service it owns, directly or through its sub-groups.
 *
 * @public
 */
export const EntityGroupChangeComplianceContent =
  changeCompliancePlugin.provide(
    createComponentExtension({
      name: 'EntityGroupChangeComplianceContent',
      component: {
        lazy: () =>
          import('./components/GroupCompliance').then(
            m => m.EntityGroupChangeComplianceContent,
          ),
      },
    }),
  );

/**
 * A small card for the legacy entity page's Overview tab: the service's score over the last 90
 * days with its counts, and a link to its Change Compliance tab (expected at the tab path
 * `change-compliance`).
 *
 * @public
 */
export const EntityChangeComplianceOverviewCard =
  changeCompliancePlugin.provide(
    createComponentExtension({
      name: 'EntityChangeComplianceOverviewCard',
      component: {
        lazy: () =>
          import('./components/ComplianceOverviewCard').then(
            m => m.EntityChangeComplianceOverviewCard,
          ),
      },
    }),
  );

/**
 * The auditor's workspace, for a `Route` of the legacy app (e.g. at `/change-compliance`): scope,
 * policy, sources, population, a reproducible stratified sample walked through the testing
 * steps, review marks and the evidence package.
 *
 * @public
 */
export const ChangeComplianceAuditPage = changeCompliancePlugin.provide(
  createRoutableExtension({
    name: 'ChangeComplianceAuditPage',
    component: () =>
      import('./components/AuditWorkspace').then(m => m.AuditWorkspacePage),
    mountPoint: auditWorkspaceRouteRef,
  }),
);
