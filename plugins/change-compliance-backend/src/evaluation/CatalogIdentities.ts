import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Actor } from '../engine/evidence';

/** The annotation that names a catalog user's GitHub login (as Backstage's GitHub org ingestion writes it). */
export const GITHUB_USER_LOGIN_ANNOTATION = 'github.com/user-login';

/**
 * Where an account lives. Only a GitHub account is found by its login: a Jira or ServiceNow user
 * name that happens to equal someone's GitHub login is someone else, found by e-mail or not at all.
 */
export type AccountSystem = 'github' | 'other';

/** Resolves upstream identities to catalog users and their groups. */
export interface IdentityResolver {
  resolve(actor: Actor, system?: AccountSystem): Actor;
}

/** The entity refs a relation names, from the catalog's relations and from the raw spec field. */
function refsOf(
  entity: Entity,
  relation: string,
  specField: unknown,
  kind: string,
): string[] {
  const fromRelations = (entity.relations ?? [])
    .filter(r => r.type === relation)
    .map(r => r.targetRef);
  const specValues = Array.isArray(specField) ? specField : [specField];
  const fromSpec = specValues
    .filter((value): value is string => typeof value === 'string')
    .map(value =>
      stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: kind,
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    );
  return [
    ...new Set([...fromRelations, ...fromSpec].map(r => r.toLowerCase())),
  ];
}

/**
 * Who an upstream account is in the catalog: a GitHub login through the user's
 * `github.com/user-login` annotation, an e-mail address (Jira, ServiceNow, commit authors) through
 * the user's profile e-mail, and the groups the user belongs to directly or through parent groups.
 * The engine needs this to tell a member of the owning group, an authorised approver, and the same
 * person behind two accounts. Only explicit matches count: an unknown account stays unknown, so it
 * qualifies for nothing.
 */
export class CatalogIdentities implements IdentityResolver {
  private readonly byLogin = new Map<string, string>();
  private readonly byEmail = new Map<string, string>();
  private readonly groupsOfUser = new Map<string, string[]>();

  static fromEntities(entities: Entity[]): CatalogIdentities {
    return new CatalogIdentities(entities);
  }

  private constructor(entities: Entity[]) {
    const parents = new Map<string, string[]>();
    for (const group of entities.filter(
      e => e.kind.toLowerCase() === 'group',
    )) {
      parents.set(
        stringifyEntityRef(group).toLowerCase(),
        refsOf(group, RELATION_CHILD_OF, group.spec?.parent, 'group'),
      );
    }
    const withAncestors = (groups: string[]) => {
      const seen = new Set<string>();
      const stack = [...groups];
      while (stack.length > 0) {
        const group = stack.pop()!;
        if (seen.has(group)) continue;
        seen.add(group);
        stack.push(...(parents.get(group) ?? []));
      }
      return [...seen].sort();
    };
    for (const user of entities.filter(e => e.kind.toLowerCase() === 'user')) {
      const ref = stringifyEntityRef(user).toLowerCase();
      const login = user.metadata.annotations?.[GITHUB_USER_LOGIN_ANNOTATION];
      if (login) this.byLogin.set(login.toLowerCase(), ref);
      const email = (user.spec?.profile as { email?: string } | undefined)
        ?.email;
      if (email) this.byEmail.set(email.toLowerCase(), ref);
      this.groupsOfUser.set(
        ref,
        withAncestors(
          refsOf(user, RELATION_MEMBER_OF, user.spec?.memberOf, 'group'),
        ),
      );
    }
  }

  resolve(actor: Actor, system: AccountSystem = 'github'): Actor {
    const userRef =
      actor.userRef?.toLowerCase() ??
      (system === 'github'
        ? this.byLogin.get(actor.login.toLowerCase())
        : undefined) ??
      (actor.email ? this.byEmail.get(actor.email.toLowerCase()) : undefined);
    if (!userRef) return actor;
    const groups = [
      ...new Set([
        ...(actor.groups ?? []),
        ...(this.groupsOfUser.get(userRef) ?? []),
      ]),
    ];
    return { ...actor, userRef, groups };
  }
}

/** For evaluations without a catalog (tests, tools): every actor as the evidence says. */
export const NO_CATALOG_IDENTITIES: IdentityResolver = {
  resolve: actor => actor,
};
