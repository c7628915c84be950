import {
  CHECK_IDS,
  CheckResult,
} from '@change-compliance/plugin-change-compliance-common';
import { testingSteps } from './testingSteps';

const result = (
  checkId: CheckResult['checkId'],
  status: CheckResult['status'],
): CheckResult => ({
  checkId,
  status,
  reason: `${checkId} ${status}`,
  evidenceRefs: [],
});

const allPass: CheckResult[] = CHECK_IDS.map(id => result(id, 'pass'));

const passingExcept = (...changed: CheckResult[]) =>
  allPass.map(c => changed.find(x => x.checkId === c.checkId) ?? c);

const statuses = (checks: CheckResult[] | undefined) =>
  Object.fromEntries(testingSteps(checks).map(s => [s.step, s.status]));

describe('testingSteps', () => {
  it('maps the checks onto steps 4 to 8', () => {
    const steps = testingSteps(allPass);
    expect(steps.map(s => [s.step, s.checks.map(c => c.checkId)])).toEqual([
      [4, ['ticket.linked', 'ticket.complete']],
      [5, ['review.independent', 'review.qualified', 'approval.before-deploy']],
      [6, ['artifact.traceable']],
      [7, ['ticket.linked', 'trace.bidirectional', 'artifact.traceable']],
      [8, ['process.no-bypass']],
    ]);
    expect(statuses(allPass)).toEqual({
      4: 'pass',
      5: 'pass',
      6: 'pass',
      7: 'pass',
      8: 'pass',
    });
  });

  it('fails every step a failing check belongs to, and keeps its reason', () => {
    const steps = testingSteps(passingExcept(result('ticket.linked', 'fail')));
    expect(statuses(passingExcept(result('ticket.linked', 'fail')))).toEqual({
      4: 'fail',
      5: 'pass',
      6: 'pass',
      7: 'fail',
      8: 'pass',
    });
    expect(steps[0].checks[0]).toEqual({
      checkId: 'ticket.linked',
      status: 'fail',
      reason: 'ticket.linked fail',
    });
  });

  it('puts fail before pending, and pending before pass', () => {
    expect(
      statuses(
        passingExcept(
          result('review.independent', 'pending'),
          result('approval.before-deploy', 'fail'),
        ),
      )[5],
    ).toBe('fail');
    expect(
      statuses(passingExcept(result('review.independent', 'pending')))[5],
    ).toBe('pending');
  });

  it('is not applicable only when all its checks are, and passes when some pass', () => {
    const exempt = allPass.map(c => result(c.checkId, 'not-applicable'));
    expect(statuses(exempt)).toEqual({
      4: 'not-applicable',
      5: 'not-applicable',
      6: 'not-applicable',
      7: 'not-applicable',
      8: 'not-applicable',
    });
    expect(
      statuses(passingExcept(result('review.qualified', 'not-applicable')))[5],
    ).toBe('pass');
  });

  it('never passes a step of a deployment that has no results', () => {
    expect(statuses(undefined)).toEqual({
      4: 'pending',
      5: 'pending',
      6: 'pending',
      7: 'pending',
      8: 'pending',
    });
    // A result missing one check is no pass either.
    const missing = allPass.filter(c => c.checkId !== 'process.no-bypass');
    expect(statuses(missing)[8]).toBe('pending');
  });
});
