import { ConfigReader } from '@backstage/config';
import { readDemoPersonas } from './demoPersonas';

function read(personas: unknown) {
  return readDemoPersonas(new ConfigReader({ personas } as any));
}

describe('readDemoPersonas', () => {
  it('reads each persona with its user as a full entity reference', () => {
    expect(
      read([
        { id: 'engineer', title: 'Engineer', userEntityRef: 'alice.nakamura' },
        {
          id: 'auditor',
          title: 'Auditor',
          userEntityRef: 'user:default/henrik.berg',
        },
      ]),
    ).toEqual([
      { id: 'engineer', userEntityRef: 'user:default/alice.nakamura' },
      { id: 'auditor', userEntityRef: 'user:default/henrik.berg' },
    ]);
  });

  it('refuses a list without personas', () => {
    expect(() => read([])).toThrow('lists no persona');
  });

  it('refuses an id listed twice, naming it', () => {
    expect(() =>
      read([
        { id: 'auditor', userEntityRef: 'user:default/henrik.berg' },
        { id: 'auditor', userEntityRef: 'user:default/alice.nakamura' },
      ]),
    ).toThrow("auth.providers.demo.personas[1].id 'auditor' is listed twice");
  });

  it('refuses an id the sign-in header could not carry plainly', () => {
    expect(() =>
      read([{ id: 'Team Lead', userEntityRef: 'user:default/bob.okafor' }]),
    ).toThrow('auth.providers.demo.personas[0].id');
  });

  it('refuses a persona that would sign in as something other than a user', () => {
    expect(() =>
      read([{ id: 'team', userEntityRef: 'group:default/auditors' }]),
    ).toThrow(
      "auth.providers.demo.personas[0].userEntityRef must refer to a User, got 'group:default/auditors'",
    );
  });

  it('refuses a persona without a user', () => {
    expect(() => read([{ id: 'engineer' }])).toThrow(
      "Missing required config value at 'personas[0].userEntityRef'",
    );
  });
});
