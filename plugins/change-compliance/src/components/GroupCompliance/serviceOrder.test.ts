import { OwnedService } from './ownedServices';
import { nextOrder, orderServices } from './serviceOrder';

function row(
  displayName: string,
  score: number | null,
  exceptions: number,
): OwnedService {
  return {
    entityRef: `component:default/${displayName}`,
    displayName,
    summary: {
      entityRef: `component:default/${displayName}`,
      compliant: 0,
      exceptions,
      pending: 0,
      score,
      trend: [],
    },
  };
}

const rows = [
  row('billing', 0.9, 2),
  row('quiet', null, 0),
  row('ledger', 0.5, 2),
  row('web', 1, 0),
];

const names = (services: OwnedService[]) => services.map(s => s.displayName);

describe('the order of owned services', () => {
  it('puts a service with nothing scored last, in either direction', () => {
    expect(
      names(orderServices(rows, { by: 'score', direction: 'asc' })),
    ).toEqual(['ledger', 'billing', 'web', 'quiet']);
    expect(
      names(orderServices(rows, { by: 'score', direction: 'desc' })),
    ).toEqual(['web', 'billing', 'ledger', 'quiet']);
  });

  it('breaks ties by name', () => {
    expect(
      names(orderServices(rows, { by: 'exceptions', direction: 'desc' })),
    ).toEqual(['billing', 'ledger', 'quiet', 'web']);
  });

  it('reverses the sorted column and starts another in its first direction', () => {
    expect(nextOrder({ by: 'score', direction: 'asc' }, 'score')).toEqual({
      by: 'score',
      direction: 'desc',
    });
    expect(nextOrder({ by: 'score', direction: 'asc' }, 'exceptions')).toEqual({
      by: 'exceptions',
      direction: 'desc',
    });
    expect(nextOrder({ by: 'exceptions', direction: 'desc' }, 'name')).toEqual({
      by: 'name',
      direction: 'asc',
    });
  });
});
