import crypto from 'node:crypto';
import path from 'node:path';
import { CHECK_IDS } from '../model';
import { generateDemoOrganisation, MESSINESS } from '.';
import { HARMLESS_MESSINESS } from './messiness';

const examplesDirectory = path.resolve(__dirname, '../../../../examples');
const demo = () =>
  generateDemoOrganisation({
    examplesDirectory,
    seed: 42,
    now: '2026-11-20T00:00:00.000Z',
  });

describe('the demo organisation generator', () => {
  const organisation = demo();

  it('covers every service of the demo catalog with about six months of deployments', () => {
    const services = new Set(organisation.expected.map(e => e.service));
    expect(services.size).toBe(13);
    const first = organisation.expected[0].deployedAt;
    const last =
      organisation.expected[organisation.expected.length - 1].deployedAt;
    const days = (Date.parse(last) - Date.parse(first)) / 86_400_000;
    expect(days).toBeGreaterThan(160);
    expect(days).toBeLessThanOrEqual(175);
  });

  it.each(MESSINESS.map(kind => [kind]))(
    'plants %s at least 3 times in the default seed',
    kind => {
      const count = organisation.expected.filter(e =>
        e.messiness.includes(kind),
      ).length;
      expect(count).toBeGreaterThanOrEqual(3);
    },
  );

  it('ships several PRs in one deployment at least 3 times', () => {
    const several = organisation.expected.filter(e => e.changes.length > 1);
    expect(several.length).toBeGreaterThanOrEqual(3);
    expect(
      organisation.expected.filter(e => e.messiness.includes('several-prs'))
        .length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('gives the same organisation for the same seed, and another for another seed', () => {
    const digest = (o: unknown) =>
      crypto.createHash('sha256').update(JSON.stringify(o)).digest('hex');
    expect(digest(demo())).toBe(digest(organisation));
    expect(
      digest(
        generateDemoOrganisation({
          examplesDirectory,
          seed: 43,
          now: '2026-11-20T00:00:00.000Z',
        }),
      ),
    ).not.toBe(digest(organisation));
  });

  it('writes a verdict consistent with its checks for every deployment', () => {
    for (const e of organisation.expected) {
      const statuses = CHECK_IDS.map(id => e.checks[id]);
      let verdict = 'compliant';
      if (statuses.includes('pending')) verdict = 'pending';
      if (statuses.includes('fail')) verdict = 'exception';
      expect(e.verdict).toBe(verdict);
      const harmful = e.messiness.filter(
        m =>
          m !== 'several-prs' && !(HARMLESS_MESSINESS as string[]).includes(m),
      );
      expect(e.verdict === 'compliant').toBe(harmful.length === 0);
    }
  });

  it('deploys commits that exist, from the branch the deployment names', () => {
    for (const repository of organisation.repositories) {
      const shas = new Set(repository.commits.map(c => c.sha));
      for (const deployment of repository.deployments) {
        expect(shas.has(deployment.sha)).toBe(true);
      }
      const released = repository.deployments.filter(d =>
        d.ref.startsWith('release/'),
      );
      for (const deployment of released) {
        expect(repository.branches[deployment.ref]).toBe(deployment.sha);
      }
    }
  });

  it('plants a self-approval as an approver who authored a commit of the PR', () => {
    const deployment = organisation.expected.find(e =>
      e.messiness.includes('self-approval'),
    )!;
    const repository = organisation.repositories.find(
      r => `${r.owner}/${r.name}` === deployment.repository,
    )!;
    const numbers = deployment.changes.map(c => Number(c.split('#')[1]));
    const selfApproved = repository.pullRequests.filter(pr => {
      if (!numbers.includes(pr.number)) return false;
      const commitAuthors = pr.commits.map(
        sha => repository.commits.find(c => c.sha === sha)!.author.login,
      );
      return pr.reviews.some(
        r => r.state === 'APPROVED' && commitAuthors.includes(r.reviewer),
      );
    });
    expect(selfApproved.length).toBeGreaterThan(0);
  });
});
