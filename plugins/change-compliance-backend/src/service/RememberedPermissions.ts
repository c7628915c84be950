import {
  BackstageCredentials,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';

/** Bound on the remembered decisions: one per active caller and permission. */
const MAX_DECISIONS = 10_000;

/**
 * The portal's permissions service, remembering the policy's decision on a basic permission for
 * a caller for a few seconds.
 *
 * Why: every request to this API asks the permission backend over HTTP, with a plugin token
 * signed for that call; under load that round trip costs more than answering the request itself.
 * A decision on a basic permission depends only on the policy and the caller's token. The policy
 * is code, changed by a restart; a user's groups reach their token only at its next refresh, up
 * to an hour later, so a few more seconds change nothing an administrator could rely on.
 *
 * Not remembered: decisions about a resource (they depend on the resource), conditional
 * decisions, and batches of several permissions.
 */
export class RememberedPermissions implements PermissionsService {
  private readonly decisions = new Map<
    string,
    { response: AuthorizePermissionResponse; until: number }
  >();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly options: { seconds: number; now?: () => number },
  ) {}

  async authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    const key = this.keyOf(requests, options.credentials);
    if (key === undefined) return this.permissions.authorize(requests, options);
    const now = this.now();
    const remembered = this.decisions.get(key);
    if (remembered && remembered.until > now) return [remembered.response];

    const responses = await this.permissions.authorize(requests, options);
    if (this.decisions.size >= MAX_DECISIONS) {
      // Maps iterate in insertion order: the first key is the oldest decision.
      this.decisions.delete(this.decisions.keys().next().value!);
    }
    this.decisions.delete(key);
    this.decisions.set(key, {
      response: responses[0],
      until: now + this.options.seconds * 1000,
    });
    return responses;
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    return this.permissions.authorizeConditional(requests, options);
  }

  private keyOf(
    requests: AuthorizePermissionRequest[],
    credentials: BackstageCredentials,
  ): string | undefined {
    if (this.options.seconds <= 0 || requests.length !== 1) return undefined;
    const [request] = requests;
    if (request.permission.type !== 'basic' || 'resourceRef' in request) {
      return undefined;
    }
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
      actor?: { subject: string };
    };
    let who: string | undefined;
    if (principal.type === 'user') who = principal.userEntityRef;
    if (principal.type === 'service') who = principal.subject;
    if (!who) return undefined;
    return JSON.stringify([
      principal.type,
      who,
      principal.actor?.subject ?? null,
      request.permission.name,
    ]);
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }
}
