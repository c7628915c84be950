import { IdentityApi } from '@backstage/frontend-plugin-api';

/** How the person chose to sign in: as the guest, or as one of the demo personas. */
export type SignInChoice =
  | { provider: 'guest' }
  | { provider: 'demo'; persona: string };

// Kept in the browser so that a reload signs in again as the same persona, the way Backstage's own
// sign-in page remembers its provider; signing out forgets it, so the page asks again.
const STORAGE_KEY = 'change-compliance:sign-in-choice';

export function rememberSignInChoice(choice: SignInChoice): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
}

export function forgetSignInChoice(): void {
  localStorage.removeItem(STORAGE_KEY);
}

/** The remembered choice, or undefined when there is none or it is not one this page makes. */
export function rememberedSignInChoice(): SignInChoice | undefined {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (!stored) {
    return undefined;
  }
  try {
    const choice = JSON.parse(stored);
    if (choice?.provider === 'guest') {
      return { provider: 'guest' };
    }
    if (choice?.provider === 'demo' && typeof choice.persona === 'string') {
      return { provider: 'demo', persona: choice.persona };
    }
  } catch {
    // Not JSON: not ours to interpret.
  }
  return undefined;
}

/** The signed-in identity, forgetting the choice when the person signs out. */
export function forgettingSignInChoiceOnSignOut(
  identity: IdentityApi,
): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetSignInChoice();
      await identity.signOut();
    },
  };
}
