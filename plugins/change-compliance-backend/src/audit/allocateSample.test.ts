import fc from 'fast-check';
import { allocateSample, StratumSize } from './allocateSample';

const normal = (key: string, population: number): StratumSize => ({
  key,
  population,
  emergency: false,
});
const emergency = (key: string, population: number): StratumSize => ({
  key,
  population,
  emergency: true,
});

const allocated = (strata: StratumSize[], size: number) =>
  Object.fromEntries(allocateSample(strata, size));

describe('allocateSample', () => {
  it('takes every change when the population is no larger than the size', () => {
    expect(allocated([normal('a', 10), emergency('b', 3)], 25)).toEqual({
      a: 10,
      b: 3,
    });
  });

  it('allocates in proportion, the seats left to the largest remainders', () => {
    // Quotas of 25 over 100: 12.5, 7.5, 5 -> 12 + 7 + 5 = 24, one seat left; the tie between
    // the two halves goes to the larger stratum.
    expect(
      allocated([normal('a', 50), normal('b', 30), normal('c', 20)], 25),
    ).toEqual({ a: 13, b: 7, c: 5 });
    // 25 over 90: 13.89, 8.33, 2.78 -> 13 + 8 + 2, and the largest remainders (.89, .78) get one.
    expect(
      allocated([normal('a', 50), normal('b', 30), normal('c', 10)], 25),
    ).toEqual({ a: 14, b: 8, c: 3 });
  });

  it('represents an emergency stratum too small for a seat of its own', () => {
    // Quotas of 25 over 201: 24.88 and 0.12: proportion alone gives the emergency change nothing.
    expect(allocated([normal('a', 200), emergency('b', 1)], 25)).toEqual({
      a: 24,
      b: 1,
    });
  });

  it('represents as many emergency strata as the size allows, the largest first', () => {
    const strata = [
      normal('n', 1000),
      emergency('e1', 1),
      emergency('e2', 3),
      emergency('e3', 2),
    ];
    expect(allocated(strata, 2)).toEqual({ n: 0, e1: 0, e2: 1, e3: 1 });
  });

  it('never gives a normal stratum a seat because of its type, only by proportion', () => {
    expect(allocated([normal('a', 200), normal('b', 1)], 25)).toEqual({
      a: 25,
      b: 0,
    });
  });

  const strataArbitrary = fc
    .uniqueArray(
      fc.record({
        key: fc.string({ minLength: 1, maxLength: 6 }),
        population: fc.integer({ min: 1, max: 400 }),
        emergency: fc.boolean(),
      }),
      { selector: s => s.key, minLength: 1, maxLength: 30 },
    )
    .map(strata => strata as StratumSize[]);

  it('keeps its promises on any strata', () => {
    fc.assert(
      fc.property(
        strataArbitrary,
        fc.integer({ min: 1, max: 60 }),
        (strata, size) => {
          const allocation = allocateSample(strata, size);
          const total = strata.reduce((sum, s) => sum + s.population, 0);
          const sum = [...allocation.values()].reduce((a, b) => a + b, 0);
          // The size, or the whole population when it is smaller.
          expect(sum).toBe(Math.min(size, total));
          for (const s of strata) {
            const n = allocation.get(s.key)!;
            expect(n).toBeGreaterThanOrEqual(0);
            expect(n).toBeLessThanOrEqual(s.population);
          }
          const emergencies = strata.filter(s => s.emergency);
          const represented = emergencies.filter(
            s => allocation.get(s.key)! > 0,
          );
          expect(represented.length).toBe(
            Math.min(emergencies.length, Math.min(size, total)),
          );
          // A normal stratum gets its quota rounded down or up, or less when seats went to
          // emergency strata; never more.
          for (const s of strata.filter(x => !x.emergency)) {
            expect(allocation.get(s.key)!).toBeLessThanOrEqual(
              Math.ceil((Math.min(size, total) * s.population) / total),
            );
          }
        },
      ),
    );
  });

  it('gives the same allocation whatever the order of the strata', () => {
    fc.assert(
      fc.property(
        strataArbitrary,
        fc.integer({ min: 1, max: 60 }),
        (strata, size) => {
          const forward = Object.fromEntries(allocateSample(strata, size));
          const backward = Object.fromEntries(
            allocateSample([...strata].reverse(), size),
          );
          expect(backward).toEqual(forward);
        },
      ),
    );
  });
});
