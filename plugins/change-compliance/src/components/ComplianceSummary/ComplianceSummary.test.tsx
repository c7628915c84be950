import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  summaryWithAnException,
  summaryWithNothing,
} from '../../__testUtils__/complianceEvidence';
import { ComplianceScoreCard, formatScore } from './ComplianceScoreCard';
import { WeeklyTrendChart } from './WeeklyTrendChart';

describe('the compliance summary', () => {
  it('never rounds a score with an exception up to 100%', () => {
    expect(formatScore(999 / 1000)).toBe('99.9%');
    expect(formatScore(1999 / 2000)).toBe('99.9%');
    expect(formatScore(1)).toBe('100%');
  });

  it('shows the score with its counts and the pending deployments apart', async () => {
    await renderInTestApp(
      <ComplianceScoreCard
        summary={{ ...summaryWithAnException, pending: 2 }}
        periodLabel="last 90 days"
      />,
    );
    expect(
      screen.getByText('Last 90 days, since 2026-08-05 (UTC)'),
    ).toBeInTheDocument();
    expect(screen.getByText('91.6%')).toBeInTheDocument();
    expect(
      screen.getByText('11 of 12 scored deployments compliant; 1 exception.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 deployments pending/)).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Failing most often' }),
    ).toHaveTextContent('Independent review: 1');
  });

  it('draws one bar per week and says the counts in words', async () => {
    await renderInTestApp(
      <WeeklyTrendChart trend={summaryWithAnException.trend} />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Weekly production deployments over 3 weeks: 11 compliant, 1 exception, 0 pending.',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Week of 2026-11-02: 2 compliant, 1 exception, 0 pending',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the period has nothing to chart', async () => {
    await renderInTestApp(
      <WeeklyTrendChart trend={summaryWithNothing.trend} />,
    );
    expect(
      screen.getByText('No evaluated deployment in this period.'),
    ).toBeInTheDocument();
  });
});
