import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { SampleBounds } from './policySummary';
import { parseSampleSize } from './sampleSize';

/**
 * Size and seed of the next draw. The seed is the auditor's to choose and write down: the same
 * seed over the same population draws the same sample, which is how a reviewer re-performs the
 * selection. Left empty, the backend picks one and the field then shows it.
 */
export function SampleControls(props: {
  bounds: SampleBounds;
  sizeText: string;
  seed: string;
  /** Why no sample can be drawn now, if so. */
  blocked?: string;
  drawing: boolean;
  onSizeChange: (sizeText: string) => void;
  onSeedChange: (seed: string) => void;
  onDraw: (request: { size: number; seed?: string }) => void;
}) {
  const { bounds, sizeText, seed, blocked, drawing } = props;
  const size = parseSampleSize(sizeText, bounds);
  const sizeProblem = 'problem' in size ? size.problem : undefined;
  return (
    <Grid container spacing={2} alignItems="flex-start">
      <Grid item xs={12} sm={3} md={2}>
        <TextField
          id="change-compliance-sample-size"
          label="Sample size"
          type="number"
          fullWidth
          value={sizeText}
          error={Boolean(sizeProblem)}
          helperText={sizeProblem ?? `${bounds.min} to ${bounds.max} changes`}
          inputProps={{ min: bounds.min, max: bounds.max, step: 1 }}
          InputLabelProps={{ shrink: true }}
          onChange={e => props.onSizeChange(e.target.value)}
        />
      </Grid>
      <Grid item xs={12} sm={5} md={4}>
        <TextField
          id="change-compliance-sample-seed"
          label="Seed"
          fullWidth
          value={seed}
          placeholder="Random unless given"
          // The backend's limit: any printable text up to 128 characters.
          inputProps={{ maxLength: 128 }}
          helperText="The same seed over the same population draws the same sample."
          InputLabelProps={{ shrink: true }}
          onChange={e => props.onSeedChange(e.target.value)}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={6}>
        <Box pt={1}>
          <Button
            variant="contained"
            color="primary"
            disabled={Boolean(blocked || sizeProblem) || drawing}
            onClick={() =>
              'size' in size &&
              props.onDraw({ size: size.size, seed: seed.trim() || undefined })
            }
          >
            {drawing ? 'Drawing…' : 'Draw sample'}
          </Button>
          {blocked && (
            <Typography variant="body2" color="textSecondary">
              {blocked}
            </Typography>
          )}
        </Box>
      </Grid>
    </Grid>
  );
}
