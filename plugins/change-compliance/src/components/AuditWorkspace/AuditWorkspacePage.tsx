import { Content, Header, Page } from '@backstage/core-components';
import { AuditWorkspace } from './AuditWorkspace';

/**
 * The auditor's workspace as a page of its own, with the header the legacy frontend system
 * expects of a routable page (the new frontend system draws its own around the workspace).
 *
 * @public
 */
export function AuditWorkspacePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Change Compliance"
        subtitle="Audit workspace for production changes: CM-3 / CM-9, ISO 27001 A.8.32, CIS 16.4, SOC 2 CC8.1"
      />
      <Content>
        <AuditWorkspace />
      </Content>
    </Page>
  );
}
