import {
  AuditSampleItem,
  AuditStepResult,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { CheckFinding } from '../DeploymentTrace/CheckFinding';
import { STEP_STATUS_TEXT, StepStatus } from './StepStatus';
import { ITEM_STEPS, stepName, TESTING_STEPS } from './testingSteps';

type ItemStep = (typeof ITEM_STEPS)[number];

/** What went live, for step 6: the artefact the deployment record names. */
function Artefact(props: { item: AuditSampleItem }) {
  const { item } = props;
  const parts: Array<[string, string | undefined]> = [
    ['Commit', item.commitSha],
    ['Image tag', item.imageTag],
    ['Image digest', item.imageDigest],
    ['Config version', item.configVersion],
  ];
  return (
    <Typography variant="body2" component="div">
      {parts
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} style={{ wordBreak: 'break-all' }}>
            {label}: <code>{value}</code>
          </div>
        ))}
    </Typography>
  );
}

/** Facts of the item a step rests on besides its checks. */
function stepFacts(step: ItemStep, item: AuditSampleItem): ReactNode {
  if (step === 6) return <Artefact item={item} />;
  if (step === 8 && item.emergency) {
    return (
      <Typography variant="body2">
        An emergency change: review and approval could follow the deployment
        within the policy's window.
      </Typography>
    );
  }
  return null;
}

/**
 * One testing step (4 to 8) for a sampled change: what the step asks, its finding, and each check
 * behind it with the reason the engine gave, which names the evidence (who approved, when, on
 * which commit).
 */
export function StepPanel(props: {
  step: ItemStep;
  result?: AuditStepResult;
  item: AuditSampleItem;
}) {
  const { step, result, item } = props;
  const statusText = result ? STEP_STATUS_TEXT[result.status] : 'not evaluated';
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`${stepName(step)}: ${statusText}`}
    >
      <Box p={2}>
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="baseline"
          style={{ gap: 16 }}
        >
          <Typography variant="subtitle1" component="h5">
            {stepName(step)}
          </Typography>
          <StepStatus status={result?.status} />
        </Box>
        <Typography variant="body2" color="textSecondary" paragraph>
          {TESTING_STEPS[step].text}
        </Typography>
        {stepFacts(step, item)}
        {result ? (
          <List dense disablePadding>
            {result.checks.map(check => (
              <CheckFinding
                key={check.checkId}
                result={{ ...check, evidenceRefs: [] }}
              />
            ))}
          </List>
        ) : (
          <Typography variant="body2">
            No finding: the deployment has not been evaluated yet.
          </Typography>
        )}
      </Box>
    </Paper>
  );
}
