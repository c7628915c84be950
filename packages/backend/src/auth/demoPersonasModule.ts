import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { demoPersonaAuthenticator } from './demoPersonaAuthenticator';
import { signInAsDemoPersona } from './demoPersonaSignIn';

/**
 * Demo sign-in as one of a few personas (an engineer, a team lead, an auditor), each a user of the
 * demo catalog, so every view can be tried with the permissions that role has. The auth backend
 * offers the provider (`/api/auth/demo/refresh`) only when `auth.providers.demo` is configured;
 * without it the provider does not exist and sign-in is whatever else the portal configures.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-personas',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoPersonaAuthenticator,
            signInResolver: signInAsDemoPersona,
          }),
        });
      },
    });
  },
});
