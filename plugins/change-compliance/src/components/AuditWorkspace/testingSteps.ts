/**
 * The control's testing procedure in brief (the full text is in the README's control and the
 * evidence package's report). Every panel of the workspace names the step it serves, so that an
 * auditor can file what they see against their own working papers.
 */
export const TESTING_STEPS = {
  1: {
    title: 'Change management policy',
    text: 'Obtain the policy that defines ticket creation, peer review, approval and traceability for production changes.',
  },
  2: {
    title: 'Systems and sources',
    text: 'Identify the ticketing systems, code repositories and deployment pipelines used during the audit period.',
  },
  3: {
    title: 'Sample',
    text: 'Select a representative sample of 25 to 40 production changes across the period, stratified by application, infrastructure type and change complexity.',
  },
  4: {
    title: 'Ticket and its required fields',
    text: 'Retrieve the originating ticket and verify it holds a change description, requester, business justification, implementation plan and rollback procedure.',
  },
  5: {
    title: 'Peer review and formal approval',
    text: 'Confirm peer review by qualified personnel, and formal approval by an authorised change approver before the deployment.',
  },
  6: {
    title: 'Deployed artefact',
    text: 'Identify the artefact deployed to production (commit, image tag, configuration version) from the deployment record or pipeline run.',
  },
  7: {
    title: 'Trace to the ticket',
    text: 'Trace the deployed artefact back to its originating ticket, and the ticket forward to it: traceability both ways.',
  },
  8: {
    title: 'No bypass',
    text: 'Confirm that no unauthorised direct change or emergency change bypassed the documented process.',
  },
} as const;

export type TestingStepNumber = keyof typeof TESTING_STEPS;

/** The steps walked per sampled change, in order. */
export const ITEM_STEPS = [4, 5, 6, 7, 8] as const;

/** "Step 4 · Ticket and its required fields", as headings and labels name a step. */
export function stepName(step: TestingStepNumber): string {
  return `Step ${step} · ${TESTING_STEPS[step].title}`;
}
