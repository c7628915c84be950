import { IdentityApi } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PersonaSignInPage } from './PersonaSignInPage';

const personas = [
  {
    id: 'engineer',
    title: 'Engineer',
    userEntityRef: 'user:default/alice.nakamura',
    description: 'Alice Nakamura, Payments team: the service tab.',
  },
  {
    id: 'auditor',
    title: 'Auditor',
    userEntityRef: 'user:default/henrik.berg',
    description: 'Henrik Berg, Internal Audit: samples and evidence packages.',
  },
];

const config = {
  app: { title: 'Northwind portal' },
  backend: { baseUrl: 'http://backend.test' },
  auth: { providers: { demo: { personas } } },
};

/** A token that expires in an hour, as the auth backend issues them. */
function token(sub: string) {
  const payload = btoa(
    JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 3600 }),
  );
  return `header.${payload}.signature`;
}

function session(userEntityRef: string, displayName: string) {
  return {
    profile: { displayName },
    backstageIdentity: {
      token: token(userEntityRef),
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef],
      },
    },
  };
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('PersonaSignInPage', () => {
  const fetchMock = jest.fn<Promise<Response>, [string, RequestInit]>();
  const originalFetch = global.fetch;

  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
    global.fetch = fetchMock as unknown as typeof fetch;
  });

  afterAll(() => {
    global.fetch = originalFetch;
  });

  function requestedPersona(call: number): string | null {
    const [url, init] = fetchMock.mock.calls[call];
    expect(url).toBe('http://backend.test/api/auth/demo/refresh');
    return new Headers(init.headers).get('x-demo-persona');
  }

  it('offers each configured persona with its role and what to try, and the guest', async () => {
    await renderInTestApp(<PersonaSignInPage onSignInSuccess={jest.fn()} />, {
      config,
    });

    expect(
      screen.getByRole('button', { name: 'Sign in as Engineer' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Auditor' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Henrik Berg, Internal Audit: samples and evidence packages.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('user:default/henrik.berg')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('offers only the guest where the backend offers no personas', async () => {
    await renderInTestApp(<PersonaSignInPage onSignInSuccess={jest.fn()} />, {
      config: { ...config, auth: { providers: {} } },
    });

    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Sign in as/ }),
    ).not.toBeInTheDocument();
  });

  it('signs in as the chosen persona, again on reload, and forgets it on sign-out', async () => {
    fetchMock.mockImplementation(async () =>
      jsonResponse(200, session('user:default/henrik.berg', 'Henrik Berg')),
    );
    const onSignInSuccess = jest.fn<void, [IdentityApi]>();
    const first = await renderInTestApp(
      <PersonaSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as Auditor' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(requestedPersona(0)).toBe('auditor');
    const identity = onSignInSuccess.mock.calls[0][0];
    expect(await identity.getBackstageIdentity()).toMatchObject({
      userEntityRef: 'user:default/henrik.berg',
    });
    expect(await identity.getProfileInfo()).toEqual({
      displayName: 'Henrik Berg',
    });
    first.unmount();

    // A reload signs in as the same persona without asking.
    const afterReload = jest.fn<void, [IdentityApi]>();
    const second = await renderInTestApp(
      <PersonaSignInPage onSignInSuccess={afterReload} />,
      { config },
    );
    await waitFor(() => expect(afterReload).toHaveBeenCalledTimes(1));
    expect(requestedPersona(fetchMock.mock.calls.length - 1)).toBe('auditor');
    second.unmount();

    // After signing out, the page asks again.
    await afterReload.mock.calls[0][0].signOut();
    const callsBefore = fetchMock.mock.calls.length;
    await renderInTestApp(<PersonaSignInPage onSignInSuccess={jest.fn()} />, {
      config,
    });
    expect(
      screen.getByRole('button', { name: 'Sign in as Auditor' }),
    ).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(callsBefore);
  });

  it('signs in as the guest without naming a persona', async () => {
    fetchMock.mockImplementation(async () =>
      jsonResponse(200, session('user:default/guest', 'Guest (reader)')),
    );
    const onSignInSuccess = jest.fn<void, [IdentityApi]>();
    await renderInTestApp(
      <PersonaSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Enter' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://backend.test/api/auth/guest/refresh');
    expect(new Headers(init.headers).has('x-demo-persona')).toBe(false);
  });

  it('shows why a sign-in was refused and offers the choices again', async () => {
    fetchMock.mockImplementation(async () =>
      jsonResponse(403, {
        error: {
          name: 'NotAllowedError',
          message:
            'The x-demo-persona header names no demo persona; the personas are engineer, auditor',
        },
        request: { method: 'GET', url: '/api/auth/demo/refresh' },
        response: { statusCode: 403 },
      }),
    );
    const onSignInSuccess = jest.fn();
    const page = await renderInTestApp(
      <PersonaSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as Engineer' }),
    );

    expect(await screen.findByText(/Sign-in failed/)).toBeInTheDocument();
    expect(screen.getByText(/names no demo persona/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Engineer' }),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
    page.unmount();

    // The refused choice is not remembered: a reload asks again instead of retrying it.
    const callsBefore = fetchMock.mock.calls.length;
    await renderInTestApp(<PersonaSignInPage onSignInSuccess={jest.fn()} />, {
      config,
    });
    expect(
      screen.getByRole('button', { name: 'Sign in as Engineer' }),
    ).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(callsBefore);
  });
});
