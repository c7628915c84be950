import { renderInTestApp } from '@backstage/test-utils';
import { ChangeEvaluation } from '@change-compliance/plugin-change-compliance-common';
import { screen } from '@testing-library/react';
import { ChangeMarkers } from './ChangeMarkers';

const emergency: ChangeEvaluation = {
  changeRef: 'pr:northwind/payments-api#43',
  emergency: true,
  emergencyDeadline: '2026-11-06T14:05:00.000Z',
  automated: false,
  exempt: false,
  ticketKeys: [],
  checks: [],
};

describe('ChangeMarkers', () => {
  it('gives an emergency change its retrospective deadline while the window is open', async () => {
    await renderInTestApp(
      <ChangeMarkers
        change={emergency}
        now={new Date('2026-11-04T00:00:00Z')}
      />,
    );
    expect(
      screen.getByText(
        'Emergency change: retrospective evidence due by 2026-11-06 14:05 UTC',
      ),
    ).toBeInTheDocument();
  });

  it('says when the window has closed', async () => {
    await renderInTestApp(
      <ChangeMarkers
        change={emergency}
        now={new Date('2026-11-07T00:00:00Z')}
      />,
    );
    expect(
      screen.getByText(
        'Emergency change: retrospective window closed 2026-11-06 14:05 UTC',
      ),
    ).toBeInTheDocument();
  });

  it('marks automated and exempt changes', async () => {
    await renderInTestApp(
      <ChangeMarkers
        change={{
          ...emergency,
          emergency: false,
          automated: true,
          exempt: true,
        }}
      />,
    );
    expect(screen.getByText('Automated change')).toBeInTheDocument();
    expect(screen.getByText('Only exempt paths changed')).toBeInTheDocument();
  });
});
