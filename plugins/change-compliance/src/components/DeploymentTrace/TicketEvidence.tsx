import { TraceTicket } from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { actorName } from '../../compliance/actorName';
import { ticketSystemLabel } from '../../compliance/evidenceVocabulary';
import { ExternalLink } from './ExternalLink';
import { RequiredFieldList } from './RequiredFieldList';

/**
 * What the ticket points back at (PRs, commits, deployments), which `trace.bidirectional` needs.
 * Web addresses are linked; `owner/repo#42`, SHAs and deployment ids are shown as written.
 */
function LinksBack(props: { links: string[] }) {
  if (props.links.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Links back: none
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="div">
      Links back:{' '}
      {props.links.map((link, index) => (
        <span key={link}>
          {index > 0 && ', '}
          {/^https?:\/\//.test(link) ? (
            <ExternalLink href={link}>{link}</ExternalLink>
          ) : (
            link
          )}
        </span>
      ))}
    </Typography>
  );
}

/**
 * A ticket a change references, as stored: where it lives, what kind of change it asks for, who
 * asked (their own approval would not count), its required fields and its links back.
 */
export function TicketEvidence(props: { ticket: TraceTicket }) {
  const { ticket } = props;
  const facts = [
    ticketSystemLabel(ticket.system),
    ticket.type,
    ticket.priority && `priority ${ticket.priority}`,
  ].filter(Boolean);
  return (
    <Box component="section" aria-label={`Ticket ${ticket.key}`} mb={1}>
      <Typography variant="body2">
        {ticket.url ? (
          <ExternalLink href={ticket.url}>{ticket.key}</ExternalLink>
        ) : (
          ticket.key
        )}{' '}
        ({facts.join(', ')})
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Requested by {actorName(ticket.requester)}
      </Typography>
      <RequiredFieldList ticket={ticket} />
      <LinksBack links={ticket.links} />
    </Box>
  );
}
