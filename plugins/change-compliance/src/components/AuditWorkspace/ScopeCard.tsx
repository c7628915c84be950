import { InfoCard, WarningPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { AsyncState } from 'react-use/esm/useAsyncFn';
import { ScopeInput } from './auditScope';
import { EntityRefSelect } from './EntityRefSelect';
import { ScopeCatalog } from './useScopeCatalog';

const PICKERS: Array<{
  key: keyof ScopeCatalog;
  label: string;
  whenEmpty: string;
}> = [
  { key: 'systems', label: 'Systems', whenEmpty: 'Any system' },
  { key: 'groups', label: 'Groups', whenEmpty: 'Any group' },
  { key: 'services', label: 'Services', whenEmpty: 'Any service' },
];

/**
 * What the audit covers: the period, in whole UTC days, and the systems, teams and services in
 * scope. Systems and groups stand for their services (a group's sub-groups included), so a scope
 * can be written as the auditor's engagement letter writes it.
 */
export function ScopeCard(props: {
  value: ScopeInput;
  problem?: string;
  catalog: AsyncState<ScopeCatalog>;
  onChange: (value: ScopeInput) => void;
}) {
  const { value, problem, catalog, onChange } = props;
  const change = (patch: Partial<ScopeInput>) =>
    onChange({ ...value, ...patch });
  const options = catalog.value ?? { systems: [], groups: [], services: [] };
  const pickerHint = catalog.loading ? 'Loading the catalog…' : undefined;
  return (
    <InfoCard
      title="Audit scope"
      subheader="The period and what it covers. Systems and groups stand for the services they contain or own, sub-groups included; nothing chosen means every service."
    >
      <Grid container spacing={2}>
        <Grid item xs={6} md={3}>
          <TextField
            id="change-compliance-audit-from"
            label="First day"
            type="date"
            fullWidth
            value={value.fromDate}
            InputLabelProps={{ shrink: true }}
            onChange={e => change({ fromDate: e.target.value })}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField
            id="change-compliance-audit-to"
            label="Last day"
            type="date"
            fullWidth
            value={value.toDate}
            helperText="UTC days, both included"
            InputLabelProps={{ shrink: true }}
            onChange={e => change({ toDate: e.target.value })}
          />
        </Grid>
        {/* The pickers start a row of their own, below the period. */}
        <Grid item md={6} />
        {PICKERS.map(picker => (
          <Grid item xs={12} md={4} key={picker.key}>
            <EntityRefSelect
              id={`change-compliance-audit-${picker.key}`}
              label={picker.label}
              whenEmpty={picker.whenEmpty}
              options={options[picker.key]}
              value={value[picker.key]}
              helperText={pickerHint}
              onChange={refs => change({ [picker.key]: refs })}
            />
          </Grid>
        ))}
      </Grid>
      {problem && (
        <Typography role="alert" color="error" variant="body2">
          {problem}
        </Typography>
      )}
      {catalog.error && (
        <WarningPanel
          severity="warning"
          title="Could not read the catalog"
          message={`Systems, groups and services cannot be chosen (${catalog.error.message}); the scope covers every service until the catalog can be read.`}
        />
      )}
    </InfoCard>
  );
}
