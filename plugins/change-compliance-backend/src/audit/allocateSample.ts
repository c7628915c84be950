/** A stratum as the allocation sees it: how many production changes it holds, and their type. */
export interface StratumSize {
  key: string;
  population: number;
  emergency: boolean;
}

/**
 * How many items of a sample of `size` each stratum gets (testing step 3: a representative
 * sample, stratified by application and change type).
 *
 * - Proportional to the stratum's population, by the largest-remainder method: each stratum gets
 *   the whole part of its quota `size × population / total`, and the seats left go to the largest
 *   fractional parts (ties: the larger stratum, then the key).
 * - Emergency changes are always represented when the size allows: an emergency stratum left with
 *   no item takes one from the stratum furthest above its quota that can spare one (a normal
 *   stratum down to zero, an emergency stratum down to one).
 * - No stratum gets more than its population; when the whole population is no larger than the
 *   size, every change is taken.
 *
 * Integer arithmetic throughout, so that the same strata give the same allocation everywhere.
 */
export function allocateSample(
  strata: StratumSize[],
  size: number,
): Map<string, number> {
  const total = strata.reduce((sum, s) => sum + s.population, 0);
  const allocation = new Map(strata.map(s => [s.key, 0]));
  if (total <= size) {
    for (const s of strata) allocation.set(s.key, s.population);
    return allocation;
  }

  // Quota of stratum i: size * population_i / total = whole_i + fraction_i / total.
  const quotas = strata.map(s => ({
    stratum: s,
    whole: Math.floor((size * s.population) / total),
    fraction: (size * s.population) % total,
  }));
  for (const q of quotas) allocation.set(q.stratum.key, q.whole);
  const left = size - quotas.reduce((sum, q) => sum + q.whole, 0);
  const byRemainder = [...quotas].sort(
    (a, b) =>
      b.fraction - a.fraction ||
      b.stratum.population - a.stratum.population ||
      compareKeys(a.stratum.key, b.stratum.key),
  );
  // `left` is below the number of strata with a fraction, so each gets at most one more; and as
  // size < total, every whole part is below its population, so one more never exceeds it.
  for (const q of byRemainder.slice(0, left)) {
    allocation.set(q.stratum.key, q.whole + 1);
  }

  const unrepresented = strata
    .filter(s => s.emergency && s.population > 0 && allocation.get(s.key) === 0)
    .sort((a, b) => b.population - a.population || compareKeys(a.key, b.key));
  for (const needy of unrepresented) {
    const donor = mostAboveQuota(strata, allocation, size, total);
    if (!donor) break;
    allocation.set(donor.key, allocation.get(donor.key)! - 1);
    allocation.set(needy.key, 1);
  }
  return allocation;
}

/**
 * The stratum that can best spare an item: the one whose allocation exceeds its quota by the
 * most (compared as `allocated × total − size × population`, exact in integers).
 */
function mostAboveQuota(
  strata: StratumSize[],
  allocation: Map<string, number>,
  size: number,
  total: number,
): StratumSize | undefined {
  let best: { stratum: StratumSize; excess: number } | undefined;
  for (const stratum of strata) {
    const allocated = allocation.get(stratum.key)!;
    if (allocated <= (stratum.emergency ? 1 : 0)) continue;
    const excess = allocated * total - size * stratum.population;
    if (
      !best ||
      excess > best.excess ||
      (excess === best.excess && compareKeys(stratum.key, best.stratum.key) < 0)
    ) {
      best = { stratum, excess };
    }
  }
  return best?.stratum;
}

/** Code-unit order: the same on every platform and database, unlike a collation. */
export function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
