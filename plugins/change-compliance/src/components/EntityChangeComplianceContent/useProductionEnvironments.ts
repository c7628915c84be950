import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';

/**
 * The environments the policy calls production, for the environment filter. The API has no list
 * of a service's environments, and only production deployments are judged, so the policy's list
 * is the one that matters. Empty when the policy cannot be read: the filter then offers "all".
 */
export function useProductionEnvironments(): string[] {
  const api = useApi(changeComplianceApiRef);
  const { value } = useAsync(async () => {
    const policy = await api.getPolicy();
    const environments = policy.productionEnvironments;
    return Array.isArray(environments)
      ? environments.filter((e): e is string => typeof e === 'string')
      : [];
  }, [api]);
  return value ?? [];
}
