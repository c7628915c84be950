import { ApprovalRecord } from '../records/approvalRecord';
import { UserRecord } from '../records/userRecord';
import { approvalOf } from './approvalOf';

const c = (value: string, display = value) => ({ value, display });

const grace: UserRecord = {
  sys_id: c('u-grace'),
  user_name: c('grace'),
  name: c('Grace Mensah'),
  email: c('grace.mensah@northwind.example'),
};

function record(state: string): ApprovalRecord {
  return {
    sys_id: c('apr-1'),
    sysapproval: c('chg-sys-1', 'CHG0000101'),
    approver: c('u-grace', 'Grace Mensah'),
    state: c(state),
    sys_updated_on: c('2026-11-02 12:30:00'),
    source_table: c('change_request'),
  };
}

describe('approvalOf', () => {
  it('makes an approved record an approval of the change by its approver, dated by its update', () => {
    expect(approvalOf(record('approved'), grace, 'CHG0000101')).toEqual({
      id: 'apr-1',
      source: 'servicenow-approval',
      approver: {
        login: 'servicenow:grace',
        type: 'User',
        email: 'grace.mensah@northwind.example',
      },
      approvedAt: '2026-11-02T12:30:00.000Z',
      state: 'approved',
      scope: { ticketKey: 'CHG0000101' },
    });
  });

  it('keeps a rejection as a rejection', () => {
    expect(approvalOf(record('rejected'), grace, 'CHG0000101')).toMatchObject({
      id: 'apr-1',
      state: 'rejected',
    });
  });

  it('writes a cancelled approval as a withdrawal beside the approval it cancels', () => {
    expect(approvalOf(record('cancelled'), grace, 'CHG0000101')).toMatchObject({
      id: 'apr-1:cancelled',
      state: 'rejected',
      approvedAt: '2026-11-02T12:30:00.000Z',
    });
  });

  it.each(['requested', 'not requested', 'not_required', 'duplicate'])(
    'writes nothing for a record that decides nothing (%s)',
    state => {
      expect(approvalOf(record(state), grace, 'CHG0000101')).toBeUndefined();
    },
  );

  it('keeps an approver the instance has no user for, by sys_id and without e-mail: known to no catalog, authorised for nothing', () => {
    expect(
      approvalOf(record('approved'), undefined, 'CHG0000101')?.approver,
    ).toEqual({ login: 'servicenow:u-grace', type: 'User' });
  });

  it('writes nothing without an update time to date it by', () => {
    expect(
      approvalOf(
        { ...record('approved'), sys_updated_on: c('') },
        grace,
        'CHG0000101',
      ),
    ).toBeUndefined();
  });
});
