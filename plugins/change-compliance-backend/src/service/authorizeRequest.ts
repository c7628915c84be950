import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { requirePermission } from './requirePermission';

/**
 * The caller's credentials, when they are of an allowed kind (else 401 or 403) and the
 * permission policy allows the permission (else 403).
 */
export async function authorizeRequest(
  services: { httpAuth: HttpAuthService; permissions: PermissionsService },
  req: Request,
  permission: BasicPermission,
  allow: Array<'user' | 'service'>,
): Promise<BackstageCredentials> {
  const credentials = await services.httpAuth.credentials(req, { allow });
  await requirePermission(services.permissions, credentials, permission);
  return credentials;
}
