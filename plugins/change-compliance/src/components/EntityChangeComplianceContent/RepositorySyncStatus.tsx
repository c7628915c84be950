import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { formatUtc } from '../../compliance/formatTime';

/**
 * How the repository's evidence source last synced, which often explains an empty history: not
 * synced yet, or failing. Says nothing when the sources cannot be read: the empty state stands on
 * its own.
 */
export function RepositorySyncStatus(props: { repository: string }) {
  const api = useApi(changeComplianceApiRef);
  const { value } = useAsync(() => api.getSources(), [api]);
  if (!value) return null;
  const source = value.sources.find(
    s => s.scope.toLowerCase() === props.repository.toLowerCase(),
  );
  let text: string;
  if (!source || (!source.lastSucceededAt && !source.lastFailedAt)) {
    text = `${props.repository} has not been synced yet.`;
  } else if (
    source.lastFailedAt &&
    (!source.lastSucceededAt ||
      Date.parse(source.lastFailedAt) > Date.parse(source.lastSucceededAt))
  ) {
    text = `The last sync of ${props.repository} failed at ${formatUtc(
      source.lastFailedAt,
    )}: ${source.lastError ?? 'no message'}.`;
  } else {
    text = `${props.repository} was last synced at ${formatUtc(
      source.lastSucceededAt,
    )} (${source.itemsSynced} items so far).`;
  }
  return (
    <Typography variant="body2" component="span" display="block">
      {text}
    </Typography>
  );
}
