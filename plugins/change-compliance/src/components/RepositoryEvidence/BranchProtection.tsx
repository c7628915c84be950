import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ProductionBranch } from './productionBranches';
import { ProtectionChanges } from './ProtectionChanges';
import { ProtectionInForce } from './ProtectionInForce';

/** One production branch: the protection in force now, then how it came to be. */
export function BranchProtection(props: {
  productionBranch: ProductionBranch;
}) {
  const { branch, records } = props.productionBranch;
  return (
    <Box component="section" aria-label={`Branch ${branch}`} mb={2}>
      <Typography variant="h6" component="h3">
        {branch}
      </Typography>
      <ProtectionInForce branch={branch} latest={records[records.length - 1]} />
      <ProtectionChanges branch={branch} records={records} />
    </Box>
  );
}
