import { paymentsApiEntity } from '../__testUtils__/demoEntity';
import { serviceRepository } from './serviceRepository';

const withAnnotations = (annotations: Record<string, string>) => ({
  ...paymentsApiEntity,
  metadata: { name: 'settlement-service', annotations },
});

describe('serviceRepository', () => {
  it('reads a GitHub repository', () => {
    expect(serviceRepository(paymentsApiEntity)).toEqual({
      slug: 'northwind/payments-api',
      sourceControl: 'github',
      annotation: 'github.com/project-slug',
    });
  });

  it('reads a GitLab project, subgroups included', () => {
    expect(
      serviceRepository(
        withAnnotations({
          'gitlab.com/project-slug': ' northwind/finance/settlement-service ',
        }),
      ),
    ).toEqual({
      slug: 'northwind/finance/settlement-service',
      sourceControl: 'gitlab',
      annotation: 'gitlab.com/project-slug',
    });
  });

  it('prefers GitHub when both are set, as the backend does', () => {
    expect(
      serviceRepository(
        withAnnotations({
          'github.com/project-slug': 'northwind/settlement-service',
          'gitlab.com/project-slug': 'northwind/settlement-service',
        }),
      )?.sourceControl,
    ).toBe('github');
  });

  it('falls back to GitLab when the GitHub annotation is blank', () => {
    expect(
      serviceRepository(
        withAnnotations({
          'github.com/project-slug': ' ',
          'gitlab.com/project-slug': 'northwind/settlement-service',
        }),
      )?.sourceControl,
    ).toBe('gitlab');
  });

  it('is undefined without a repository annotation', () => {
    expect(
      serviceRepository(withAnnotations({ 'jira/project-key': 'PAY' })),
    ).toBeUndefined();
  });
});
