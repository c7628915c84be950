import { ConfigApi } from '@backstage/frontend-plugin-api';

/** A demo persona as the sign-in page offers it (`auth.providers.demo.personas`, config.d.ts). */
export interface DemoPersona {
  id: string;
  /** The role, e.g. `Auditor`. */
  title: string;
  /** The catalog user the persona signs in as. */
  userEntityRef: string;
  /** Who the persona is and what to try as them. */
  description: string;
}

/**
 * The header that names the persona on each refresh of the session; the backend's demo provider
 * (packages/backend/src/auth) signs in as the persona it names, if its config lists it.
 */
export const DEMO_PERSONA_HEADER = 'x-demo-persona';

/**
 * The personas to offer: those the demo provider's config lists, or none where it is not
 * configured (production), so the sign-in page offers only what the backend will accept.
 */
export function readDemoPersonas(config: ConfigApi): DemoPersona[] {
  return (
    config.getOptionalConfigArray('auth.providers.demo.personas') ?? []
  ).map(persona => ({
    id: persona.getString('id'),
    title: persona.getString('title'),
    userEntityRef: persona.getString('userEntityRef'),
    description: persona.getString('description'),
  }));
}
