import { sampleOrganisation } from '../__testUtils__/sampleOrganisation';
import { createSimulator, Simulator } from './app';
import { DEMO_CREDENTIALS } from './credentials';

describe('ServiceNow Table API', () => {
  let sim: Simulator;
  let base: string;

  const basic = (username: string, password: string) =>
    `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

  /** GETs a Table API URL (absolute, or a path under the instance) with the demo credentials. */
  async function get(pathOrUrl: string, authorization?: string) {
    const url = pathOrUrl.startsWith('http')
      ? pathOrUrl
      : `${base}/servicenow${pathOrUrl}`;
    const response = await fetch(url, {
      headers: {
        accept: 'application/json',
        authorization:
          authorization ??
          basic(
            DEMO_CREDENTIALS.serviceNow.username,
            DEMO_CREDENTIALS.serviceNow.password,
          ),
      },
    });
    return { response, body: (await response.json()) as any };
  }

  /** The `rel` → URL pairs of a `Link` header. */
  function links(header: string | null): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [, url, rel] of (header ?? '').matchAll(
      /<([^>]+)>;\s*rel="(\w+)"/g,
    )) {
      out[rel] = url;
    }
    return out;
  }

  beforeAll(async () => {
    sim = createSimulator({ organisation: sampleOrganisation() });
    base = await sim.listen();
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => {
    sim.requestLog.reset();
    sim.faults.clear();
  });

  it('pages through change requests by following the Link header', async () => {
    const numbers: string[] = [];
    let next: string | undefined =
      '/api/now/table/change_request?sysparm_limit=20&sysparm_query=ORDERBYnumber';
    let pages = 0;
    while (next) {
      const { response, body } = await get(next);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-total-count')).toBe('75');
      numbers.push(
        ...body.result.map((record: { number: string }) => record.number),
      );
      next = links(response.headers.get('link')).next;
      pages += 1;
    }

    expect(pages).toBe(4);
    expect(numbers).toEqual(
      Array.from(
        { length: 75 },
        (_, i) => `CHG${String(i + 1).padStart(7, '0')}`,
      ),
    );
    expect(
      sim.requestLog.total({
        routePrefix: 'GET /servicenow/api/now/table/:table',
      }),
    ).toBe(4);
  });

  it('links first, prev, next and last pages from sysparm_offset and sysparm_limit', async () => {
    const { response } = await get(
      '/api/now/table/change_request?sysparm_limit=20&sysparm_offset=20&sysparm_fields=number',
    );
    const rels = links(response.headers.get('link'));
    const offsetOf = (url: string) =>
      new URL(url).searchParams.get('sysparm_offset');

    expect(offsetOf(rels.first)).toBe('0');
    expect(offsetOf(rels.prev)).toBe('0');
    expect(offsetOf(rels.next)).toBe('40');
    expect(offsetOf(rels.last)).toBe('60');
    expect(new URL(rels.next).searchParams.get('sysparm_fields')).toBe(
      'number',
    );
  });

  it('renders a change request with string values and reference links', async () => {
    const { body } = await get('/api/now/table/change_request/chg-4');

    expect(body.result).toMatchObject({
      sys_id: 'chg-4',
      number: 'CHG0000004',
      short_description: 'Change 4',
      justification: 'Customers asked for it',
      implementation_plan: 'Pipeline',
      backout_plan: 'Redeploy the previous version',
      state: '3',
      type: 'normal',
      priority: '3',
      opened_at: '2026-06-01 02:20:00',
      sys_updated_on: '2026-06-01 04:50:00',
      correlation_display: 'northwind/payments-api#4',
      requested_by: {
        link: `${base}/servicenow/api/now/table/sys_user/sn-alice`,
        value: 'sn-alice',
      },
    });
  });

  it('queries approvals by the change they approve', async () => {
    const { body } = await get(
      '/api/now/table/sysapproval_approver?sysparm_query=sysapproval=chg-9',
    );

    expect(body.result).toEqual([
      {
        sys_id: 'apr-9',
        sysapproval: {
          link: `${base}/servicenow/api/now/table/change_request/chg-9`,
          value: 'chg-9',
        },
        source_table: 'change_request',
        approver: {
          link: `${base}/servicenow/api/now/table/sys_user/sn-grace`,
          value: 'sn-grace',
        },
        state: 'approved',
        sys_updated_on: '2026-06-01 09:25:00',
        comments: 'Approved by CAB',
      },
    ]);
  });

  it('shows display values with sysparm_display_value=true and both with all', async () => {
    const display = await get(
      '/api/now/table/sysapproval_approver/apr-9?sysparm_display_value=true&sysparm_fields=sysapproval,approver,state',
    );
    expect(display.body.result).toEqual({
      sysapproval: 'CHG0000009',
      approver: 'Grace',
      state: 'Approved',
    });

    const all = await get(
      '/api/now/table/change_request/chg-9?sysparm_display_value=all&sysparm_fields=state,requested_by',
    );
    expect(all.body.result).toEqual({
      state: { display_value: 'Closed', value: '3' },
      requested_by: {
        display_value: 'Alice',
        value: 'sn-alice',
        link: `${base}/servicenow/api/now/table/sys_user/sn-alice`,
      },
    });
  });

  it('supports the encoded query subset', async () => {
    const numbersOf = async (query: string) => {
      const { response, body } = await get(
        `/api/now/table/change_request?sysparm_fields=number&sysparm_query=${encodeURIComponent(
          query,
        )}`,
      );
      expect(response.status).toBe(200);
      return body.result.map((record: { number: string }) => record.number);
    };
    const chg = (n: number) => `CHG${String(n).padStart(7, '0')}`;

    expect(await numbersOf('sys_idINchg-2,chg-5^ORDERBYDESCnumber')).toEqual([
      chg(5),
      chg(2),
    ]);
    expect(await numbersOf('number=CHG0000003^ORnumber=CHG0000004')).toEqual([
      chg(3),
      chg(4),
    ]);
    expect(
      await numbersOf('correlation_displayLIKEapi#7^ORDERBYnumber'),
    ).toEqual([chg(7), chg(70), chg(71), chg(72), chg(73), chg(74), chg(75)]);
    expect(await numbersOf('state!=3')).toEqual([]);
    // Change n was updated n hours and 50 minutes after 2026-06-01 00:00 UTC.
    expect(
      await numbersOf(
        "sys_updated_on>=javascript:gs.dateGenerate('2026-06-04','00:00:00')^ORDERBYnumber",
      ),
    ).toEqual([chg(72), chg(73), chg(74), chg(75)]);
    expect(
      await numbersOf('sys_updated_on>=2026-06-04 02:50:00^ORDERBYnumber'),
    ).toEqual([chg(74), chg(75)]);
    // An unknown field selects nothing rather than everything.
    expect(await numbersOf('no_such_field=1')).toEqual([]);
  });

  it('rejects queries outside the subset and unknown tables, in ServiceNow’s error shape', async () => {
    const unsupported = await get(
      `/api/now/table/change_request?sysparm_query=${encodeURIComponent(
        'requested_by.name=Alice',
      )}`,
    );
    expect(unsupported.response.status).toBe(400);
    expect(unsupported.body.status).toBe('failure');
    expect(unsupported.body.error.message).toMatch(/dot-walked/);

    const table = await get('/api/now/table/incidentz');
    expect(table.response.status).toBe(400);
    expect(table.body).toEqual({
      error: { message: 'Invalid table incidentz', detail: null },
      status: 'failure',
    });

    const record = await get('/api/now/table/change_request/nope');
    expect(record.response.status).toBe(404);
    expect(record.body.error.message).toBe('No Record found');
  });

  it('lists users', async () => {
    const { body } = await get(
      '/api/now/table/sys_user?sysparm_query=user_name=grace',
    );
    expect(body.result).toEqual([
      {
        sys_id: 'sn-grace',
        user_name: 'grace',
        name: 'Grace',
        email: 'grace@example.com',
        active: 'true',
      },
    ]);
  });

  it('answers 401 to bad credentials', async () => {
    const { response, body } = await get(
      '/api/now/table/change_request',
      basic(DEMO_CREDENTIALS.serviceNow.username, 'wrong'),
    );
    expect(response.status).toBe(401);
    expect(body.status).toBe('failure');
  });

  it('repeats a record on the second page when the list shifts between pages', async () => {
    sim.faults.set([{ path: 'change_request', kind: 'shifting-pages' }]);
    const first = await get(
      '/api/now/table/change_request?sysparm_limit=20&sysparm_fields=number',
    );
    const next = links(first.response.headers.get('link')).next;
    const second = await get(next);

    expect(first.body.result).toHaveLength(20);
    expect(second.body.result).toHaveLength(20);
    expect(second.body.result[0].number).toBe(first.body.result[19].number);
    expect(second.response.headers.get('x-total-count')).toBe('76');
  });
});
