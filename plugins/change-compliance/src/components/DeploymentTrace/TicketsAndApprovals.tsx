import { ChangeEvaluation } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { ChangeEvidence } from '../../compliance/changeEvidence';
import { ApprovalList } from './ApprovalList';
import { TicketEvidence } from './TicketEvidence';

/**
 * The ticket side of a change: each ticket it references with its fields and links back, the
 * keys no stored ticket answers to, and the approvals that could authorise it.
 */
export function TicketsAndApprovals(props: {
  change: ChangeEvaluation;
  evidence: ChangeEvidence;
  deployedAt: string;
}) {
  const { change, evidence, deployedAt } = props;
  return (
    <>
      {evidence.tickets.map(ticket => (
        <TicketEvidence
          key={`${ticket.system}/${ticket.key}`}
          ticket={ticket}
        />
      ))}
      {evidence.unknownTicketKeys.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          No stored ticket for {evidence.unknownTicketKeys.join(', ')}: not
          synced yet, or not found in its ticket system.
        </Typography>
      )}
      <Typography variant="subtitle2" component="h6">
        Approvals
      </Typography>
      <ApprovalList
        label={`Approvals of ${change.changeRef}`}
        approvals={evidence.approvals}
        deployedAt={deployedAt}
      />
    </>
  );
}
