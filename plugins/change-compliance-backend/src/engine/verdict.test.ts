import { complianceScore, deploymentVerdict } from './verdict';

describe('deploymentVerdict', () => {
  const check = (status: 'pass' | 'fail' | 'pending' | 'not-applicable') => ({
    checkId: 'ticket.linked' as const,
    status,
    reason: 'r',
    evidenceRefs: [],
  });

  it('is compliant when every check passes or is not applicable', () => {
    expect(deploymentVerdict([check('pass'), check('not-applicable')])).toBe(
      'compliant',
    );
  });
  it('is pending when none fails and one is pending', () => {
    expect(deploymentVerdict([check('pass'), check('pending')])).toBe(
      'pending',
    );
  });
  it('is an exception when any fails, pending or not', () => {
    expect(deploymentVerdict([check('pending'), check('fail')])).toBe(
      'exception',
    );
  });
});

describe('complianceScore', () => {
  it('is compliant / (compliant + exceptions), with pending counted apart', () => {
    expect(
      complianceScore({ compliant: 3, exceptions: 1, pending: 1 }),
    ).toEqual({
      compliant: 3,
      exceptions: 1,
      pending: 1,
      score: 0.75,
    });
  });
  it('has no score when nothing can be scored', () => {
    expect(
      complianceScore({ compliant: 0, exceptions: 0, pending: 1 }).score,
    ).toBeNull();
  });
});
