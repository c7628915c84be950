/*
 * The portal's backend: the catalog with the demo organisation, guest and demo persona sign-in,
 * the permission framework with the portal's policy, the Change Compliance plugin, and GitHub
 * webhooks.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in. The demo offers the guest provider, signed in as user:default/guest from the catalog,
// and the demo personas below.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// The demo's personas (engineer, team lead, auditor), offered only where auth.providers.demo is
// configured (app-config.yaml; app-config.production.yaml removes it).
backend.add(import('./auth/demoPersonasModule'));

// The software catalog: services, systems, groups and users.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permissions, decided by the portal's own policy (src/permissions).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions/module'));

// Change Compliance: evidence store, evaluation and API at /api/change-compliance.
backend.add(import('@change-compliance/plugin-change-compliance-backend'));
// Evidence from GitHub (in the demo, the upstream simulator on :7100; see app-config.yaml).
backend.add(
  import('@change-compliance/plugin-change-compliance-backend-module-github'),
);
// Evidence from GitLab projects (`gitlab.com/project-slug`; integrations.gitlab in app-config.yaml).
backend.add(
  import('@change-compliance/plugin-change-compliance-backend-module-gitlab'),
);
// Deployments from Argo CD: the history of each application a catalog entity names with
// `argocd/app-name`, from the instances of the `argocd` section (in the demo, two simulated ones).
backend.add(
  import('@change-compliance/plugin-change-compliance-backend-module-argocd'),
);
// What production runs (pods of entities annotated backstage.io/kubernetes-id, from the
// `kubernetes` section's clusters) and the images' build provenance (GitHub artifact attestations).
backend.add(
  import(
    '@change-compliance/plugin-change-compliance-backend-module-kubernetes'
  ),
);
// Tickets and CAB approvals from Jira (in the demo, the simulator's Jira; changeCompliance.jira).
backend.add(
  import('@change-compliance/plugin-change-compliance-backend-module-jira'),
);
// ServiceNow change requests as tickets, with their approval records (changeCompliance.servicenow).
backend.add(
  import(
    '@change-compliance/plugin-change-compliance-backend-module-servicenow'
  ),
);

// GitHub webhooks: received at /api/events/http/github and refused unless signed with
// events.modules.github.webhookSecret (app-config.yaml); Change Compliance syncs the repository a
// delivery is about within seconds instead of at its next scheduled sync.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));

// MCP endpoint for AI assistants, exposing the read-only actions of the plugins listed in
// backend.actions.pluginSources (app-config.yaml).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
