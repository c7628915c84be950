import { StatusError, StatusOK } from '@backstage/core-components';
import { TraceTicket } from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { ticketFieldLabel } from '../../compliance/evidenceVocabulary';

/**
 * The fields the policy requires of a ticket, each present or missing as `ticket.complete` judged
 * it. The ticket system's own field name stands beside the logical one, because that is the name
 * the team finds in its ticket form; an unmapped field cannot be filled and counts as missing.
 */
export function RequiredFieldList(props: { ticket: TraceTicket }) {
  const { key, requiredFields } = props.ticket;
  if (requiredFields.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The policy requires no fields of this ticket.
      </Typography>
    );
  }
  const filled = requiredFields.filter(f => f.filled).length;
  return (
    <>
      <Typography variant="body2">
        Required fields: {filled} of {requiredFields.length} filled
      </Typography>
      <List dense disablePadding aria-label={`Required fields of ${key}`}>
        {requiredFields.map(field => {
          const label = ticketFieldLabel(field.field);
          const source = field.sourceField ?? 'not mapped';
          const presence = field.filled ? 'present' : 'missing';
          const Status = field.filled ? StatusOK : StatusError;
          return (
            <ListItem
              key={field.field}
              disableGutters
              aria-label={`${label} (${source}): ${presence}`}
            >
              <Status>{label}</Status>
              <Box component="small" color="text.secondary" mx={0.5}>
                ({source}):
              </Box>
              <Typography variant="body2" component="span">
                {presence}
              </Typography>
            </ListItem>
          );
        })}
      </List>
    </>
  );
}
