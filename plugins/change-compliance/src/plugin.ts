import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ChangeComplianceClient } from '@change-compliance/plugin-change-compliance-common';
import { changeComplianceApiRef } from './api/ChangeComplianceApi';

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
