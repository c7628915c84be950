/*
 * The demo persona sign-in's configuration. It lives here, beside the sign-in page that shows the
 * personas, because the frontend only receives config that a schema in its own dependency tree
 * marks visible; the backend (packages/backend/src/auth), which depends on this package, is
 * checked against the same schema.
 */
export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo sign-in as one of a few personas, each a user of the demo catalog, so every view can
       * be tried with the permissions that role has. Without this key there are no personas: the
       * provider does not exist and the sign-in page does not offer them.
       */
      demo?: {
        /**
         * The personas, in the order the sign-in page shows them. Only these can be signed in as.
         * @deepVisibility frontend
         */
        personas: Array<{
          /** Sent by the sign-in page to choose the persona: lower-case letters, digits and dashes. */
          id: string;
          /** The role, e.g. `Auditor`. */
          title: string;
          /** The catalog user the persona signs in as, e.g. `user:default/henrik.berg`. */
          userEntityRef: string;
          /** Who the persona is and what to try as them. */
          description: string;
        }>;
        /**
         * Offer the personas outside development mode too. Anyone who reaches the portal can then
         * sign in as any of them without a credential.
         */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
