import { Entity } from '@backstage/catalog-model';
import { ProfileTransform, SignInResolver } from '@backstage/plugin-auth-node';
import { DemoPersona } from './demoPersonas';

/** What the demo provider's authenticator hands on: the persona the request asked for. */
export interface DemoPersonaResult {
  persona: DemoPersona;
}

/**
 * Signs in as the persona's catalog user. The identity's ownership refs are the ones the catalog
 * gives the user (the user and the groups it is a member of), so the permission policy decides on
 * the persona's real groups. A persona whose user is not in the catalog cannot sign in: there is
 * no fallback to a token without groups.
 */
export const signInAsDemoPersona: SignInResolver<DemoPersonaResult> = async (
  { result },
  ctx,
) => ctx.signInWithCatalogUser({ entityRef: result.persona.userEntityRef });

/**
 * The persona's profile from its catalog user, so the signed-in identity (the sidebar's settings
 * and the settings page) shows the person's name and e-mail rather than an entity reference.
 */
export const demoPersonaProfile: ProfileTransform<DemoPersonaResult> = async (
  { persona },
  ctx,
) => {
  const { entity } = await ctx.findCatalogUser({
    entityRef: persona.userEntityRef,
  });
  const profile = readUserProfile(entity);
  return {
    profile: {
      displayName: profile.displayName ?? entity.metadata.name,
      email: profile.email,
      picture: profile.picture,
    },
  };
};

function readUserProfile(entity: Entity): {
  displayName?: string;
  email?: string;
  picture?: string;
} {
  const profile = entity.spec?.profile;
  if (typeof profile !== 'object' || profile === null) {
    return {};
  }
  const text = (key: string) => {
    const value = (profile as Record<string, unknown>)[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return {
    displayName: text('displayName'),
    email: text('email'),
    picture: text('picture'),
  };
}
