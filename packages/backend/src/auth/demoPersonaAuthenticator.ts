import { InputError, NotAllowedError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';
import {
  DEMO_PERSONA_HEADER,
  DemoPersona,
  readDemoPersonas,
} from './demoPersonas';
import { DemoPersonaResult, demoPersonaProfile } from './demoPersonaSignIn';

interface DemoPersonaContext {
  personas: DemoPersona[];
  /**
   * Whether sign-in as a persona is allowed here. Anyone who reaches the portal could sign in as
   * any persona without a credential, so, like Backstage's guest provider, it is a development
   * mode feature unless the config says otherwise.
   */
  allowed: boolean;
}

/**
 * Which persona a sign-in asks for: the one the `x-demo-persona` header names, if the config
 * lists it. Any other name is refused, so the header cannot be used to become another user.
 */
export const demoPersonaAuthenticator = createProxyAuthenticator<
  DemoPersonaContext,
  DemoPersonaResult,
  undefined
>({
  defaultProfileTransform: demoPersonaProfile,
  initialize({ config }) {
    return {
      personas: readDemoPersonas(config),
      allowed:
        process.env.NODE_ENV === 'development' ||
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
          true,
    };
  },
  async authenticate({ req }, { personas, allowed }) {
    if (!allowed) {
      throw new NotAllowedError(
        "Demo personas are for development mode only; set 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' to offer them elsewhere",
      );
    }
    const known = personas.map(persona => persona.id).join(', ');
    const id = req.header(DEMO_PERSONA_HEADER);
    if (!id) {
      throw new InputError(
        `The ${DEMO_PERSONA_HEADER} header must name the persona to sign in as: one of ${known}`,
      );
    }
    const persona = personas.find(candidate => candidate.id === id);
    if (!persona) {
      throw new NotAllowedError(
        `The ${DEMO_PERSONA_HEADER} header names no demo persona; the personas are ${known}`,
      );
    }
    return { result: { persona } };
  },
});
