import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { SourcesResponse } from '@change-compliance/plugin-change-compliance-common';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { formatUtc } from '../../compliance/formatTime';
import { SourceControl } from '../../compliance/serviceRepository';

/**
 * Why the evidence may still be incomplete, or undefined when it is not: the repository has not
 * been synced yet, or a round of syncs is still running. A half-synced service must not read as a
 * compliant one. `provider` is the source control whose round syncs the repository.
 */
export function backfillMessage(
  sources: SourcesResponse,
  repository: string | undefined,
  provider: SourceControl = 'github',
): string | undefined {
  const synced =
    repository !== undefined &&
    sources.sources.some(
      s =>
        s.scope.toLowerCase() === repository.toLowerCase() &&
        s.lastSucceededAt !== null,
    );
  const running = sources.rounds.filter(r => r.finishedAt === null);
  if (repository && !synced) {
    const round = running.find(r => r.provider === provider);
    return `${repository} has not been synced yet${
      round
        ? `: the sync started at ${formatUtc(round.startedAt)} has done ${
            round.done
          } of ${round.total} ${
            provider === 'gitlab' ? 'projects' : 'repositories'
          }`
        : ''
    }. Until it is, this service's deployments and verdicts are incomplete.`;
  }
  if (running.length > 0) {
    return `Evidence is still being synced (${running
      .map(r => `${r.provider}: ${r.done} of ${r.total} done`)
      .join('; ')}). Verdicts may change when it completes.`;
  }
  return undefined;
}

/** A notice above the tab while its evidence is still being synced; nothing otherwise. */
export function BackfillNotice(props: {
  repository?: string;
  sourceControl?: SourceControl;
}) {
  const api = useApi(changeComplianceApiRef);
  const { value } = useAsync(() => api.getSources(), [api]);
  const message = value
    ? backfillMessage(value, props.repository, props.sourceControl)
    : undefined;
  return message ? (
    <WarningPanel
      severity="info"
      title="Evidence still being synced"
      message={message}
      defaultExpanded
    />
  ) : null;
}
