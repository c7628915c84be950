import { isPermission } from '@backstage/plugin-permission-common';
import {
  auditExportPermission,
  changeCompliancePermissions,
  evidenceReadPermission,
} from './permissions';

describe('permissions', () => {
  it('names every permission under the plugin id, each once', () => {
    const names = changeCompliancePermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^change-compliance\./);
    }
  });

  it('keeps export apart from read so a policy can grant one without the other', () => {
    expect(isPermission(evidenceReadPermission, auditExportPermission)).toBe(
      false,
    );
    expect(evidenceReadPermission.attributes.action).toBe('read');
    expect(auditExportPermission.attributes.action).toBe('create');
  });
});
