import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { downloadBlob, evidenceFileName } from './downloadBlob';

/**
 * Downloads the sample's evidence package: one zip with the population and the sample as CSV and
 * JSON, each sampled change's evidence, the policy in force, a printable report and a SHA-256
 * manifest of every file, as the backend packs it.
 */
export function ExportButton(props: { sampleId: string }) {
  const api = useApi(changeComplianceApiRef);
  const { sampleId } = props;
  const [state, exportPackage] = useAsyncFn(async () => {
    const archive = await api.exportAuditSample(sampleId);
    downloadBlob(archive, evidenceFileName(sampleId));
  }, [api, sampleId]);
  return (
    <Box>
      <Button
        variant="outlined"
        color="primary"
        startIcon={<GetAppIcon />}
        disabled={state.loading}
        onClick={() => exportPackage()}
      >
        {state.loading ? 'Packing the evidence…' : 'Export evidence package'}
      </Button>
      <Typography variant="caption" color="textSecondary" component="div">
        {evidenceFileName(sampleId)}: CSV, JSON, a printable report and a
        SHA-256 manifest of every file.
      </Typography>
      {state.error && (
        <Typography role="alert" variant="body2" color="error">
          Could not export the evidence package: {state.error.message}
        </Typography>
      )}
    </Box>
  );
}
