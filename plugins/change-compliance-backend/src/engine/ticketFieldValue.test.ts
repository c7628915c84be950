import { ticketFieldValue } from './ticketFieldValue';

describe('ticketFieldValue', () => {
  it('reads the field of the exact name first, even when another differs only in case', () => {
    expect(
      ticketFieldValue(
        { fields: { 'Rollback plan': '', 'ROLLBACK PLAN': 'Redeploy 2.3' } },
        'Rollback plan',
      ),
    ).toBe('');
  });

  it('finds a heading written in another case or spacing than the mapping', () => {
    const fields = {
      'implementation  Plan': 'Deploy through the pipeline',
      'ROLLBACK PLAN': 'Redeploy 2.3',
    };
    expect(ticketFieldValue({ fields }, 'Implementation plan')).toBe(
      'Deploy through the pipeline',
    );
    expect(ticketFieldValue({ fields }, ' rollback plan ')).toBe(
      'Redeploy 2.3',
    );
  });

  it('gives no value when two fields match without regard to case and none exactly', () => {
    expect(
      ticketFieldValue(
        { fields: { 'Rollback Plan': 'TBD', 'rollback plan': 'Redeploy 2.3' } },
        'Rollback plan',
      ),
    ).toBeUndefined();
  });

  it('gives no value for a field the ticket does not have', () => {
    expect(
      ticketFieldValue({ fields: { Description: 'x' } }, 'Justification'),
    ).toBeUndefined();
    // Not an own field: `constructor` is no heading of the ticket.
    expect(ticketFieldValue({ fields: {} }, 'constructor')).toBeUndefined();
  });
});
