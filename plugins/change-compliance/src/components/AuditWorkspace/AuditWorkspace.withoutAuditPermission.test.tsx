import { configure, screen } from '@testing-library/react';
import { auditorApi, renderWorkspace } from './__testUtils__/auditWorkspace';

// A test renders the workspace's cards and traces whole; on a busy machine that outlasts the
// defaults of jest (5 s a test) and testing-library (1 s a wait).
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

// A file of its own: usePermission caches answers by permission for the whole module, so a denial
// after an allowance in the same file would read the cached allowance.
describe('AuditWorkspace without the audit permission', () => {
  it('hides drawing, reviewing and exporting without the audit permission, and says why', async () => {
    const api = auditorApi();
    await renderWorkspace(api, { mayAudit: false });

    expect(
      await screen.findByText(/change-compliance\.audit\.export/),
    ).toBeInTheDocument();
    // What everyone with read access may see stays.
    expect(
      await screen.findByRole('table', { name: 'Population by stratum' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Policy in force' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Draw sample' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Seed')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Export evidence package' }),
    ).not.toBeInTheDocument();
    expect(api.listAuditSamples).not.toHaveBeenCalled();
  });
});
