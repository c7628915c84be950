import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RunningArtifactsCard } from './RunningArtifactsCard';

const shipped = {
  cluster: 'northwind-production',
  namespace: 'payments',
  workload: 'Deployment/payments-api',
  container: 'app',
  image: 'registry.northwind.example/payments-api:main-1a2b3c4',
  digest: `sha256:${'ab'.repeat(32)}`,
  firstSeenAt: '2026-11-18T10:00:00.000Z',
  lastSeenAt: '2026-11-20T00:00:00.000Z',
  deploymentId: 'github/742',
};
const debug = {
  ...shipped,
  workload: 'Pod/payments-api-debug',
  image: 'registry.northwind.example/payments-api:debug',
  digest: `sha256:${'cd'.repeat(32)}`,
  deploymentId: undefined,
};

describe('RunningArtifactsCard', () => {
  it('lists what runs and names the unknown artifact as an exception', async () => {
    await renderInTestApp(
      <RunningArtifactsCard
        runningArtifacts={[shipped, debug]}
        artifactExceptions={[
          {
            kind: 'unknown-artifact-in-production',
            digest: debug.digest,
            image: debug.image,
            cluster: debug.cluster,
            namespace: debug.namespace,
            workload: debug.workload,
            firstSeenAt: debug.firstSeenAt,
            lastSeenAt: debug.lastSeenAt,
            reason: 'Unknown artifact in production: the debug image runs.',
          },
        ]}
      />,
    );
    expect(screen.getByText('Running in production')).toBeInTheDocument();
    expect(
      screen.getByText('Unknown artifact in production: the debug image runs.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Shipped by deployment github\/742/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Shipped by no production deployment/),
    ).toBeInTheDocument();
  });

  it('shows nothing where no cluster reports the service', async () => {
    const { container } = await renderInTestApp(
      <RunningArtifactsCard runningArtifacts={[]} artifactExceptions={[]} />,
    );
    expect(container.textContent).toBe('');
  });
});
