import {
  EvidenceProvider,
  EvidenceSink,
} from '@change-compliance/plugin-change-compliance-node';
import { ProviderRegistry } from './ProviderRegistry';

const provider = (id: string, connected: string[] = []): EvidenceProvider => ({
  id,
  connect: async () => {
    connected.push(id);
  },
});

describe('ProviderRegistry', () => {
  it('lists registered providers by role, sorted', () => {
    const registry = new ProviderRegistry();
    registry.addTicketSystem(provider('servicenow'));
    registry.addTicketSystem(provider('jira'));
    registry.addSourceControlProvider(provider('github'));
    registry.addDeploymentSource(provider('github'));

    expect(registry.describe()).toEqual({
      deploymentSources: ['github'],
      sourceControl: ['github'],
      ticketSystems: ['jira', 'servicenow'],
      artifactSources: [],
    });
  });

  it('refuses a second provider with the same id in the same role', () => {
    const registry = new ProviderRegistry();
    registry.addTicketSystem(provider('jira'));
    expect(() => registry.addTicketSystem(provider('jira'))).toThrow(
      /Two ticket systems registered with the id 'jira'/,
    );
  });

  it('refuses a provider without an id', () => {
    const registry = new ProviderRegistry();
    expect(() => registry.addDeploymentSource(provider(''))).toThrow(
      /must have an id/,
    );
  });

  it('connects each provider once, even when it plays several roles', async () => {
    const registry = new ProviderRegistry();
    const connected: string[] = [];
    const github = provider('github', connected);
    registry.addSourceControlProvider(github);
    registry.addDeploymentSource(github);
    registry.addTicketSystem(provider('jira', connected));

    await registry.connectAll({} as EvidenceSink);

    expect(connected.sort()).toEqual(['github', 'jira']);
  });

  it('asks every ticket system for referenced tickets; one failing keeps none from answering', async () => {
    const registry = new ProviderRegistry();
    const asked: string[] = [];
    registry.addTicketSystem({
      ...provider('servicenow'),
      fetchTickets: async () => {
        throw new Error('instance asleep');
      },
    });
    registry.addTicketSystem({
      ...provider('jira'),
      fetchTickets: async keys => {
        asked.push(...keys);
      },
    });
    // A system that cannot fetch on demand is simply not asked.
    registry.addTicketSystem(provider('github-issues'));
    const errors: string[] = [];

    await registry.fetchTickets(['PAY-1', 'CHG0000001'], (system, error) =>
      errors.push(`${system}: ${error.message}`),
    );

    expect(asked).toEqual(['PAY-1', 'CHG0000001']);
    expect(errors).toEqual(['servicenow: instance asleep']);
  });
});
