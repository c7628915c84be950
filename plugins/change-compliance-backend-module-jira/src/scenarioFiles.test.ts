import fs from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { parseScenario } from '@internal/upstream-simulator';
import {
  describeConfusion,
  judgeOrganisation,
} from './__testUtils__/judgeOrganisation';
import { REPOSITORY_ROOT } from './__testUtils__/simulatedJira';

jest.setTimeout(60_000);

/**
 * Hand-written scenarios, each deployment with the verdict a person expects: this module's traps
 * (the workflow's approvals: too late, by the requester, by a non-member, rejected; blank fields;
 * missing links back), and the simulator's file of GitHub traps, whose ticket checks no test
 * compared before there was a ticket system. (test/simulator/scenarios/three-cases.yaml is not
 * here: its people carry no e-mail address, so the simulator gives their Jira accounts addresses
 * the catalog does not know, and no CAB approval there can be shown to be one.)
 */
const SCENARIOS = [
  path.join(__dirname, '__fixtures__/jira-approval-cases.yaml'),
  path.join(
    REPOSITORY_ROOT,
    'test/simulator/scenarios/github-evidence-cases.yaml',
  ),
];

describe('scenario files, with their tickets from the simulated Jira, judged', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(SCENARIOS.map(file => [path.basename(file), file]))(
    '%s: every check of every deployment as expected',
    async (_name, file) => {
      const organisation = parseScenario(fs.readFileSync(file, 'utf8'));
      const knex = await databases.init('SQLITE_3');
      try {
        const judged = await judgeOrganisation(organisation, knex);
        // eslint-disable-next-line no-console
        console.log(
          `${path.basename(file)}: ${
            organisation.expected.length
          } deployments\n${describeConfusion(judged.confusion)}`,
        );
        expect(judged.disagreements).toEqual([]);
      } finally {
        await knex.destroy();
      }
    },
  );
});
