import { ConfigReader } from '@backstage/config';
import { readArgoCdConfig } from './readArgoCdConfig';

describe('readArgoCdConfig', () => {
  it('reads the instances as the community Argo CD plugins configure them', () => {
    const settings = readArgoCdConfig(
      new ConfigReader({
        argocd: {
          username: 'portal',
          password: 'shared-password',
          appLocatorMethods: [
            {
              type: 'config',
              instances: [
                { name: 'eu', url: 'https://argocd.eu.example/', token: 't' },
                { name: 'us', url: 'https://argocd.us.example' },
                {
                  name: 'ap',
                  url: 'https://argocd.ap.example',
                  username: 'own',
                  password: 'own-password',
                },
              ],
            },
            // Other locator types name no instances to read.
            { type: 'cluster' },
          ],
        },
        changeCompliance: {
          argocd: {
            environments: [{ cluster: 'prod-*', environment: 'production' }],
            automatedSyncAccount: 'argocd-bot',
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
          },
        },
      }),
    );
    expect(settings).toEqual({
      instances: [
        {
          name: 'eu',
          url: 'https://argocd.eu.example',
          token: 't',
          username: undefined,
          password: undefined,
        },
        {
          name: 'us',
          url: 'https://argocd.us.example',
          username: 'portal',
          password: 'shared-password',
        },
        {
          name: 'ap',
          url: 'https://argocd.ap.example',
          token: undefined,
          username: 'own',
          password: 'own-password',
        },
      ],
      environments: [
        {
          instance: undefined,
          cluster: 'prod-*',
          namespace: undefined,
          environment: 'production',
        },
      ],
      automatedSyncAccount: 'argocd-bot',
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
    });
  });

  it('has nothing to read without an instance, and defaults the rest', () => {
    expect(readArgoCdConfig(new ConfigReader({}))).toBeUndefined();
    const settings = readArgoCdConfig(
      new ConfigReader({
        argocd: {
          appLocatorMethods: [
            { type: 'config', instances: [{ name: 'a', url: 'http://a' }] },
          ],
        },
      }),
    )!;
    expect(settings.automatedSyncAccount).toBe('argocd-automated-sync');
    expect(settings.environments).toEqual([]);
    expect(settings.schedule.frequency).toEqual({ minutes: 15 });
  });

  it('refuses two instances of one name: their deployments would mix', () => {
    expect(() =>
      readArgoCdConfig(
        new ConfigReader({
          argocd: {
            appLocatorMethods: [
              {
                type: 'config',
                instances: [
                  { name: 'a', url: 'http://a' },
                  { name: 'a', url: 'http://b' },
                ],
              },
            ],
          },
        }),
      ),
    ).toThrow("names the instance 'a' twice");
  });
});
