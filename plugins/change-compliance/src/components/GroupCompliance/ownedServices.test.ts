import {
  ownedEntities,
  paymentsTeamSummary,
} from './__testUtils__/groupEvidence';
import { ownedServices } from './ownedServices';

describe('the services of a group rollup', () => {
  it('names services by their catalog title, else by their name', () => {
    expect(
      ownedServices(paymentsTeamSummary.services, ownedEntities).map(
        s => s.displayName,
      ),
    ).toEqual(['ledger', 'payment-gateway', 'Payments API']);
  });

  it('leaves out what names no repository, unless it has deployments in the period', () => {
    const system = paymentsTeamSummary.services[3];
    expect(ownedServices([system], ownedEntities)).toEqual([]);
    expect(
      ownedServices(
        [{ ...system, exceptions: 2, score: 0 }],
        ownedEntities,
      ).map(s => s.displayName),
    ).toEqual(['payments']);
  });

  it('keeps a service the catalog does not return when it has deployments', () => {
    const [ledger] = paymentsTeamSummary.services;
    expect(
      ownedServices(
        [{ ...ledger, entityRef: 'component:finance/ledger' }],
        [undefined],
      ).map(s => s.displayName),
    ).toEqual(['finance/ledger']);
  });
});
