import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';

/**
 * One of the demo's sign-in personas: a role (engineer, team lead, auditor) played by a user of
 * the demo catalog. Signing in as the persona signs in as that user, with the user's groups.
 */
export interface DemoPersona {
  /** What the sign-in page sends to choose the persona, e.g. `auditor`. */
  id: string;
  /** The catalog user the persona signs in as, e.g. `user:default/henrik.berg`. */
  userEntityRef: string;
}

/**
 * The request header that names the persona to sign in as. The sign-in page in packages/app sends
 * it with every refresh of the session.
 */
export const DEMO_PERSONA_HEADER = 'x-demo-persona';

const PERSONA_ID = /^[a-z][a-z0-9-]*$/;

/**
 * Reads the personas from the demo provider's config (`auth.providers.demo`). Only the personas
 * listed there can be signed in as: the provider is no way to become any other user. A persona
 * list that cannot be trusted (no personas, an id twice, a reference that is not to a user) stops
 * the provider from starting rather than leaving some personas out.
 */
export function readDemoPersonas(providerConfig: Config): DemoPersona[] {
  const entries = providerConfig.getConfigArray('personas');
  if (entries.length === 0) {
    throw new Error('auth.providers.demo.personas lists no persona');
  }
  const personas: DemoPersona[] = [];
  for (const [index, entry] of entries.entries()) {
    const field = `auth.providers.demo.personas[${index}]`;
    const id = entry.getString('id');
    if (!PERSONA_ID.test(id)) {
      throw new Error(
        `${field}.id must be lower-case letters, digits and dashes, got '${id}'`,
      );
    }
    if (personas.some(persona => persona.id === id)) {
      throw new Error(`${field}.id '${id}' is listed twice`);
    }
    const ref = parseEntityRef(entry.getString('userEntityRef'), {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new Error(
        `${field}.userEntityRef must refer to a User, got '${stringifyEntityRef(
          ref,
        )}'`,
      );
    }
    personas.push({
      id,
      userEntityRef: stringifyEntityRef(ref),
    });
  }
  return personas;
}
