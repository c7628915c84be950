import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AuditSample,
  AuditSampleRequest,
  AuditScope,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ReplayIcon from '@material-ui/icons/Replay';
import { useCallback, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { ExportButton } from './ExportButton';
import { SampleBounds } from './policySummary';
import { redrawComparison } from './redrawComparison';
import { SampleControls } from './SampleControls';
import { SampleFacts } from './SampleFacts';
import { SampleHistory } from './SampleHistory';
import { SampleWalk } from './SampleWalk';
import { ScopeCatalog } from './useScopeCatalog';
import { stepName, TESTING_STEPS } from './testingSteps';

/**
 * Step 3's selection and the walk of steps 4 to 8, for a viewer allowed to audit: draw a sample
 * (or open one drawn before), redraw it to show the selection is reproducible, export its
 * evidence package, and walk its changes.
 */
export function SampleSection(props: {
  scope?: AuditScope;
  /** Why no sample can be drawn from the current scope, if so. */
  blocked?: string;
  bounds: SampleBounds;
  catalog?: ScopeCatalog;
}) {
  const { scope, blocked, bounds, catalog } = props;
  const api = useApi(changeComplianceApiRef);
  const [sizeText, setSizeText] = useState<string>();
  const [seed, setSeed] = useState('');
  const [sample, setSample] = useState<AuditSample>();
  const [comparison, setComparison] =
    useState<ReturnType<typeof redrawComparison>>();
  const [selectedId, setSelectedId] = useState<string>();
  const samples = useAsyncRetry(() => api.listAuditSamples(), [api]);
  const refreshSamples = samples.retry;

  // The seed and size fields show the open sample's: drawing again from them repeats it.
  const show = useCallback((next: AuditSample) => {
    setSample(next);
    setSeed(next.seed);
    setSizeText(String(next.size));
    setSelectedId(undefined);
  }, []);

  const [drawing, draw] = useAsyncFn(
    async (request: AuditSampleRequest, repeats?: AuditSample) => {
      const drawn = await api.drawAuditSample(request);
      show(drawn);
      setComparison(repeats && redrawComparison(repeats, drawn));
      refreshSamples();
    },
    [api, show, refreshSamples],
  );
  const [opening, open] = useAsyncFn(
    async (sampleId: string) => {
      show(await api.getAuditSample(sampleId));
      setComparison(undefined);
    },
    [api, show],
  );
  const onReviewed = useCallback(
    (updated: AuditSample) => {
      setSample(updated);
      refreshSamples();
    },
    [refreshSamples],
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title={stepName(3)} subheader={TESTING_STEPS[3].text}>
          <SampleControls
            bounds={bounds}
            sizeText={sizeText ?? String(bounds.default)}
            seed={seed}
            blocked={blocked}
            drawing={drawing.loading}
            onSizeChange={setSizeText}
            onSeedChange={setSeed}
            onDraw={request => scope && draw({ scope, ...request })}
          />
          {drawing.error && (
            <ResponseErrorPanel
              title="Could not draw the sample"
              error={drawing.error}
            />
          )}
          {opening.error && (
            <ResponseErrorPanel
              title="Could not open the sample"
              error={opening.error}
            />
          )}
          {comparison && (
            <Box mt={2}>
              <Typography
                role="status"
                variant="body2"
                color={comparison.same ? 'textPrimary' : 'error'}
              >
                {comparison.text}
              </Typography>
            </Box>
          )}
          {sample && (
            <Box mt={2}>
              <Grid container spacing={2}>
                <Grid item xs={12} md={8}>
                  <SampleFacts sample={sample} />
                </Grid>
                <Grid item xs={12} md={4}>
                  <Box mb={2}>
                    <Button
                      variant="outlined"
                      startIcon={<ReplayIcon />}
                      disabled={drawing.loading}
                      onClick={() =>
                        draw(
                          {
                            scope: sample.scope,
                            size: sample.size,
                            seed: sample.seed,
                          },
                          sample,
                        )
                      }
                    >
                      Redraw with seed {sample.seed}
                    </Button>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      Draws this sample's scope and size again with its seed:
                      the same changes come out unless the population has
                      changed.
                    </Typography>
                  </Box>
                  <ExportButton sampleId={sample.id} />
                </Grid>
              </Grid>
            </Box>
          )}
          <Box mt={3}>
            <Typography variant="subtitle1" component="h4" gutterBottom>
              Samples drawn so far
            </Typography>
            <SampleHistory
              samples={samples}
              openId={sample?.id}
              onOpen={open}
            />
          </Box>
        </InfoCard>
      </Grid>
      {sample && (
        <Grid item xs={12}>
          <SampleWalk
            sample={sample}
            catalog={catalog}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onReviewed={onReviewed}
          />
        </Grid>
      )}
    </Grid>
  );
}
