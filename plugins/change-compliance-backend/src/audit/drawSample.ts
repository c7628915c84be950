import { allocateSample, compareKeys } from './allocateSample';
import { PopulationMember, stratumKey } from './population';
import { SeededRandom } from './seededRandom';

/**
 * Draws a stratified sample of production changes (testing step 3): `allocateSample` decides how
 * many come from each stratum, and within a stratum a seeded generator picks them from the
 * stratum's changes in deployment-id order (a partial Fisher-Yates shuffle). Each stratum has its
 * own generator, seeded with the seed and the stratum key joined by a NUL, so the picks of one
 * stratum do not depend on the size of another. The same seed over the same population gives the
 * same sample wherever it runs.
 *
 * The sample comes back in stratum-key order, and by deployment time within a stratum.
 */
export function drawSample(
  members: PopulationMember[],
  size: number,
  seed: string,
): PopulationMember[] {
  const byStratum = new Map<string, PopulationMember[]>();
  for (const member of members) {
    const key = stratumKey(member);
    const stratum = byStratum.get(key);
    if (stratum) stratum.push(member);
    else byStratum.set(key, [member]);
  }
  const allocation = allocateSample(
    [...byStratum].map(([key, stratum]) => ({
      key,
      population: stratum.length,
      emergency: stratum[0].changeType === 'emergency',
    })),
    size,
  );

  const sample: PopulationMember[] = [];
  for (const key of [...byStratum.keys()].sort(compareKeys)) {
    const ordered = [...byStratum.get(key)!].sort((a, b) =>
      compareKeys(a.deploymentId, b.deploymentId),
    );
    const take = allocation.get(key) ?? 0;
    const random = SeededRandom.fromSeed(`${seed}\u0000${key}`);
    for (let i = 0; i < take; i++) {
      const j = i + random.below(ordered.length - i);
      [ordered[i], ordered[j]] = [ordered[j], ordered[i]];
    }
    sample.push(
      ...ordered
        .slice(0, take)
        .sort(
          (a, b) =>
            compareKeys(a.deployedAt, b.deployedAt) ||
            compareKeys(a.deploymentId, b.deploymentId),
        ),
    );
  }
  return sample;
}
