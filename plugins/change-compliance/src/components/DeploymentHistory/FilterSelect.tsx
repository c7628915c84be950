import TextField from '@material-ui/core/TextField';

/**
 * One filter of the tab as a native select: keyboard- and screen-reader-friendly as it comes, and
 * each filter has a handful of options. An option with the value `''` stands for "no filter".
 */
export function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  helperText?: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      value={props.value}
      helperText={props.helperText}
      SelectProps={{ native: true }}
      // A native select always shows its option ("All environments"): the label must stay above
      // it rather than sit on it as an empty field's placeholder would.
      InputLabelProps={{ shrink: true }}
      onChange={e => props.onChange(e.target.value)}
    >
      {props.options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
