import { DeploymentDetail } from '@change-compliance/plugin-change-compliance-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';
import { useSourceWebLinks } from '../../api/sourceWebLinks';
import { formatUtc } from '../../compliance/formatTime';
import { ExternalLink } from './ExternalLink';

/**
 * The deployment record as its source reported it: what went live (commit, image, config), where,
 * when, by whom and through which pipeline run. It is the artefact end of the trace (step 6).
 */
export function DeploymentRecord(props: {
  deployment: DeploymentDetail['deployment'];
  repository?: string;
}) {
  const { deployment, repository } = props;
  const links = useSourceWebLinks();
  const rows: Array<[string, ReactNode]> = [
    ['Record', deployment.id],
    ['Environment', deployment.environment],
    ['Deployed at', formatUtc(deployment.deployedAt)],
    ['Deployer', deployment.actor ?? 'not recorded'],
    [
      'Commit',
      repository ? (
        <ExternalLink href={links.commit(repository, deployment.commitSha)}>
          {deployment.commitSha}
        </ExternalLink>
      ) : (
        deployment.commitSha
      ),
    ],
  ];
  if (deployment.ref) rows.push(['Branch', deployment.ref]);
  if (deployment.imageTag) rows.push(['Image tag', deployment.imageTag]);
  if (deployment.imageDigest)
    rows.push(['Image digest', deployment.imageDigest]);
  if (deployment.configVersion)
    rows.push(['Config version', deployment.configVersion]);
  rows.push([
    'Pipeline run',
    deployment.pipelineRunUrl ? (
      <ExternalLink href={deployment.pipelineRunUrl}>
        {deployment.pipelineRunUrl}
      </ExternalLink>
    ) : (
      'not recorded'
    ),
  ]);
  rows.push([
    'Tickets on the record',
    deployment.ticketKeys.length > 0
      ? deployment.ticketKeys.join(', ')
      : 'none',
  ]);
  return (
    <Table size="small" aria-label="Deployment record">
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row">
              {label}
            </TableCell>
            <TableCell style={{ wordBreak: 'break-all' }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
