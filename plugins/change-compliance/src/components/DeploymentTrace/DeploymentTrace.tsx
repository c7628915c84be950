import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DeploymentDetail,
  DeploymentTrace as DeploymentEvidence,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { AsyncState } from 'react-use/esm/useAsyncFn';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { evidenceOfChange } from '../../compliance/changeEvidence';
import { ChangeTrace } from './ChangeTrace';
import { CheckFinding } from './CheckFinding';
import { DeploymentRecord } from './DeploymentRecord';
import { EvidenceStatus } from './EvidenceStatus';
import { VerdictHistory } from './VerdictHistory';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={props.title} mb={2}>
      <Typography variant="h6" component="h4" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function TraceView(props: {
  detail: DeploymentDetail;
  evidence: AsyncState<DeploymentEvidence>;
  repository?: string;
}) {
  const { detail, evidence, repository } = props;
  const unmet = detail.checks.filter(
    c => c.status === 'fail' || c.status === 'pending',
  );
  const artifact = detail.checks.filter(
    c => c.checkId === 'artifact.traceable',
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={7}>
        {unmet.length > 0 && (
          <Section title="What keeps this deployment from being compliant">
            <List dense disablePadding>
              {unmet.map(result => (
                <CheckFinding key={result.checkId} result={result} />
              ))}
            </List>
          </Section>
        )}
        <Section
          title={`Change set: ${detail.changes.length} change${
            detail.changes.length === 1 ? '' : 's'
          }`}
        >
          <EvidenceStatus
            deploymentId={detail.deployment.id}
            loading={evidence.loading}
            error={evidence.error}
          />
          {detail.changes.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {detail.evaluatedAt
                ? 'No change reached production with this deployment (a redeploy or a rollback), or its change set could not be determined: the checks above say which.'
                : 'The change set is traced when the deployment is evaluated.'}
            </Typography>
          ) : (
            detail.changes.map(change => (
              <ChangeTrace
                key={change.changeRef}
                change={change}
                evidence={
                  evidence.value && evidenceOfChange(evidence.value, change)
                }
                deployedAt={detail.deployment.deployedAt}
              />
            ))
          )}
        </Section>
      </Grid>
      <Grid item xs={12} lg={5}>
        <Section title="Deployment record">
          <DeploymentRecord
            deployment={detail.deployment}
            repository={repository}
          />
          <List dense disablePadding>
            {artifact.map(result => (
              <CheckFinding key={result.checkId} result={result} />
            ))}
          </List>
        </Section>
        <Section title="Verdict history">
          <VerdictHistory
            history={detail.history}
            evaluatedAt={detail.evaluatedAt}
          />
        </Section>
      </Grid>
    </Grid>
  );
}

/**
 * The trace of one production deployment, read when its row is opened: the failing checks with
 * reason and remedy, the change set with each change's pull request or commit, reviews, tickets
 * and approvals, the deployment record, and how the verdict came about.
 */
export function DeploymentTrace(props: {
  deploymentId: string;
  repository?: string;
}) {
  const api = useApi(changeComplianceApiRef);
  const { deploymentId, repository } = props;
  const detail = useAsync(
    () => api.getDeployment(deploymentId),
    [api, deploymentId],
  );
  // The evidence is read alongside the verdicts, not after them, so the row opens in one round
  // trip; it is shown apart so that a failure to read it leaves the reasons on screen.
  const evidence = useAsync(
    () => api.getDeploymentTrace(deploymentId),
    [api, deploymentId],
  );
  if (detail.loading) {
    return <Progress aria-label={`Loading the trace of ${deploymentId}`} />;
  }
  if (detail.error) {
    return (
      <ResponseErrorPanel
        title={`Could not load the trace of ${deploymentId}`}
        error={detail.error}
      />
    );
  }
  if (!detail.value) return null;
  return (
    <TraceView
      detail={detail.value}
      evidence={evidence}
      repository={repository}
    />
  );
}
