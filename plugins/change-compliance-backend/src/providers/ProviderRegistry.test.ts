import { ProviderRegistry } from './ProviderRegistry';

describe('ProviderRegistry', () => {
  it('lists registered providers by role, sorted', () => {
    const registry = new ProviderRegistry();
    registry.addTicketSystem({ id: 'servicenow' });
    registry.addTicketSystem({ id: 'jira' });
    registry.addSourceControlProvider({ id: 'github' });
    registry.addDeploymentSource({ id: 'github' });

    expect(registry.describe()).toEqual({
      deploymentSources: ['github'],
      sourceControl: ['github'],
      ticketSystems: ['jira', 'servicenow'],
    });
  });

  it('refuses a second provider with the same id in the same role', () => {
    const registry = new ProviderRegistry();
    registry.addTicketSystem({ id: 'jira' });
    expect(() => registry.addTicketSystem({ id: 'jira' })).toThrow(
      /Two ticket systems registered with the id 'jira'/,
    );
  });

  it('refuses a provider without an id', () => {
    const registry = new ProviderRegistry();
    expect(() => registry.addDeploymentSource({ id: '' })).toThrow(
      /must have an id/,
    );
  });
});
