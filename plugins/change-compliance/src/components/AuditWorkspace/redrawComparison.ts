import { AuditSample } from '@change-compliance/plugin-change-compliance-common';

function ids(sample: AuditSample): Set<string> {
  return new Set(sample.items.map(item => item.deploymentId));
}

/**
 * Whether a redraw with the same seed, size and scope gave the same changes as the sample it
 * repeats. The same seed over the same population must, so a difference means the population
 * changed since (late evidence, a re-evaluation), and the auditor has to know which draw they hold.
 */
export function redrawComparison(
  earlier: AuditSample,
  redrawn: AuditSample,
): { same: boolean; text: string } {
  const before = ids(earlier);
  const after = ids(redrawn);
  const dropped = [...before].filter(id => !after.has(id)).length;
  const added = [...after].filter(id => !before.has(id)).length;
  if (dropped === 0 && added === 0) {
    return {
      same: true,
      text: `Redrawn with seed ${redrawn.seed}: the same ${after.size} changes as sample ${earlier.id}. The draw is reproducible.`,
    };
  }
  return {
    same: false,
    text: `Redrawn with seed ${redrawn.seed}: ${dropped} of the ${before.size} changes of sample ${earlier.id} are not in the redraw and ${added} others are, because the population is no longer the one it was drawn from (${earlier.population.total} changes then, ${redrawn.population.total} now).`,
  };
}
