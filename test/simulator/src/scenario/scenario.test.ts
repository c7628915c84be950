import fs from 'node:fs';
import path from 'node:path';
import { parseScenario } from '../scenario';

const threeCases = fs.readFileSync(
  path.resolve(__dirname, '../../scenarios/three-cases.yaml'),
  'utf8',
);

describe('scenario files', () => {
  it('builds the three hand-written cases with their expected verdicts', () => {
    const organisation = parseScenario(threeCases);
    expect(
      organisation.expected.map(e => [e.deploymentId, e.verdict, e.changes]),
    ).toEqual([
      [1, 'compliant', ['northwind/payments-api#1']],
      [2, 'exception', ['northwind/payments-api#2']],
      [3, 'exception', ['northwind/payments-api#3']],
    ]);
    expect(organisation.expected[1].checks).toMatchObject({
      'review.independent': 'fail',
      'review.qualified': 'fail',
      'ticket.linked': 'pass',
    });
    const [repository] = organisation.repositories;
    const pr2 = repository.pullRequests.find(p => p.number === 2)!;
    expect(pr2.commits).toHaveLength(2);
    // The review is on the final head commit: the defect is who approved, not when.
    expect(pr2.reviews[0].commitId).toBe(pr2.headSha);
    // Each deployment ships the head of main at its time.
    expect(repository.deployments.map(d => d.sha)).toEqual(
      repository.pullRequests.map(p => p.mergeCommitSha),
    );
    expect(
      organisation.jira.issues.find(i => i.key === 'PAY-101')!.status,
    ).toBe('Done');
  });

  it('names the place of a mistake', () => {
    const broken = threeCases.replace(
      'mergedAt: 2026-11-02T12:00:00Z',
      'mergedAt: yesterday',
    );
    expect(() => parseScenario(broken)).toThrow(
      /repositories\.0\.pullRequests\.0\.mergedAt/,
    );
  });

  it('refuses a deployment of a branch that does not exist at that time', () => {
    const unknownBranch = threeCases.replace(
      'expected: { verdict: compliant }',
      'ref: release/9\n        expected: { verdict: compliant }',
    );
    expect(() => parseScenario(unknownBranch)).toThrow(
      /deployment 1 of release\/9/,
    );
  });

  it('refuses an issue with a pull request’s number, and a reference by a pull request that does not exist', () => {
    const withIssue = (issue: string) =>
      threeCases.replace(
        '    deployments:',
        `    issues:\n      - ${issue}\n    deployments:`,
      );
    expect(() =>
      parseScenario(
        withIssue(
          '{ number: 1, title: T, author: bob-okafor, createdAt: 2026-11-01T09:00:00Z }',
        ),
      ),
    ).toThrow(/issue 1 has the number of a pull request/);
    expect(() =>
      parseScenario(
        withIssue(
          '{ number: 9, title: T, author: bob-okafor, createdAt: 2026-11-01T09:00:00Z, referencedBy: [{ pullRequest: 7 }] }',
        ),
      ),
    ).toThrow(/northwind\/payments-api#7, which is no pull request/);
    expect(
      parseScenario(
        withIssue(
          '{ number: 9, title: T, author: bob-okafor, createdAt: 2026-11-01T09:00:00Z, referencedBy: [{ pullRequest: 1 }] }',
        ),
      ).repositories[0].issues,
    ).toEqual([
      expect.objectContaining({
        number: 9,
        state: 'open',
        timeline: [
          expect.objectContaining({
            kind: 'cross-referenced',
            source: { repository: 'northwind/payments-api', number: 1 },
            actor: 'alice-nakamura',
          }),
        ],
      }),
    ]);
  });
});
