import {
  CHECK_IDS,
  CheckId,
} from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import { CHECK_LABELS } from '../../compliance/checkVocabulary';
import { FilterSelect } from './FilterSelect';
import { HistoryFilters as Filters, VerdictChoice } from './historyQuery';

const VERDICTS: Array<{ value: VerdictChoice; label: string }> = [
  { value: 'all', label: 'All verdicts' },
  { value: 'exception', label: 'Exceptions' },
  { value: 'pending', label: 'Pending (emergency window open)' },
  { value: 'compliant', label: 'Compliant' },
];

const CHECKS = [
  { value: '', label: 'Any check' },
  ...CHECK_IDS.map(checkId => ({
    value: checkId,
    label: `${CHECK_LABELS[checkId]} (${checkId})`,
  })),
];

/**
 * The history's own filters: environment, verdict and failing check. The period, which the score
 * shares, is chosen above both.
 */
export function HistoryFilters(props: {
  filters: Filters;
  verdict: VerdictChoice;
  /** Why the verdict filter holds what it holds, when the viewer did not choose it. */
  verdictHint?: string;
  environments: string[];
  onChange: (change: Partial<Filters>) => void;
}) {
  const { filters, verdict, verdictHint, onChange } = props;
  const environments = [
    ...new Set([
      ...props.environments,
      ...(filters.environment ? [filters.environment] : []),
    ]),
  ];
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 16 }}
      mb={2}
      role="group"
      aria-label="History filters"
    >
      <FilterSelect
        id="change-compliance-environment"
        label="Environment"
        value={filters.environment ?? ''}
        options={[
          { value: '', label: 'All environments' },
          ...environments.map(env => ({ value: env, label: env })),
        ]}
        onChange={value => onChange({ environment: value || undefined })}
      />
      <FilterSelect
        id="change-compliance-verdict"
        label="Verdict"
        value={verdict}
        helperText={verdictHint}
        options={VERDICTS}
        onChange={value => onChange({ verdict: value as VerdictChoice })}
      />
      <FilterSelect
        id="change-compliance-check"
        label="Failing check"
        value={filters.check ?? ''}
        options={CHECKS}
        onChange={value =>
          onChange({ check: (value || undefined) as CheckId | undefined })
        }
      />
    </Box>
  );
}
