import { ChangeRequestRecord } from '../records/changeRequestRecord';
import { cancellationOf } from './cancellationOf';

const c = (value: string, display = value) => ({ value, display });

function change(
  fields: Partial<ChangeRequestRecord> = {},
): ChangeRequestRecord {
  return {
    sys_id: c('chg-sys-1'),
    number: c('CHG0000101'),
    sys_updated_on: c('2026-11-09 10:00:00'),
    state: c('4', 'Canceled'),
    ...fields,
  };
}

describe('cancellationOf', () => {
  it('withdraws a canceled change’s approvals from when it was closed, by whoever closed it', () => {
    expect(
      cancellationOf(
        change({
          closed_at: c('2026-11-08 16:00:00'),
          closed_by: c('u-grace', 'Grace Mensah'),
        }),
        {
          sys_id: c('u-grace'),
          user_name: c('grace'),
          email: c('grace.mensah@northwind.example'),
        },
      ),
    ).toEqual({
      id: 'chg-sys-1:canceled',
      source: 'servicenow-approval',
      approver: {
        login: 'servicenow:grace',
        type: 'User',
        email: 'grace.mensah@northwind.example',
      },
      approvedAt: '2026-11-08T16:00:00.000Z',
      state: 'rejected',
      scope: { ticketKey: 'CHG0000101' },
    });
  });

  it('dates it by the last update when the instance does not say when it was closed', () => {
    expect(cancellationOf(change(), undefined)).toMatchObject({
      approvedAt: '2026-11-09T10:00:00.000Z',
      approver: { login: 'servicenow:unknown' },
    });
  });

  it.each([
    ['-1', 'Implement'],
    ['3', 'Closed'],
  ])('withdraws nothing for a change in state %s (%s)', (value, display) => {
    expect(
      cancellationOf(change({ state: c(value, display) }), undefined),
    ).toBeUndefined();
  });
});
