import { isChangeComplianceAvailable } from './isChangeComplianceAvailable';
import {
  helpCentreEntity,
  paymentsApiEntity,
  settlementServiceEntity,
} from './__testUtils__/demoEntity';

describe('isChangeComplianceAvailable', () => {
  it('is true for an entity that names its repository', () => {
    expect(isChangeComplianceAvailable(paymentsApiEntity)).toBe(true);
  });

  it('is true for a service on GitLab, and for one Argo CD deploys', () => {
    expect(isChangeComplianceAvailable(settlementServiceEntity)).toBe(true);
    expect(isChangeComplianceAvailable(helpCentreEntity)).toBe(true);
  });

  it('is false without the repository annotation, or with a blank one', () => {
    const { annotations, ...metadata } = paymentsApiEntity.metadata;
    expect(
      isChangeComplianceAvailable({ ...paymentsApiEntity, metadata }),
    ).toBe(false);
    expect(
      isChangeComplianceAvailable({
        ...paymentsApiEntity,
        metadata: {
          ...metadata,
          annotations: {
            'github.com/project-slug': ' ',
            'gitlab.com/project-slug': '',
          },
        },
      }),
    ).toBe(false);
  });

  it('is false for a group, which has its own tab at the same path', () => {
    expect(
      isChangeComplianceAvailable({ ...paymentsApiEntity, kind: 'Group' }),
    ).toBe(false);
    expect(
      isChangeComplianceAvailable({
        ...settlementServiceEntity,
        kind: 'Group',
      }),
    ).toBe(false);
  });
});
