import {
  auditSample,
  sampledCompliant,
  sampledException,
  sampledLedgerChange,
} from '../../__testUtils__/complianceEvidence';
import { redrawComparison } from './redrawComparison';

const scope = {
  from: '2026-08-01T00:00:00.000Z',
  to: '2026-11-01T00:00:00.000Z',
};

describe('redrawComparison', () => {
  it('calls a redraw of the same changes, in any order, reproducible', () => {
    const earlier = auditSample(scope);
    const redrawn = auditSample(scope, {
      id: 's-again',
      items: [sampledCompliant, sampledException],
    });
    expect(redrawComparison(earlier, redrawn)).toEqual({
      same: true,
      text: 'Redrawn with seed fy2026-q4: the same 2 changes as sample s-2026-q4. The draw is reproducible.',
    });
  });

  it('counts the changes that differ, both ways', () => {
    const earlier = auditSample(scope);
    const redrawn = auditSample(scope, {
      id: 's-again',
      population: { total: 15, strata: [] },
      items: [
        sampledException,
        sampledLedgerChange,
        { ...sampledLedgerChange, deploymentId: 'github/7200' },
      ],
    });
    const comparison = redrawComparison(earlier, redrawn);
    expect(comparison.same).toBe(false);
    expect(comparison.text).toBe(
      'Redrawn with seed fy2026-q4: 1 of the 2 changes of sample s-2026-q4 are not in the redraw and 2 others are, because the population is no longer the one it was drawn from (14 changes then, 15 now).',
    );
  });

  it('does not call a smaller redraw the same', () => {
    const earlier = auditSample(scope);
    const redrawn = auditSample(scope, { items: [sampledException] });
    expect(redrawComparison(earlier, redrawn).same).toBe(false);
  });
});
