import { InfoCard } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { AsyncState } from 'react-use/esm/useAsyncFn';
import { FactTable } from './FactTable';
import { Loaded } from './Loaded';
import { policyLines } from './policySummary';
import { stepName, TESTING_STEPS } from './testingSteps';

/**
 * Step 1: the change management policy the verdicts were judged under, summed up rule by rule,
 * with the policy as configured beside it (it goes into the evidence package as it is).
 */
export function PolicyCard(props: {
  policy: AsyncState<Record<string, unknown>>;
}) {
  return (
    <InfoCard title={stepName(1)} subheader={TESTING_STEPS[1].text}>
      <Loaded
        state={props.policy}
        loadingLabel="Loading the policy in force"
        errorTitle="Could not read the policy in force"
      >
        {policy => (
          <>
            <FactTable label="Policy in force" facts={policyLines(policy)} />
            <Accordion elevation={0}>
              <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                <Typography variant="body2">
                  The policy as configured
                </Typography>
              </AccordionSummary>
              <AccordionDetails>
                <Typography
                  component="pre"
                  variant="body2"
                  style={{
                    fontFamily: 'monospace',
                    overflowX: 'auto',
                    margin: 0,
                  }}
                >
                  {JSON.stringify(policy, null, 2)}
                </Typography>
              </AccordionDetails>
            </Accordion>
          </>
        )}
      </Loaded>
    </InfoCard>
  );
}
