import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isChangeComplianceAvailable } from './isChangeComplianceAvailable';

/**
 * The Change Compliance tab on entity pages of the new frontend system, shown on every entity
 * that names its repository.
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
 * The Change Compliance plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'change-compliance',
  title: 'Change Compliance',
  info: { packageJson: () => import('../package.json') },
  extensions: [changeComplianceEntityContent],
});
