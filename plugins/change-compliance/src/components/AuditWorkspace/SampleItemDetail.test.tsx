import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  AuditSample,
  AuditSampleItem,
} from '@change-compliance/plugin-change-compliance-common';
import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { useState } from 'react';
import {
  ChangeComplianceApi,
  changeComplianceApiRef,
} from '../../api/ChangeComplianceApi';
import {
  auditSample,
  mockChangeComplianceApi,
  REVIEW_REASON,
  sampledCompliant,
  sampledException,
  TICKET_REASON,
} from '../../__testUtils__/complianceEvidence';
import {
  defaultScope,
  sampleReviewed,
  submitReview,
} from './__testUtils__/auditWorkspace';
import { SampleItemDetail } from './SampleItemDetail';

// A test renders the workspace's cards and traces whole; on a busy machine that outlasts the
// defaults of jest (5 s a test) and testing-library (1 s a wait).
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

/** The detail of one item, kept up to date with the sample the review answers, as the walk is. */
function Walked(props: { sample: AuditSample; deploymentId: string }) {
  const [sample, setSample] = useState(props.sample);
  const item = sample.items.find(i => i.deploymentId === props.deploymentId)!;
  return (
    <SampleItemDetail sampleId={sample.id} item={item} onReviewed={setSample} />
  );
}

function renderItem(
  api: ChangeComplianceApi,
  item: AuditSampleItem = sampledException,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[changeComplianceApiRef, api]]}>
      <Walked
        sample={auditSample(defaultScope(), { items: [item] })}
        deploymentId={item.deploymentId}
      />
    </TestApiProvider>,
  );
}

describe('SampleItemDetail', () => {
  it('lays out steps 4 to 8 with each finding, the checks behind it and their reasons', async () => {
    const api = mockChangeComplianceApi();
    await renderItem(api);

    const step4 = screen.getByRole('region', {
      name: 'Step 4 · Ticket and its required fields: Fail',
    });
    expect(
      within(step4).getByText(/verify it holds a change description/),
    ).toBeInTheDocument();
    expect(within(step4).getByText(TICKET_REASON)).toBeInTheDocument();
    expect(
      within(step4).getByRole('listitem', {
        name: 'Ticket linked (ticket.linked): pass',
      }),
    ).toHaveTextContent('References PAY-12 in the PR title.');
    const step5 = screen.getByRole('region', {
      name: 'Step 5 · Peer review and formal approval: Fail',
    });
    expect(within(step5).getByText(REVIEW_REASON)).toBeInTheDocument();
    expect(
      within(step5).getByRole('listitem', {
        name: 'Qualified reviewer (review.qualified): not-applicable',
      }),
    ).toBeInTheDocument();
    const step6 = screen.getByRole('region', {
      name: 'Step 6 · Deployed artefact: Pass',
    });
    expect(step6).toHaveTextContent(`Commit: ${sampledException.commitSha}`);
    expect(step6).toHaveTextContent('Image tag: v1.4.2');
    expect(
      screen.getByRole('region', {
        name: 'Step 7 · Trace to the ticket: Pass',
      }),
    ).toHaveTextContent('PAY-12 links back to pr:northwind/payments-api#42.');
    expect(
      screen.getByRole('region', { name: 'Step 8 · No bypass: Pass' }),
    ).toHaveTextContent('An emergency change');
  });

  it('shows the stored evidence behind the findings, as the service tab traces it', async () => {
    const api = mockChangeComplianceApi();
    await renderItem(api);

    expect(
      await screen.findByRole('table', {
        name: 'Reviews of northwind/payments-api#42',
      }),
    ).toBeInTheDocument();
    expect(api.getDeployment).toHaveBeenCalledWith('github/9001');
    expect(api.getDeploymentTrace).toHaveBeenCalledWith('github/9001');
  });

  it('says a step has no finding while the change is not evaluated', async () => {
    const api = mockChangeComplianceApi();
    await renderItem(api, {
      ...sampledCompliant,
      verdict: undefined,
      steps: [],
    });

    const step7 = screen.getByRole('region', {
      name: 'Step 7 · Trace to the ticket: not evaluated',
    });
    expect(step7).toHaveTextContent(
      'No finding: the deployment has not been evaluated yet.',
    );
    expect(within(step7).queryByText('Pass')).not.toBeInTheDocument();
  });

  it('shows a step pending while one of its checks has no result, with the reason', async () => {
    const notEvaluated =
      'Not evaluated yet: the deployment has no result for this check.';
    const api = mockChangeComplianceApi();
    await renderItem(api, {
      ...sampledCompliant,
      verdict: undefined,
      steps: sampledCompliant.steps.map(step => ({
        ...step,
        status: 'pending' as const,
        checks: step.checks.map(check => ({
          ...check,
          status: 'pending' as const,
          reason: notEvaluated,
        })),
      })),
    });

    const step7 = screen.getByRole('region', {
      name: 'Step 7 · Trace to the ticket: Pending',
    });
    expect(within(step7).getByText(notEvaluated)).toBeInTheDocument();
    expect(within(step7).queryByText('Pass')).not.toBeInTheDocument();
  });

  it('sends nothing without a conclusion and a note', async () => {
    const api = mockChangeComplianceApi();
    await renderItem(api);
    const form = screen.getByRole('form', { name: 'Review of github/9001' });

    fireEvent.change(within(form).getByLabelText(/^Note/), {
      target: { value: '   ' },
    });
    fireEvent.click(
      within(form).getByRole('button', { name: 'Mark as reviewed' }),
    );

    expect(within(form).getByText('Choose a conclusion.')).toBeInTheDocument();
    expect(
      within(form).getByText('Write what the conclusion rests on.'),
    ).toBeInTheDocument();
    expect(api.reviewAuditSampleItem).not.toHaveBeenCalled();
  });

  it('records the conclusion and note, and shows the mark as stored: who and when', async () => {
    const api = mockChangeComplianceApi({
      reviewAuditSampleItem: jest.fn(async (_sampleId, _deploymentId, review) =>
        sampleReviewed(review),
      ),
    });
    await renderItem(api);
    const form = screen.getByRole('form', { name: 'Review of github/9001' });

    submitReview(form, {
      conclusion: 'Exception',
      note: '  Justification missing; CAB minutes of 2026-11-02 obtained.  ',
    });

    await waitFor(() =>
      expect(api.reviewAuditSampleItem).toHaveBeenCalledWith(
        's-2026-q4',
        'github/9001',
        {
          conclusion: 'exception',
          note: 'Justification missing; CAB minutes of 2026-11-02 obtained.',
        },
      ),
    );
    const mark = await screen.findByRole('group', { name: 'Review mark' });
    expect(mark).toHaveTextContent('Reviewed: Exception');
    expect(mark).toHaveTextContent(
      'By user:default/henrik.berg at 2026-11-21 09:30 UTC',
    );
    expect(mark).toHaveTextContent(
      'Justification missing; CAB minutes of 2026-11-02 obtained.',
    );
    // The form is cleared for a later, replacing mark.
    expect(within(form).getByLabelText(/^Note/)).toHaveValue('');
    expect(
      within(form).getByRole('button', { name: 'Replace the review mark' }),
    ).toBeInTheDocument();
  });

  it('keeps the entry when the backend refuses the review', async () => {
    const api = mockChangeComplianceApi({
      reviewAuditSampleItem: jest
        .fn()
        .mockRejectedValue(
          new Error('Not allowed: change-compliance.audit.export'),
        ),
    });
    await renderItem(api);
    const form = screen.getByRole('form', { name: 'Review of github/9001' });

    submitReview(form, { conclusion: 'Effective', note: 'Evidence complete.' });

    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Could not record the review: Not allowed: change-compliance.audit.export',
    );
    expect(within(form).getByLabelText(/^Note/)).toHaveValue(
      'Evidence complete.',
    );
    expect(
      screen.queryByRole('group', { name: 'Review mark' }),
    ).not.toBeInTheDocument();
  });
});
