import { ChangeComplianceClient } from './ChangeComplianceClient';

function clientAnswering(status: number, body: unknown) {
  const urls: string[] = [];
  const client = new ChangeComplianceClient({
    discoveryApi: { getBaseUrl: async id => `http://backstage.test/api/${id}` },
    fetchApi: {
      fetch: (async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      }) as typeof fetch,
    },
  });
  return { client, urls };
}

describe('ChangeComplianceClient', () => {
  it('asks for a service summary by entity ref and period', async () => {
    const { client, urls } = clientAnswering(200, { score: 0.5 });
    await expect(
      client.getServiceSummary('component:default/payments-api', {
        from: '2026-11-01T00:00:00Z',
      }),
    ).resolves.toEqual({ score: 0.5 });
    expect(urls).toEqual([
      'http://backstage.test/api/change-compliance/entities/component/default/payments-api/summary?from=2026-11-01T00%3A00%3A00Z',
    ]);
  });

  it('passes only the filters that are set', async () => {
    const { client, urls } = clientAnswering(200, { items: [] });
    await client.getServiceDeployments('component:default/payments-api', {
      page: 2,
      verdict: 'exception',
      environment: undefined,
    });
    expect(urls[0]).toMatch(/\/deployments\?page=2&verdict=exception$/);
  });

  it('asks for a group rollup by group ref', async () => {
    const { client, urls } = clientAnswering(200, { score: null });
    await client.getGroupSummary('group:default/payments-team');
    expect(urls).toEqual([
      'http://backstage.test/api/change-compliance/groups/default/payments-team/summary',
    ]);
    expect(() => client.getGroupSummary('component:default/x')).toThrow(
      /group ref/,
    );
  });

  it('encodes deployment ids whose external id holds a slash', async () => {
    const { client, urls } = clientAnswering(200, {});
    await client.getDeployment('argocd/payments/42');
    expect(urls[0]).toBe(
      'http://backstage.test/api/change-compliance/deployments/argocd/payments%2F42',
    );
    await client.getDeploymentTrace('argocd/payments/42');
    expect(urls[1]).toBe(
      'http://backstage.test/api/change-compliance/deployments/argocd/payments%2F42/trace',
    );
  });

  it('turns an error answer into a ResponseError with the backend message', async () => {
    const { client } = clientAnswering(403, {
      error: {
        name: 'NotAllowedError',
        message: 'Not allowed: change-compliance.evidence.read',
      },
      response: { statusCode: 403 },
    });
    await expect(client.getPolicy()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });

  it('refuses a short entity ref instead of guessing the kind', () => {
    const { client } = clientAnswering(200, {});
    expect(() => client.getServiceSummary('payments-api')).toThrow(
      /full entity ref/,
    );
  });
});
