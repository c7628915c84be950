import {
  AuditSampleItem,
  CheckStatus,
  DeploymentDetail,
  DeploymentTrace,
} from '@change-compliance/plugin-change-compliance-common';
import { EvidencePackageContent } from './EvidencePackageContent';
import { TESTING_STEP_TITLES } from './testingSteps';

/** Text as HTML: every value in the report comes from evidence and is escaped. */
function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  pending: 'Pending',
  'not-applicable': 'N/A',
};

function status(value: CheckStatus | undefined): string {
  if (!value) return '<span class="status none">Not evaluated</span>';
  return `<span class="status ${esc(value)}">${esc(
    STATUS_LABEL[value],
  )}</span>`;
}

function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="empty">None recorded.</p>';
  return `<table><thead><tr>${header
    .map(h => `<th>${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map(row => `<tr>${row.map(cell => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function definitionList(entries: Array<[string, string]>): string {
  return `<dl>${entries
    .map(([term, value]) => `<dt>${esc(term)}</dt><dd>${value}</dd>`)
    .join('')}</dl>`;
}

const list = (values: string[] | undefined) =>
  values && values.length > 0 ? esc(values.join(', ')) : '<em>none</em>';

/**
 * A self-contained, printable report of an evidence package: the auditor's testing procedure
 * from the policy (step 1) to each sampled change's steps 4 to 8, with the review marks. No
 * scripts and nothing loaded from elsewhere (its Content-Security-Policy forbids both), so it
 * reads the same offline, in an archive, years later.
 */
export function reportHtml(content: EvidencePackageContent): string {
  const { sample, drawn, policy, sources } = content;
  const reviewed = sample.items.filter(i => i.review).length;
  const sampledPerStratum = new Map<string, number>();
  for (const item of drawn.items) {
    sampledPerStratum.set(
      item.stratumKey,
      (sampledPerStratum.get(item.stratumKey) ?? 0) + 1,
    );
  }

  const header = definitionList([
    ['Sample', esc(sample.id)],
    [
      'Audit period',
      `${esc(sample.scope.from)} to ${esc(sample.scope.to)} (end exclusive)`,
    ],
    ['Systems in scope', list(sample.scope.systems)],
    ['Groups in scope', list(sample.scope.groups)],
    ['Services in scope', list(sample.scope.services)],
    ['Drawn by', `${esc(sample.drawnBy)} at ${esc(sample.drawnAt)}`],
    ['Seed', `<code>${esc(sample.seed)}</code>`],
    ['Size asked', esc(sample.size)],
    ['Exported by', `${esc(content.exportedBy)} at ${esc(content.exportedAt)}`],
    ['Reviewed', `${reviewed} of ${sample.items.length} sampled changes`],
  ]);

  const step1 = definitionList([
    ['Production environments', list(policy.productionEnvironments)],
    ['Required ticket fields', list(policy.requiredTicketFields)],
    [
      'Ticket projects',
      list(policy.ticketProjects.map(p => `${p.system}:${p.key}`)),
    ],
    ['Minimum independent approvals', esc(policy.minApprovals)],
    [
      'Qualified reviewers',
      esc(
        [
          policy.qualifiedReviewers.owningGroup ? 'owning group' : '',
          policy.qualifiedReviewers.codeOwners ? 'code owners' : '',
          ...policy.qualifiedReviewers.groups,
        ]
          .filter(Boolean)
          .join(', ') || 'none',
      ),
    ],
    ['Authorised approvers', list(policy.approverGroups)],
    [
      'Environment reviewers approve',
      policy.acceptEnvironmentReviewers ? 'yes' : 'no',
    ],
    ['Production branches', list(policy.productionBranches)],
    [
      'Emergency changes',
      `labels ${list(policy.emergency.labels)}; ticket types ${list(
        policy.emergency.ticketTypes,
      )}; priorities ${list(
        policy.emergency.ticketPriorities,
      )}; retrospective window ${esc(
        policy.emergency.retroWindowMs / 3_600_000,
      )} h`,
    ],
    ['Exempt paths', list(policy.exemptPaths)],
    ['Automation accounts', list(policy.automationAccounts)],
  ]);

  const step2 =
    table(
      [
        'Source',
        'Scope',
        'Last success',
        'Last failure',
        'Failures in a row',
        'Last error',
      ],
      sources.sources.map(s => [
        esc(s.provider),
        esc(s.scope),
        esc(s.lastSucceededAt ?? 'never'),
        esc(s.lastFailedAt ?? ''),
        esc(s.consecutiveFailures),
        esc(s.lastError ?? ''),
      ]),
    ) +
    table(
      ['Source', 'Round started', 'Finished', 'Scopes done', 'Failed'],
      sources.rounds.map(r => [
        esc(r.provider),
        esc(r.startedAt),
        esc(r.finishedAt ?? 'running'),
        `${esc(r.done)} of ${esc(r.total)}`,
        esc(r.failed),
      ]),
    );

  const strata = table(
    ['Service', 'System', 'Change type', 'Population', 'Sampled'],
    drawn.population.strata.map(s => [
      esc(s.serviceRef),
      esc(s.systemRef ?? ''),
      esc(s.changeType),
      esc(s.population),
      esc(sampledPerStratum.get(s.key) ?? 0),
    ]),
  );
  const step3 = `<p>${esc(
    drawn.population.total,
  )} production changes in the period and scope
at the draw, ${esc(
    drawn.population.pending,
  )} of them not evaluated yet or pending. Population
SHA-256 <code>${esc(
    drawn.population.sha256,
  )}</code> (see population.json).</p>${strata}`;

  const summary = table(
    [
      '#',
      'Deployment',
      'Service',
      'Deployed',
      'Type',
      'Verdict',
      '4',
      '5',
      '6',
      '7',
      '8',
      'Review',
    ],
    sample.items.map((item, index) => [
      esc(index + 1),
      `<a href="#item-${index + 1}">${esc(item.deploymentId)}</a>`,
      esc(item.serviceRef),
      esc(item.deployedAt),
      item.emergency ? 'emergency' : 'normal',
      esc(item.verdict ?? 'not evaluated'),
      ...item.steps.map(step => status(step.status)),
      item.review ? esc(item.review.conclusion) : '<em>not reviewed</em>',
    ]),
  );

  const items = sample.items
    .map((item, index) =>
      itemSection(item, index, content.evidence[index], content),
    )
    .join('');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Change compliance evidence: sample ${esc(sample.id)}</title>
<style>
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.5em; } h3 { font-size: 12pt; }
table { border-collapse: collapse; margin: 0.5em 0 1em; width: 100%; }
th, td { border: 1px solid #999; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 1em; }
dt { font-weight: bold; } dd { margin: 0; }
code { font-size: 10pt; word-break: break-all; }
.status { font-weight: bold; } .pass { color: #1b5e20; } .fail { color: #b71c1c; }
.pending { color: #8a5a00; } .not-applicable, .none { color: #555; }
.empty { color: #555; font-style: italic; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; } .item { break-before: page; } a { color: inherit; text-decoration: none; } }
</style>
</head>
<body>
<h1>Change compliance evidence: sample ${esc(sample.id)}</h1>
<p>Are production changes documented in a ticket, peer-reviewed, approved and traceable to the
deployed artefact? This report follows the testing procedure step by step. Every file of the
package is listed with its SHA-256 in SHA256SUMS; check them with <code>sha256sum -c SHA256SUMS</code>.</p>
${header}
<h2>Step 1: change management policy in force</h2>
${step1}
<p>The whole policy is in policy.json.</p>
<h2>Step 2: systems and sources of the evidence</h2>
${step2}
<h2>Step 3: population and stratified sample</h2>
${step3}
<h2>Steps 4 to 8: results per sampled change</h2>
<p>Steps: 4 ${esc(TESTING_STEP_TITLES[4])}; 5 ${esc(
    TESTING_STEP_TITLES[5],
  )}; 6 ${esc(TESTING_STEP_TITLES[6])}; 7 ${esc(
    TESTING_STEP_TITLES[7],
  )}; 8 ${esc(TESTING_STEP_TITLES[8])}.</p>
${summary}
${items}
</body>
</html>
`;
}

function itemSection(
  item: AuditSampleItem,
  index: number,
  evidence: { detail: DeploymentDetail; trace: DeploymentTrace },
  content: EvidencePackageContent,
): string {
  const { detail, trace } = evidence;
  const atDraw = content.drawn.items[index]?.verdictAtDraw;
  const marks = content.reviewHistory.filter(
    m => m.deploymentId === item.deploymentId,
  );
  const steps = item.steps
    .map(step => {
      const checks = table(
        ['Check', 'Status', 'Reason'],
        step.checks.map(c => [esc(c.checkId), status(c.status), esc(c.reason)]),
      );
      return `<h4>Step ${step.step}: ${esc(
        TESTING_STEP_TITLES[step.step],
      )} ${status(step.status)}</h4>${checks}`;
    })
    .join('');

  return `<section class="item" id="item-${index + 1}">
<h2>${index + 1}. ${esc(item.deploymentId)}</h2>
${definitionList([
  ['Service', esc(item.serviceRef)],
  ['Environment', esc(item.environment)],
  ['Deployed at', esc(item.deployedAt)],
  ['Deployed by', esc(item.actor ?? 'unknown')],
  ['Commit', `<code>${esc(item.commitSha)}</code>`],
  [
    'Image',
    esc([item.imageTag, item.imageDigest].filter(Boolean).join(' ') || 'none'),
  ],
  ['Configuration version', esc(item.configVersion ?? 'none')],
  ['Pipeline run', esc(detail.deployment.pipelineRunUrl ?? 'none')],
  ['Change type', item.emergency ? 'emergency' : 'normal'],
  [
    'Verdict',
    `${esc(item.verdict ?? 'not evaluated')} (at the draw: ${esc(
      atDraw ?? 'not evaluated',
    )})`,
  ],
])}
${steps}
<h3>Changes shipped</h3>
${table(
  ['Change', 'Emergency', 'Tickets'],
  detail.changes.map(c => [
    esc(c.changeRef),
    c.emergency ? `yes, window until ${esc(c.emergencyDeadline ?? '')}` : 'no',
    esc(c.ticketKeys.join(', ')),
  ]),
)}
<h3>Pull requests and reviews</h3>
${table(
  ['Pull request', 'Author', 'Merged', 'Admin override', 'Reviews'],
  trace.pullRequests.map(pr => [
    `${esc(pr.repository)}#${esc(pr.number)} ${esc(pr.title)}`,
    esc(pr.author.login),
    esc(pr.mergedAt ?? 'not merged'),
    pr.mergedWithAdminOverride ? 'yes' : 'no',
    esc(
      pr.reviews
        .map(
          r =>
            `${r.reviewer.login} ${r.state}${
              r.dismissed ? ' (dismissed)' : ''
            } ${r.submittedAt ?? ''}`,
        )
        .join('; '),
    ),
  ]),
)}
<h3>Direct commits</h3>
${table(
  ['Commit', 'Author', 'Committed', 'Subject'],
  trace.directCommits.map(c => [
    `<code>${esc(c.sha)}</code>`,
    esc(c.author.login),
    esc(c.committedAt),
    esc(c.subject),
  ]),
)}
<h3>Tickets</h3>
${table(
  ['Ticket', 'Type', 'Requester', 'Required fields', 'Links back to'],
  trace.tickets.map(t => [
    `${esc(t.system)} ${esc(t.key)}`,
    esc(t.type ?? ''),
    esc(t.requester?.login ?? 'unknown'),
    esc(
      t.requiredFields
        .map(f => `${f.field}: ${f.filled ? 'filled' : 'missing'}`)
        .join(', '),
    ),
    esc(t.links.join(', ')),
  ]),
)}
<h3>Approvals</h3>
${table(
  ['Approver', 'State', 'At', 'Of'],
  trace.approvals.map(a => [
    esc(a.approver.login),
    esc(a.state),
    esc(a.approvedAt),
    esc(a.ticketKey ?? a.deploymentId ?? ''),
  ]),
)}
<h3>Verdict history</h3>
${table(
  ['Evaluated at', 'Verdict', 'Previous', 'Cause'],
  detail.history.map(h => [
    esc(h.evaluatedAt),
    esc(h.verdict),
    esc(h.previousVerdict ?? ''),
    esc(h.cause),
  ]),
)}
<h3>Review marks</h3>
${table(
  ['Reviewed at', 'By', 'Conclusion', 'Note'],
  marks.map(m => [
    esc(m.reviewedAt),
    esc(m.reviewedBy),
    esc(m.conclusion),
    esc(m.note),
  ]),
)}
</section>
`;
}
