import { CheckResult } from '@change-compliance/plugin-change-compliance-common';
import { checkStatuses } from './verdictRecord';

const result = (checkId: string, status: CheckResult['status']): CheckResult =>
  ({
    checkId,
    status,
    reason: 'x',
    evidenceRefs: [],
  } as unknown as CheckResult);

describe('checkStatuses', () => {
  it('gives every check its status in check order, whatever the order of the results', () => {
    const statuses = checkStatuses([
      result('process.no-bypass', 'fail'),
      result('ticket.linked', 'pass'),
    ]);
    expect(Object.entries(statuses)).toEqual([
      ['ticket.linked', 'pass'],
      ['ticket.complete', 'missing'],
      ['review.independent', 'missing'],
      ['review.qualified', 'missing'],
      ['approval.before-deploy', 'missing'],
      ['artifact.traceable', 'missing'],
      ['trace.bidirectional', 'missing'],
      ['process.no-bypass', 'fail'],
    ]);
  });

  it('takes the first result of a check, and leaves out checks it does not know', () => {
    const statuses = checkStatuses([
      result('ticket.linked', 'fail'),
      result('ticket.linked', 'pass'),
      result('retired.check', 'fail'),
    ]);
    expect(statuses['ticket.linked']).toBe('fail');
    expect(statuses).not.toHaveProperty('retired.check');
  });
});
