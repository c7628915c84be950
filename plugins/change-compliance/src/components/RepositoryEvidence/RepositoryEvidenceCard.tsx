import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { RepositoryEvidenceDetails } from './RepositoryEvidenceDetails';
import { RepositoryNotSynced } from './RepositoryNotSynced';

const TITLE = 'Repository evidence';

/** The backend answers 404 while the store does not know the service's repository. */
function isNotFound(error: Error): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

/**
 * The repository a service's changes come from and the protection of its production branches, now
 * and over time: the control that makes the per-deployment review checks meaningful.
 *
 * @public
 */
export function RepositoryEvidenceCard(props: {
  entityRef: string;
  /** The repository the entity's annotation names, for the not-synced message. */
  repository?: string;
}) {
  const { entityRef, repository } = props;
  const api = useApi(changeComplianceApiRef);
  const evidence = useAsync(
    // Async so that an implementation answering nothing reads as no evidence rather than throwing.
    async () => api.getRepositoryEvidence(entityRef),
    [api, entityRef],
  );

  if (evidence.error && !isNotFound(evidence.error)) {
    return (
      <ResponseErrorPanel
        title="Could not load the repository evidence of this service"
        error={evidence.error}
      />
    );
  }
  let content;
  if (evidence.error) {
    content = <RepositoryNotSynced repository={repository} />;
  } else if (evidence.loading) {
    content = <Progress aria-label="Loading the repository evidence" />;
  } else if (!evidence.value) {
    // An API that answers nothing (an app's own implementation, or a test stub) has no evidence.
    return null;
  } else {
    content = <RepositoryEvidenceDetails evidence={evidence.value} />;
  }
  return <InfoCard title={TITLE}>{content}</InfoCard>;
}
