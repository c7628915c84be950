import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The Change Compliance plugin for the legacy frontend system. Apps on the new frontend system
 * install the default export of `@change-compliance/plugin-change-compliance/alpha` instead.
 *
 * @public
 */
export const changeCompliancePlugin = createPlugin({
  id: 'change-compliance',
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
