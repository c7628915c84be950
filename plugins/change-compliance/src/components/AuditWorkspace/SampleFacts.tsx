import { AuditSample } from '@change-compliance/plugin-change-compliance-common';
import { formatUtc } from '../../compliance/formatTime';
import { scopeEntitiesText, scopePeriodText } from './auditScope';
import { FactTable } from './FactTable';

/** How many items carry a review mark. */
export function reviewedCount(sample: AuditSample): number {
  return sample.items.filter(item => item.review).length;
}

/**
 * What an auditor writes down about a selection to re-perform it: the sample's id, seed and size,
 * who drew it when, over which scope, and the population as it stood at the draw.
 */
export function SampleFacts(props: { sample: AuditSample }) {
  const { sample } = props;
  const facts: Array<[string, string]> = [
    ['Sample', sample.id],
    ['Seed', sample.seed],
    [
      'Size',
      sample.items.length === sample.size
        ? `${sample.size} changes`
        : `${sample.items.length} changes (${sample.size} asked for; the population had fewer)`,
    ],
    ['Drawn', `by ${sample.drawnBy} at ${formatUtc(sample.drawnAt)}`],
    ['Period', scopePeriodText(sample.scope)],
    ['Scope', scopeEntitiesText(sample.scope)],
    [
      'Population at the draw',
      `${sample.population.total} production changes in ${sample.population.strata.length} strata`,
    ],
    ['Reviewed', `${reviewedCount(sample)} of ${sample.items.length}`],
  ];
  return (
    <FactTable
      label="Sample"
      facts={facts.map(([label, value]) => ({ label, value }))}
    />
  );
}
