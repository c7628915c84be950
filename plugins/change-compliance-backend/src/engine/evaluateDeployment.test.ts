import {
  alice,
  baseline,
  basePolicy,
  MERGE,
  pullRequest,
} from './__testUtils__/baseline';
import { evaluateDeployment } from './evaluateDeployment';
import { ChangeEvidence, DeploymentEvaluationInput } from './evidence';

/** A commit alice pushed to main without a PR or a ticket. */
function directPush(sha: string): ChangeEvidence {
  return {
    kind: 'direct',
    repository: 'northwind/payments-api',
    commit: {
      sha,
      parents: [MERGE],
      author: alice,
      coAuthors: [],
      message: 'Hotfix the tokeniser',
      committedAt: '2026-11-10T11:00:00.000Z',
      changedFiles: ['src/cards/tokenise.ts'],
    },
  };
}

const FIRST = 'd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1';
const SECOND = 'd2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2';
const THIRD = 'd3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3';

function check(input: DeploymentEvaluationInput, checkId: string) {
  return evaluateDeployment(input, basePolicy()).checks.find(
    c => c.checkId === checkId,
  )!;
}

describe('a deployment check over several changes', () => {
  it('speaks through the first failing change and counts the other failing ones', () => {
    const input = baseline();
    input.changes.push(directPush(FIRST), directPush(SECOND));

    const linked = check(input, 'ticket.linked');
    expect(linked.status).toBe('fail');
    expect(linked.reason).toBe(
      `commit:northwind/payments-api@${FIRST}: No ticket reference in the PR title, body, branch name or commit messages; add the ticket key to the PR title. (and 1 more change)`,
    );
    // Every change's evidence, each reference once, in the order of the changes.
    expect(linked.evidenceRefs).toEqual([
      'pr:northwind/payments-api#42',
      'ticket:jira/PAY-12',
      `commit:northwind/payments-api@${FIRST}`,
      `commit:northwind/payments-api@${SECOND}`,
    ]);

    input.changes.push(directPush(THIRD));
    expect(check(input, 'ticket.linked').reason).toMatch(
      /\(and 2 more changes\)$/,
    );
  });

  it('passes with the one change named, or with the number of changes', () => {
    const one = baseline();
    expect(check(one, 'ticket.linked').reason).toBe(
      'pr:northwind/payments-api#42: Linked to PAY-12.',
    );

    const two = baseline();
    const again = { ...pullRequest(), number: 43 };
    two.changes.push({ kind: 'pull-request', pullRequest: again });
    const linked = check(two, 'ticket.linked');
    expect(linked.status).toBe('pass');
    expect(linked.reason).toBe('All 2 changes in scope pass.');
  });

  it('is not applicable, with the first change’s reason, when no change is judged on it', () => {
    const input = baseline();
    const pr = pullRequest();
    pr.changedFiles = ['docs/runbook.md'];
    input.changes = [
      { kind: 'pull-request', pullRequest: pr },
      {
        kind: 'pull-request',
        pullRequest: { ...pr, number: 43, changedFiles: ['README.md'] },
      },
    ];

    const linked = check(input, 'ticket.linked');
    expect(linked.status).toBe('not-applicable');
    expect(linked.reason).toBe('Only exempt paths changed.');
    expect(linked.evidenceRefs).toEqual([
      'pr:northwind/payments-api#42',
      'pr:northwind/payments-api#43',
    ]);
  });
});

describe('ticket references read by the caller', () => {
  it('are what the engine judges by, and give the result the engine reads itself', () => {
    const input = baseline();
    const own = evaluateDeployment(input, basePolicy());

    const given = evaluateDeployment(
      {
        ...input,
        referencedTicketKeys: new Map([[input.changes[0], ['PAY-12']]]),
      },
      basePolicy(),
    );
    expect(given).toEqual(own);

    // A change the caller read no ticket in has none, whatever its title says.
    const none = evaluateDeployment(
      { ...input, referencedTicketKeys: new Map([[input.changes[0], []]]) },
      basePolicy(),
    );
    expect(none.failingChecks).toContain('ticket.linked');
  });
});
