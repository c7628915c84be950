import { render, screen } from '@testing-library/react';
import App from './App';

// The whole app loads here, its lazily loaded sign-in page included.
jest.setTimeout(30_000);

describe('App', () => {
  it('renders the sign-in page with the configured demo personas and the guest', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: {
              providers: {
                demo: {
                  personas: [
                    {
                      id: 'team-lead',
                      title: 'Team lead',
                      userEntityRef: 'user:default/bob.okafor',
                      description: 'Bob Okafor, lead of the Payments team.',
                    },
                  ],
                },
              },
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText(
        'Bob Okafor, lead of the Payments team.',
        {},
        { timeout: 15_000 },
      ),
    ).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Sign in as Team lead' }),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeVisible();
  });
});
