import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** The annotations the community Argo CD plugins read; the module reads the same. */
export const ARGOCD_ANNOTATIONS = {
  appName: 'argocd/app-name',
  appSelector: 'argocd/app-selector',
  instanceName: 'argocd/instance-name',
  appNamespace: 'argocd/app-namespace',
} as const;

/** Where a catalog entity's Argo CD applications are. */
export interface ArgoCdTarget {
  entityRef: string;
  /** The application's name, or a label selector that picks its applications. */
  locator: { appName: string } | { selector: string };
  /** The one instance to ask; every configured instance when absent. */
  instanceName?: string;
  appNamespace?: string;
}

/** The entity's Argo CD applications, from its annotations; undefined when it names none. */
export function argoCdTarget(entity: Entity): ArgoCdTarget | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const value = (key: string) => annotations[key]?.trim() || undefined;
  const appName = value(ARGOCD_ANNOTATIONS.appName);
  const selector = value(ARGOCD_ANNOTATIONS.appSelector);
  if (!appName && !selector) return undefined;
  const instanceName = value(ARGOCD_ANNOTATIONS.instanceName);
  const appNamespace = value(ARGOCD_ANNOTATIONS.appNamespace);
  return {
    entityRef: stringifyEntityRef(entity),
    locator: appName ? { appName } : { selector: selector! },
    ...(instanceName ? { instanceName } : {}),
    ...(appNamespace ? { appNamespace } : {}),
  };
}
