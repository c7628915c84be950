import { SourcesResponse } from '@change-compliance/plugin-change-compliance-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { mockChangeComplianceApi } from '../../__testUtils__/complianceEvidence';
import { BackfillNotice, backfillMessage } from './BackfillNotice';

const synced = (scope: string) => ({
  provider: 'github',
  scope,
  lastStartedAt: '2026-11-20T10:00:00.000Z',
  lastSucceededAt: '2026-11-20T10:00:09.000Z',
  lastFailedAt: null,
  cursor: null,
  lastError: null,
  consecutiveFailures: 0,
  itemsSynced: 40,
});

const round = (finishedAt: string | null) => ({
  provider: 'github',
  startedAt: '2026-11-20T10:00:00.000Z',
  finishedAt,
  total: 13,
  done: 5,
  failed: 0,
  itemsSynced: 900,
});

describe('backfillMessage', () => {
  it('says a repository not synced yet makes the verdicts incomplete, with the round’s progress', () => {
    const sources: SourcesResponse = { sources: [], rounds: [round(null)] };
    expect(backfillMessage(sources, 'northwind/payments-api')).toMatch(
      /northwind\/payments-api has not been synced yet: the sync started at .* has done 5 of 13 repositories\. Until it is, this service's deployments and verdicts are incomplete\./,
    );
  });

  it("follows the GitLab round for a GitLab project, not GitHub's", () => {
    const sources: SourcesResponse = {
      sources: [],
      rounds: [
        round(null),
        { ...round(null), provider: 'gitlab', done: 1, total: 2 },
      ],
    };
    expect(
      backfillMessage(
        sources,
        'northwind-payments/settlement-service',
        'gitlab',
      ),
    ).toMatch(
      /settlement-service has not been synced yet: the sync started at .* has done 1 of 2 projects\./,
    );
  });

  it('says a round still runs even when this repository has synced', () => {
    const sources: SourcesResponse = {
      sources: [synced('Northwind/Payments-API')],
      rounds: [round(null)],
    };
    expect(backfillMessage(sources, 'northwind/payments-api')).toBe(
      'Evidence is still being synced (github: 5 of 13 done). Verdicts may change when it completes.',
    );
  });

  it('says nothing once the repository synced and no round runs', () => {
    const sources: SourcesResponse = {
      sources: [synced('northwind/payments-api')],
      rounds: [round('2026-11-20T10:04:00.000Z')],
    };
    expect(backfillMessage(sources, 'northwind/payments-api')).toBeUndefined();
  });
});

describe('BackfillNotice', () => {
  it('shows while the repository is still to be synced, and not once it is', async () => {
    const api = mockChangeComplianceApi({
      getSources: jest.fn().mockResolvedValue({
        sources: [],
        rounds: [round(null)],
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[changeComplianceApiRef, api]]}>
        <BackfillNotice repository="northwind/payments-api" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/Evidence still being synced/),
    ).toBeInTheDocument();

    api.getSources.mockResolvedValue({
      sources: [synced('northwind/payments-api')],
      rounds: [round('2026-11-20T10:04:00.000Z')],
    });
    const { container } = await renderInTestApp(
      <TestApiProvider apis={[[changeComplianceApiRef, api]]}>
        <BackfillNotice repository="northwind/payments-api" />
      </TestApiProvider>,
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(container).toBeEmptyDOMElement();
  });
});
