import { useApi } from '@backstage/core-plugin-api';
import {
  AuditReviewMark,
  AuditSample,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';

type Conclusion = AuditReviewMark['conclusion'];

const CONCLUSIONS: Array<{ value: Conclusion; label: string }> = [
  {
    value: 'effective',
    label: 'Effective: the control operated for this change',
  },
  {
    value: 'exception',
    label: 'Exception: the change deviates from the control',
  },
];

/**
 * The auditor's mark on a sampled change after walking its evidence. Nothing is chosen for them
 * (the engine's verdict is a finding, not the auditor's conclusion), and the note is required: a
 * conclusion without its grounds is no working paper. The backend stores who marked it and when.
 */
export function ReviewForm(props: {
  sampleId: string;
  deploymentId: string;
  reviewed: boolean;
  onReviewed: (sample: AuditSample) => void;
}) {
  const api = useApi(changeComplianceApiRef);
  const { sampleId, deploymentId, reviewed, onReviewed } = props;
  const [conclusion, setConclusion] = useState<Conclusion | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [state, save] = useAsyncFn(
    async (review: { conclusion: Conclusion; note: string }) => {
      const sample = await api.reviewAuditSampleItem(
        sampleId,
        deploymentId,
        review,
      );
      setConclusion('');
      setNote('');
      setTried(false);
      onReviewed(sample);
    },
    [api, sampleId, deploymentId, onReviewed],
  );
  const noteMissing = note.trim() === '';
  const conclusionMissing = conclusion === '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (conclusion === '' || noteMissing) return;
    save({ conclusion, note: note.trim() });
  };

  return (
    // The browser's own validation stays off: the messages below say what is missing.
    <form aria-label={`Review of ${deploymentId}`} onSubmit={submit} noValidate>
      <FormControl
        component="fieldset"
        error={tried && conclusionMissing}
        margin="dense"
      >
        <FormLabel component="legend">Conclusion</FormLabel>
        <RadioGroup
          name={`conclusion-${deploymentId}`}
          value={conclusion}
          onChange={e => setConclusion(e.target.value as Conclusion)}
        >
          {CONCLUSIONS.map(option => (
            <FormControlLabel
              key={option.value}
              value={option.value}
              control={<Radio color="primary" />}
              label={option.label}
            />
          ))}
        </RadioGroup>
        {tried && conclusionMissing && (
          <Typography variant="caption" color="error">
            Choose a conclusion.
          </Typography>
        )}
      </FormControl>
      <TextField
        id={`change-compliance-review-note-${deploymentId}`}
        label="Note"
        required
        multiline
        minRows={3}
        fullWidth
        margin="dense"
        variant="outlined"
        value={note}
        error={tried && noteMissing}
        helperText={
          tried && noteMissing
            ? 'Write what the conclusion rests on.'
            : 'What the conclusion rests on: the evidence seen, an explanation obtained, a follow-up.'
        }
        onChange={e => setNote(e.target.value)}
      />
      <Box mt={1}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={state.loading}
        >
          {reviewed ? 'Replace the review mark' : 'Mark as reviewed'}
        </Button>
      </Box>
      {state.error && (
        <Typography role="alert" variant="body2" color="error">
          Could not record the review: {state.error.message}
        </Typography>
      )}
    </form>
  );
}
