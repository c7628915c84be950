import { PERIODS } from '../../compliance/period';
import { FilterSelect } from '../DeploymentHistory/FilterSelect';

const OPTIONS = PERIODS.map(p => ({ value: String(p.days), label: p.label }));

/** The period of the whole tab: the score, the trend and the history all cover it. */
export function PeriodSelect(props: {
  days: number;
  onChange: (days: number) => void;
}) {
  return (
    <FilterSelect
      id="change-compliance-period"
      label="Period"
      value={String(props.days)}
      options={OPTIONS}
      onChange={value => props.onChange(Number(value))}
    />
  );
}
