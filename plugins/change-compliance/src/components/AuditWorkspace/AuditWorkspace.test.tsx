import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  auditPolicy,
  auditSample,
  earlierSample,
  LEDGER,
  mockChangeComplianceApi,
  paymentsPopulation,
  REVIEW_REASON,
  sampledException,
  sampledLedgerChange,
  syncingSources,
} from '../../__testUtils__/complianceEvidence';
import {
  auditorApi,
  defaultScope,
  renderWorkspace,
  sampleReviewed,
  submitReview,
} from './__testUtils__/auditWorkspace';

// A test renders the workspace's cards and traces whole; on a busy machine that outlasts the
// defaults of jest (5 s a test) and testing-library (1 s a wait).
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

async function drawWith(options: { size?: string; seed?: string }) {
  const draw = await screen.findByRole('button', { name: 'Draw sample' });
  await waitFor(() => expect(draw).toBeEnabled());
  if (options.size !== undefined) {
    fireEvent.change(screen.getByLabelText('Sample size'), {
      target: { value: options.size },
    });
  }
  if (options.seed !== undefined) {
    fireEvent.change(screen.getByLabelText('Seed'), {
      target: { value: options.seed },
    });
  }
  fireEvent.click(draw);
  return screen.findByRole('table', { name: 'Sampled changes' });
}

async function walk(name: string) {
  fireEvent.click(await screen.findByRole('button', { name }));
  return screen.findByRole('region', {
    name: /^Sampled change /,
  });
}

describe('AuditWorkspace', () => {
  it('counts the population of the last 90 days by stratum, beside the policy and the sources', async () => {
    const api = mockChangeComplianceApi({
      getPolicy: jest.fn().mockResolvedValue(auditPolicy),
      getAuditPopulation: jest.fn(async scope => paymentsPopulation(scope)),
      getSources: jest.fn().mockResolvedValue({
        sources: [syncingSources.sources[0]],
        rounds: [],
      }),
    });
    await renderWorkspace(api);

    const strata = await screen.findByRole('table', {
      name: 'Population by stratum',
    });
    expect(api.getAuditPopulation).toHaveBeenCalledWith(defaultScope());
    const rows = within(strata)
      .getAllByRole('row')
      .slice(1)
      .map(row => row.textContent);
    expect(rows).toEqual([
      'ledgernoneNormal2',
      'Payments APIpaymentsEmergency1',
      'Payments APIpaymentsNormal11',
    ]);
    expect(
      within(screen.getByRole('group', { name: 'Population' })).getByText(
        '14 production changes',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /In 3 strata \(service and change type\) across 2 services/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 of them not evaluated yet or pending/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/The population may be incomplete/),
    ).not.toBeInTheDocument();

    const policy = screen.getByRole('table', { name: 'Policy in force' });
    expect(
      within(policy).getByRole('row', { name: /Required ticket fields/ }),
    ).toHaveTextContent(
      'Description, Requester, Justification, Implementation plan, Rollback plan',
    );
    expect(
      within(policy).getByRole('row', { name: /Ticket projects/ }),
    ).toHaveTextContent('PAY (Jira)');
    expect(
      screen.getByText('Step 1 · Change management policy'),
    ).toBeInTheDocument();

    const sources = screen.getByRole('table', { name: 'Evidence sources' });
    expect(
      within(sources).getByRole('row', { name: /northwind\/payments-api/ }),
    ).toHaveTextContent(
      'GitHubnorthwind/payments-apiSynced at 2026-11-20 10:00 UTC40',
    );
  });

  it('asks for the population of the services and period chosen', async () => {
    const api = auditorApi();
    await renderWorkspace(api);
    await screen.findByRole('table', { name: 'Population by stratum' });

    fireEvent.mouseDown(screen.getByRole('button', { name: /^Services/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: /component:default\/ledger/ }),
    );
    fireEvent.change(screen.getByLabelText('First day'), {
      target: { value: '2026-07-01' },
    });
    fireEvent.change(screen.getByLabelText('Last day'), {
      target: { value: '2026-09-30' },
    });

    await waitFor(() =>
      expect(api.getAuditPopulation).toHaveBeenLastCalledWith({
        from: '2026-07-01T00:00:00.000Z',
        to: '2026-10-01T00:00:00.000Z',
        systems: [],
        groups: [],
        services: [LEDGER],
      }),
    );
  });

  it('asks nothing for a period that ends before it starts, and says so', async () => {
    const api = auditorApi();
    await renderWorkspace(api);
    await screen.findByRole('table', { name: 'Population by stratum' });
    const calls = api.getAuditPopulation.mock.calls.length;

    fireEvent.change(screen.getByLabelText('First day'), {
      target: { value: '2026-10-01' },
    });
    fireEvent.change(screen.getByLabelText('Last day'), {
      target: { value: '2026-09-30' },
    });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The period ends before it starts',
    );
    expect(
      screen.getByText(
        'Choose a valid period to count its production changes.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Draw sample' })).toBeDisabled();
    expect(api.getAuditPopulation).toHaveBeenCalledTimes(calls + 1);
  });

  it('draws a sample with the seed and size given, and shows it', async () => {
    const api = auditorApi();
    await renderWorkspace(api);

    const items = await drawWith({ size: '30', seed: 'fy2026-q4' });

    expect(api.drawAuditSample).toHaveBeenCalledWith({
      scope: defaultScope(),
      size: 30,
      seed: 'fy2026-q4',
    });
    const facts = screen.getByRole('table', { name: 'Sample' });
    expect(within(facts).getByRole('row', { name: /Seed/ })).toHaveTextContent(
      'fy2026-q4',
    );
    expect(within(facts).getByRole('row', { name: /Drawn/ })).toHaveTextContent(
      'by user:default/henrik.berg at 2026-11-20 10:00 UTC',
    );
    expect(
      within(facts).getByRole('row', { name: /Population at the draw/ }),
    ).toHaveTextContent('14 production changes in 3 strata');
    const rows = within(items).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('v1.4.2');
    expect(rows[0]).toHaveTextContent('Emergency');
    expect(within(rows[0]).getByText('Exception')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Not reviewed')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('v1.3.200');
    expect(rows[1]).toHaveTextContent('Normal');
    expect(screen.getByText(/0 of 2 changes reviewed/)).toBeInTheDocument();
    // The list of samples is read again, so the new one is in it.
    await waitFor(() => expect(api.listAuditSamples).toHaveBeenCalledTimes(2));
  });

  it('refuses a sample size the policy does not allow, without asking the backend', async () => {
    const api = auditorApi();
    await renderWorkspace(api);
    const draw = await screen.findByRole('button', { name: 'Draw sample' });
    await waitFor(() => expect(draw).toBeEnabled());

    fireEvent.change(screen.getByLabelText('Sample size'), {
      target: { value: '41' },
    });

    expect(
      screen.getByText('Between 25 and 40, as the policy allows.'),
    ).toBeInTheDocument();
    expect(draw).toBeDisabled();
    fireEvent.click(draw);
    expect(api.drawAuditSample).not.toHaveBeenCalled();
  });

  it('redraws with the seed the backend chose, and shows the draw is reproducible', async () => {
    const api = auditorApi();
    await renderWorkspace(api);
    await drawWith({});
    expect(api.drawAuditSample).toHaveBeenLastCalledWith({
      scope: defaultScope(),
      size: 25,
      seed: undefined,
    });
    // The seed the backend chose is shown, ready to be written down or drawn again.
    expect(screen.getByLabelText('Seed')).toHaveValue('b7c1e0');

    fireEvent.click(
      screen.getByRole('button', { name: 'Redraw with seed b7c1e0' }),
    );

    await waitFor(() => expect(api.drawAuditSample).toHaveBeenCalledTimes(2));
    expect(api.drawAuditSample).toHaveBeenLastCalledWith({
      scope: defaultScope(),
      size: 25,
      seed: 'b7c1e0',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Redrawn with seed b7c1e0: the same 2 changes as sample s-2026-q4. The draw is reproducible.',
    );
  });

  it('says when a redraw differs because the population changed', async () => {
    const api = auditorApi();
    await renderWorkspace(api);
    await drawWith({ seed: 'fy2026-q4' });
    api.drawAuditSample.mockImplementationOnce(async request =>
      auditSample(request.scope, {
        id: 's-2026-q4-again',
        seed: request.seed,
        population: { total: 15, strata: [] },
        items: [sampledException, sampledLedgerChange],
      }),
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Redraw with seed fy2026-q4' }),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Redrawn with seed fy2026-q4: 1 of the 2 changes of sample s-2026-q4 are not in the redraw and 1 others are, because the population is no longer the one it was drawn from (14 changes then, 15 now).',
    );
    expect(api.drawAuditSample).toHaveBeenLastCalledWith({
      scope: defaultScope(),
      size: 25,
      seed: 'fy2026-q4',
    });
  });

  it('walks a sampled change and records the review mark on its row', async () => {
    const api = auditorApi();
    api.reviewAuditSampleItem.mockImplementation(async (_id, _item, review) =>
      sampleReviewed(review),
    );
    await renderWorkspace(api);
    await drawWith({ seed: 'fy2026-q4' });

    const change = await walk('Walk v1.4.2 (github/9001)');
    expect(
      within(change).getByRole('region', {
        name: 'Step 5 · Peer review and formal approval: Fail',
      }),
    ).toHaveTextContent(REVIEW_REASON);
    submitReview(change, {
      conclusion: 'Exception',
      note: 'Justification missing.',
    });

    await waitFor(() =>
      expect(api.reviewAuditSampleItem).toHaveBeenCalledWith(
        's-2026-q4',
        'github/9001',
        { conclusion: 'exception', note: 'Justification missing.' },
      ),
    );
    const items = screen.getByRole('table', { name: 'Sampled changes' });
    const rows = within(items).getAllByRole('row');
    expect(
      await within(rows[1]).findByText('Reviewed: Exception'),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('Not reviewed')).toBeInTheDocument();
    expect(screen.getByText(/1 of 2 changes reviewed/)).toBeInTheDocument();
  });

  describe('the evidence package', () => {
    const { createObjectURL, revokeObjectURL } = URL;
    afterEach(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      jest.restoreAllMocks();
    });

    it('downloads as evidence-<sample>.zip', async () => {
      const archive = new Blob(['PK'], { type: 'application/zip' });
      const api = auditorApi();
      api.exportAuditSample.mockResolvedValue(archive);
      const objectUrl = jest.fn((_blob: Blob) => 'blob:evidence');
      Object.assign(URL, {
        createObjectURL: objectUrl,
        revokeObjectURL: jest.fn(),
      });
      const clicked: Array<{ href: string; download: string }> = [];
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function record(this: HTMLAnchorElement) {
          clicked.push({ href: this.href, download: this.download });
        });
      await renderWorkspace(api);
      await drawWith({ seed: 'fy2026-q4' });

      fireEvent.click(
        screen.getByRole('button', { name: 'Export evidence package' }),
      );

      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(api.exportAuditSample).toHaveBeenCalledWith('s-2026-q4');
      expect(objectUrl).toHaveBeenCalledWith(archive);
      expect(clicked[0]).toEqual({
        href: 'blob:evidence',
        download: 'evidence-s-2026-q4.zip',
      });
    });

    it('says why an export failed', async () => {
      const api = auditorApi();
      api.exportAuditSample.mockRejectedValue(
        new Error('Not allowed: change-compliance.audit.export'),
      );
      await renderWorkspace(api);
      await drawWith({ seed: 'fy2026-q4' });

      fireEvent.click(
        screen.getByRole('button', { name: 'Export evidence package' }),
      );

      expect(
        await screen.findByText(
          'Could not export the evidence package: Not allowed: change-compliance.audit.export',
        ),
      ).toBeInTheDocument();
    });
  });

  it('opens a sample drawn before, to walk it on', async () => {
    const api = auditorApi();
    api.listAuditSamples.mockResolvedValue({ samples: [earlierSample] });
    api.getAuditSample.mockResolvedValue(
      auditSample(earlierSample.scope, {
        id: earlierSample.id,
        seed: earlierSample.seed,
      }),
    );
    await renderWorkspace(api);

    const history = await screen.findByRole('table', {
      name: 'Samples drawn so far',
    });
    expect(history).toHaveTextContent(
      '2026-07-01 to 2026-09-30 (UTC, both included)',
    );
    expect(history).toHaveTextContent('25 of 25');
    fireEvent.click(
      within(history).getByRole('button', { name: 'Open sample s-2026-q3' }),
    );

    expect(
      await screen.findByRole('table', { name: 'Sampled changes' }),
    ).toBeInTheDocument();
    expect(api.getAuditSample).toHaveBeenCalledWith('s-2026-q3');
    expect(screen.getByLabelText('Seed')).toHaveValue('fy2026-q3');
    expect(
      screen.getByRole('button', { name: 'Redraw with seed fy2026-q3' }),
    ).toBeInTheDocument();
  });

  it('says when the period has no production deployments, and offers nothing to sample', async () => {
    const api = mockChangeComplianceApi();
    await renderWorkspace(api);

    expect(
      await screen.findByText(
        'No production deployments in this period and scope',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Nothing to sample: no production deployments in this period and scope.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Draw sample' })).toBeDisabled();
    expect(
      screen.getByText('No sample has been drawn yet.'),
    ).toBeInTheDocument();
  });

  it('warns that the population may be incomplete while the sources are still syncing', async () => {
    const api = auditorApi();
    api.getSources.mockResolvedValue(syncingSources);
    await renderWorkspace(api);

    expect(
      await screen.findByText(/The population may be incomplete/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The evidence is still being synced (GitHub: 5 of 13 repositories synced (1 failed), started 2026-11-20 10:00 UTC). The last sync of GitHub northwind/ledger failed. Until the sources are synced, this population may lack production changes, and a sample drawn from it would not represent the period.',
      ),
    ).toBeInTheDocument();
    const progress = screen.getByRole('status', { name: 'Syncs in progress' });
    expect(
      within(progress).getByRole('progressbar', {
        name: 'GitHub sync progress',
      }),
    ).toHaveAttribute('aria-valuenow', String(Math.round((100 * 5) / 13)));
    expect(
      within(screen.getByRole('table', { name: 'Evidence sources' })).getByRole(
        'row',
        { name: /northwind\/ledger/ },
      ),
    ).toHaveTextContent(
      'Failed at 2026-11-20 10:01 UTC (2 times in a row): GitHub answered 502',
    );
  });

  it('explains what could not be read or done', async () => {
    const api = auditorApi();
    api.getAuditPopulation.mockRejectedValue(
      new Error('Request failed with 503'),
    );
    api.getPolicy.mockRejectedValue(
      new Error('Not allowed: change-compliance.evidence.read'),
    );
    await renderWorkspace(api);

    expect(
      await screen.findByText(
        /Could not count the production changes of this scope/,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not read the policy in force/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The population could not be counted, so no sample can be drawn from it.',
      ),
    ).toBeInTheDocument();
  });

  it('shows why the backend refused a draw', async () => {
    const api = auditorApi();
    api.drawAuditSample.mockRejectedValue(
      new Error('size must be between 25 and 40'),
    );
    await renderWorkspace(api);
    const draw = await screen.findByRole('button', { name: 'Draw sample' });
    await waitFor(() => expect(draw).toBeEnabled());

    fireEvent.click(draw);

    expect(
      await screen.findByText(/Could not draw the sample/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/size must be between 25 and 40/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByRole('table', { name: 'Sampled changes' }),
    ).not.toBeInTheDocument();
  });
});
