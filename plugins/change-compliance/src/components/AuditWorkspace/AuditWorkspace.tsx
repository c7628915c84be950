import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { auditExportPermission } from '@change-compliance/plugin-change-compliance-common';
import Grid from '@material-ui/core/Grid';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { changeComplianceApiRef } from '../../api/ChangeComplianceApi';
import { auditScopeOf, defaultScopeInput } from './auditScope';
import { drawBlocked } from './drawBlocked';
import { NoAuditPermission } from './NoAuditPermission';
import { PolicyCard } from './PolicyCard';
import { sampleBounds } from './policySummary';
import { PopulationCard } from './PopulationCard';
import { SampleSection } from './SampleSection';
import { ScopeCard } from './ScopeCard';
import { SourcesCard } from './SourcesCard';
import { useScopeCatalog } from './useScopeCatalog';

/**
 * The auditor's workspace, laid out as the control's testing procedure: the scope of the audit,
 * the policy in force (step 1), the systems feeding the evidence and how complete they are
 * (step 2), the population and a reproducible stratified sample (step 3), and each sampled change
 * walked through steps 4 to 8 with its evidence and the auditor's review mark. Drawing, reviewing
 * and exporting need the audit permission; the backend refuses them to anyone else as well.
 *
 * @public
 */
export function AuditWorkspace() {
  const api = useApi(changeComplianceApiRef);
  const audit = usePermission({ permission: auditExportPermission });
  const [scopeInput, setScopeInput] = useState(() =>
    defaultScopeInput(new Date()),
  );
  const scoped = useMemo(() => auditScopeOf(scopeInput), [scopeInput]);
  const scope = 'scope' in scoped ? scoped.scope : undefined;
  const catalog = useScopeCatalog();
  const policy = useAsync(() => api.getPolicy(), [api]);
  const sources = useAsync(() => api.getSources(), [api]);
  const population = useAsync(
    async () => scope && api.getAuditPopulation(scope),
    [api, scope],
  );
  // No request for an invalid scope: the card asks for a valid period instead.
  const populationState = scope ? population : undefined;

  let sampling;
  if (audit.loading) {
    sampling = <Progress aria-label="Checking the audit permission" />;
  } else if (audit.error) {
    sampling = (
      <ResponseErrorPanel
        title="Could not check whether you may draw samples and export evidence"
        error={audit.error}
      />
    );
  } else if (audit.allowed) {
    sampling = (
      <SampleSection
        scope={scope}
        blocked={drawBlocked(populationState)}
        bounds={sampleBounds(policy.value)}
        catalog={catalog.value}
      />
    );
  } else {
    sampling = <NoAuditPermission />;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ScopeCard
          value={scopeInput}
          problem={'problem' in scoped ? scoped.problem : undefined}
          catalog={catalog}
          onChange={setScopeInput}
        />
      </Grid>
      <Grid item xs={12} xl={6}>
        <PolicyCard policy={policy} />
      </Grid>
      <Grid item xs={12} xl={6}>
        <SourcesCard sources={sources} />
      </Grid>
      <Grid item xs={12}>
        <PopulationCard
          population={populationState}
          sources={sources.value}
          catalog={catalog.value}
        />
      </Grid>
      <Grid item xs={12}>
        {sampling}
      </Grid>
    </Grid>
  );
}
