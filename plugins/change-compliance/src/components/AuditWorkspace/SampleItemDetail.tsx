import {
  AuditSample,
  AuditSampleItem,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { SourceControlProvider } from '../../api/sourceWebLinks';
import { formatUtc } from '../../compliance/formatTime';
import { VerdictChip } from '../DeploymentHistory/VerdictChip';
import { DeploymentTrace } from '../DeploymentTrace/DeploymentTrace';
import { ReviewForm } from './ReviewForm';
import { ReviewMark } from './ReviewMark';
import { itemVersion } from './SampleItemsTable';
import { StepPanel } from './StepPanel';
import { ITEM_STEPS } from './testingSteps';
import { ScopeCatalog, serviceName } from './useScopeCatalog';

/**
 * One sampled change walked as the testing procedure does: steps 4 to 8 with their findings, the
 * stored evidence behind them (change set, reviews, tickets, approvals, deployment record), and
 * the auditor's review mark.
 */
export function SampleItemDetail(props: {
  sampleId: string;
  item: AuditSampleItem;
  catalog?: ScopeCatalog;
  onReviewed: (sample: AuditSample) => void;
}) {
  const { sampleId, item, catalog, onReviewed } = props;
  const service = catalog?.services.find(s => s.entityRef === item.serviceRef);
  return (
    <Box
      component="section"
      aria-label={`Sampled change ${item.deploymentId}`}
      mt={3}
    >
      <Typography variant="h6" component="h4">
        {itemVersion(item)} of {serviceName(item.serviceRef, catalog)}
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={2}>
        <Typography variant="body2">
          {item.deploymentId} · {item.environment} ·{' '}
          {formatUtc(item.deployedAt)}
          {item.actor && ` · by ${item.actor}`}
          {item.emergency && ' · emergency change'}
        </Typography>
        <VerdictChip verdict={item.verdict} />
      </Box>
      <Grid container spacing={2}>
        {ITEM_STEPS.map(step => (
          <Grid item xs={12} md={6} key={step}>
            <StepPanel
              step={step}
              item={item}
              result={item.steps.find(s => s.step === step)}
            />
          </Grid>
        ))}
        <Grid item xs={12} md={6}>
          <Box component="section" aria-label="Review" p={2}>
            <Typography variant="subtitle1" component="h5">
              Review
            </Typography>
            {item.review && <ReviewMark review={item.review} />}
            <ReviewForm
              key={item.deploymentId}
              sampleId={sampleId}
              deploymentId={item.deploymentId}
              reviewed={Boolean(item.review)}
              onReviewed={onReviewed}
            />
          </Box>
        </Grid>
      </Grid>
      <Box my={3}>
        <Divider />
      </Box>
      <Typography variant="h6" component="h4" gutterBottom>
        Evidence
      </Typography>
      <SourceControlProvider sourceControl={service?.sourceControl}>
        <DeploymentTrace
          deploymentId={item.deploymentId}
          repository={service?.repository}
        />
      </SourceControlProvider>
    </Box>
  );
}
