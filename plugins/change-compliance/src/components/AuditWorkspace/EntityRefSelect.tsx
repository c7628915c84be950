import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ScopeEntity } from './useScopeCatalog';

/**
 * A multiple choice of catalog entities for the scope. Nothing chosen is a choice too ("every
 * one"), so the empty field says what it means instead of staying blank.
 */
export function EntityRefSelect(props: {
  id: string;
  label: string;
  whenEmpty: string;
  options: ScopeEntity[];
  value: string[];
  helperText?: string;
  disabled?: boolean;
  onChange: (entityRefs: string[]) => void;
}) {
  const { id, label, whenEmpty, options, value } = props;
  const nameOf = (ref: string) =>
    options.find(o => o.entityRef === ref)?.displayName ?? ref;
  return (
    <TextField
      id={id}
      select
      fullWidth
      label={label}
      value={value}
      helperText={props.helperText}
      disabled={props.disabled}
      InputLabelProps={{ shrink: true }}
      SelectProps={{
        multiple: true,
        displayEmpty: true,
        renderValue: selected => {
          const refs = selected as string[];
          return refs.length === 0 ? whenEmpty : refs.map(nameOf).join(', ');
        },
      }}
      onChange={event =>
        props.onChange(event.target.value as unknown as string[])
      }
    >
      {options.map(option => (
        <MenuItem key={option.entityRef} value={option.entityRef}>
          <Checkbox
            checked={value.includes(option.entityRef)}
            size="small"
            color="primary"
          />
          <ListItemText
            primary={option.displayName}
            secondary={option.entityRef}
          />
        </MenuItem>
      ))}
    </TextField>
  );
}
