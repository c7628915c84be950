import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The Kubernetes plugin's annotations: its pods carry `backstage.io/kubernetes-id=<id>`. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** A label selector of its own, in place of the id's (the Kubernetes plugin's override). */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
/** The one namespace its pods run in, when it names one. */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/** A catalog service whose pods a cluster can be asked for. */
export interface KubernetesService {
  entityRef: string;
  labelSelector: string;
  namespace?: string;
}

/** How the Kubernetes plugin finds an entity's pods; undefined for an entity that says nothing. */
export function kubernetesServiceOf(
  entity: Entity,
): KubernetesService | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const selector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim();
  const id = annotations[KUBERNETES_ID_ANNOTATION]?.trim();
  const labelSelector =
    selector || (id ? `${KUBERNETES_ID_ANNOTATION}=${id}` : undefined);
  if (!labelSelector) return undefined;
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION]?.trim();
  return {
    entityRef: stringifyEntityRef(entity),
    labelSelector,
    ...(namespace ? { namespace } : {}),
  };
}

/** The catalog's entities that name their pods, as the Kubernetes plugin would find them. */
export async function catalogKubernetesServices(options: {
  catalog: CatalogService;
  auth: AuthService;
}): Promise<KubernetesService[]> {
  const { items } = await options.catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]:
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
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  return items.flatMap(entity => kubernetesServiceOf(entity) ?? []);
}
