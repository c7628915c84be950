import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ARGOCD_ANNOTATIONS,
  argoCdTarget,
  ArgoCdTarget,
} from './argoCdAnnotations';

/** Reads, each time, the catalog entities that name an Argo CD application or selector. */
export function catalogTargets(options: {
  catalog: CatalogService;
  auth: AuthService;
}): () => Promise<ArgoCdTarget[]> {
  const { catalog, auth } = options;
  return async () => {
    const { items } = await catalog.getEntities(
      {
        filter: [
          {
            [`metadata.annotations.${ARGOCD_ANNOTATIONS.appName}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${ARGOCD_ANNOTATIONS.appSelector}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.flatMap(entity => {
      const target = argoCdTarget(entity);
      return target ? [target] : [];
    });
  };
}
