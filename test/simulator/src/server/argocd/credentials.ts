/**
 * The simulated Argo CD instances and what each accepts: a bearer token (an Argo CD API token, as
 * `argocd.appLocatorMethods[].instances[].token` configures it), or a user name and password that
 * `POST /api/v1/session` exchanges for one. They guard nothing real; the demo's app-config uses the
 * same values. An instance that is not listed here is not served.
 */
export interface ArgoCdInstanceCredentials {
  token: string;
  username: string;
  password: string;
}

export type ArgoCdCredentials = Record<string, ArgoCdInstanceCredentials>;

export const ARGOCD_DEMO_CREDENTIALS: ArgoCdCredentials = {
  prod: {
    token: 'argocd-simulator-prod-token',
    username: 'portal',
    password: 'argocd-simulator-prod',
  },
  staging: {
    token: 'argocd-simulator-staging-token',
    username: 'portal',
    password: 'argocd-simulator-staging',
  },
};
