import { TraceApproval } from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { actorName } from '../../compliance/actorName';
import { approvalSourceLabel } from '../../compliance/evidenceVocabulary';
import { formatUtc } from '../../compliance/formatTime';
import { EvidenceTable } from './EvidenceTable';

/**
 * `approval.before-deploy` asks for an approval strictly before the deployment went live; one
 * given at or after that time is still recorded, but approved what was already in production.
 */
function givenAfter(approval: TraceApproval, deployedAt: string): boolean {
  return Date.parse(approval.approvedAt) >= Date.parse(deployedAt);
}

/**
 * The formal approvals (and rejections) of a change's tickets and of the deployment itself, with
 * approver, time and the system that recorded them, late ones marked.
 */
export function ApprovalList(props: {
  label: string;
  approvals: TraceApproval[];
  deployedAt: string;
}) {
  const { label, approvals, deployedAt } = props;
  if (approvals.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No approval recorded for its tickets or for this deployment.
      </Typography>
    );
  }
  return (
    <EvidenceTable
      label={label}
      columns={['Approver', 'State', 'Approved at', 'Source', 'Approves']}
      rows={approvals.map((approval, index) => ({
        key: `${index}-${approval.source}-${approval.approver.login}`,
        cells: [
          actorName(approval.approver),
          approval.state,
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {formatUtc(approval.approvedAt)}
            {givenAfter(approval, deployedAt) && (
              <Chip
                size="small"
                color="secondary"
                label="After the deployment"
              />
            )}
          </Box>,
          approvalSourceLabel(approval.source),
          approval.ticketKey ??
            (approval.deploymentId ? 'this deployment' : 'not recorded'),
        ],
      }))}
    />
  );
}
