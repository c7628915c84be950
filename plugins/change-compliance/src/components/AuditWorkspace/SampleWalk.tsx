import { InfoCard } from '@backstage/core-components';
import { AuditSample } from '@change-compliance/plugin-change-compliance-common';
import Typography from '@material-ui/core/Typography';
import { reviewedCount } from './SampleFacts';
import { SampleItemDetail } from './SampleItemDetail';
import { SampleItemsTable } from './SampleItemsTable';
import { ScopeCatalog } from './useScopeCatalog';

/**
 * Steps 4 to 8 over the sample: the sampled changes, and the one being walked with its findings,
 * evidence and review mark.
 */
export function SampleWalk(props: {
  sample: AuditSample;
  catalog?: ScopeCatalog;
  selectedId?: string;
  onSelect: (deploymentId: string) => void;
  onReviewed: (sample: AuditSample) => void;
}) {
  const { sample, catalog, selectedId, onSelect, onReviewed } = props;
  const selected = sample.items.find(item => item.deploymentId === selectedId);
  return (
    <InfoCard
      title="Steps 4 to 8 · Walk the sample"
      subheader={`Sample ${sample.id}: ${reviewedCount(sample)} of ${
        sample.items.length
      } changes reviewed. Open a change to see its findings step by step and its evidence, and mark it reviewed.`}
    >
      {sample.items.length === 0 ? (
        <Typography variant="body2">This sample holds no change.</Typography>
      ) : (
        <SampleItemsTable
          items={sample.items}
          catalog={catalog}
          selectedId={selectedId}
          onSelect={onSelect}
        />
      )}
      {selected && (
        <SampleItemDetail
          sampleId={sample.id}
          item={selected}
          catalog={catalog}
          onReviewed={onReviewed}
        />
      )}
    </InfoCard>
  );
}
