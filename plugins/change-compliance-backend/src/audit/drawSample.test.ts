import { drawSample } from './drawSample';
import { PopulationMember, stratumKey } from './population';

function members(
  serviceRef: string,
  changeType: 'normal' | 'emergency',
  count: number,
): PopulationMember[] {
  return Array.from({ length: count }, (_, i) => ({
    deploymentId: `ci/${serviceRef.split('/')[1]}-${changeType}-${String(
      i,
    ).padStart(3, '0')}`,
    serviceRef,
    systemRef: 'system:default/payments',
    changeType,
    deployedAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
    verdict: 'compliant',
  }));
}

const population = [
  ...members('component:default/payments-api', 'normal', 120),
  ...members('component:default/payments-api', 'emergency', 2),
  ...members('component:default/ledger-service', 'normal', 60),
];

const ids = (sample: PopulationMember[]) => sample.map(m => m.deploymentId);

describe('drawSample', () => {
  it('draws the same sample from the same seed, whatever order the population comes in', () => {
    const first = drawSample(population, 25, 'Q4-2026');
    const shuffled = [...population].reverse();
    expect(ids(drawSample(shuffled, 25, 'Q4-2026'))).toEqual(ids(first));
    expect(first).toHaveLength(25);
    expect(new Set(ids(first)).size).toBe(25);
  });

  it('draws another sample from another seed', () => {
    expect(ids(drawSample(population, 25, 'Q4-2026-b'))).not.toEqual(
      ids(drawSample(population, 25, 'Q4-2026')),
    );
  });

  it('takes from each stratum what the allocation gives it, emergency changes included', () => {
    const sample = drawSample(population, 25, 'strata');
    const perStratum = new Map<string, number>();
    for (const m of sample) {
      perStratum.set(stratumKey(m), (perStratum.get(stratumKey(m)) ?? 0) + 1);
    }
    // Quotas of 25 over 182: 16.48, 0.27, 8.24; the emergency stratum takes its one seat from
    // the stratum furthest above its quota.
    expect(Object.fromEntries(perStratum)).toEqual({
      'component:default/ledger-service|normal': 8,
      'component:default/payments-api|emergency': 1,
      'component:default/payments-api|normal': 16,
    });
  });

  it("keeps one stratum's picks when another stratum changes but the allocation does not", () => {
    const ledger = members('component:default/ledger-service', 'normal', 60);
    const api = members('component:default/payments-api', 'normal', 60);
    const before = drawSample([...ledger, ...api], 20, 'stable');
    // Other deployments of payments-api, same count: the ledger stratum's picks must not move.
    const otherApi = api.map(m => ({
      ...m,
      deploymentId: `${m.deploymentId}-x`,
    }));
    const after = drawSample([...ledger, ...otherApi], 20, 'stable');
    const ledgerIds = (s: PopulationMember[]) =>
      ids(s.filter(m => m.serviceRef.endsWith('ledger-service')));
    expect(ledgerIds(after)).toEqual(ledgerIds(before));
  });

  it('gives every change of a stratum a chance', () => {
    const stratum = members('component:default/ledger-service', 'normal', 30);
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      ids(drawSample(stratum, 3, String(seed))).forEach(id => seen.add(id));
    }
    expect(seen.size).toBe(30);
  });

  it('lists the sample by stratum, then by deployment time', () => {
    const sample = drawSample(population, 25, 'order');
    const order = sample.map(m => `${stratumKey(m)} ${m.deployedAt}`);
    expect([...order].sort()).toEqual(order);
  });
});
