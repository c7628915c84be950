/*
 * Runs recorded real payloads (GitHub webhooks, GitHub REST commits, Jira issues with their
 * changelogs and ADF) through the parsers the modules use, and prints what each yields, so that a
 * person can check them against the payloads. Run by hand, once per parser change, on a folder laid
 * out like the project's reference recordings (github-webhooks/, github-rest/, jira/); tests use
 * the project's own fixtures instead.
 *
 *   yarn workspace @internal/bench check:reference /path/to/reference
 */
import fs from 'node:fs';
import path from 'node:path';
/* eslint-disable @backstage/no-relative-monorepo-imports */
import {
  decideWebhook,
  WEBHOOK_EVENTS,
  WebhookEvent,
} from '../../../plugins/change-compliance-backend-module-github/src/webhooks/githubWebhooks';
import { statusTransitions } from '../../../plugins/change-compliance-backend-module-jira/src/evidence/statusTransitions';
import { fieldText } from '../../../plugins/change-compliance-backend-module-jira/src/evidence/fieldText';
import { jiraActor } from '../../../plugins/change-compliance-backend-module-jira/src/evidence/jiraActor';
/* eslint-enable @backstage/no-relative-monorepo-imports */

const root = process.argv[2];
if (!root) {
  console.error('usage: check:reference <reference folder>');
  process.exit(2);
}

const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const payloads = (folder: string) =>
  fs.existsSync(path.join(root, folder))
    ? fs
        .readdirSync(path.join(root, folder))
        .filter(f => f.endsWith('.json') && !f.endsWith('.source.json'))
        .map(f => ({ name: f, body: json(path.join(root, folder, f)) }))
    : [];

console.log('# GitHub webhooks: which deliveries sync which repository');
for (const { name, body } of payloads('github-webhooks')) {
  const event = name.split('.')[0];
  const decision = (WEBHOOK_EVENTS as readonly string[]).includes(event)
    ? decideWebhook(event as WebhookEvent, body)
    : { ignored: 'not subscribed' };
  console.log(`${name}: ${JSON.stringify(decision)}`);
}

console.log(
  '\n# GitHub REST: the changed files of a commit (read for direct changes)',
);
for (const { name, body } of payloads('github-rest')) {
  if (!Array.isArray(body.files) || typeof body.sha !== 'string') continue;
  console.log(
    `${name}: ${body.sha.slice(0, 7)} changed ${body.files
      .map((f: { filename: string }) => f.filename)
      .join(', ')}`,
  );
}

console.log(
  '\n# Jira: status transitions, reporter and description text per issue',
);
for (const { name, body } of payloads('jira')) {
  const issues = Array.isArray(body.issues) ? body.issues : [body];
  for (const issue of issues) {
    const transitions = statusTransitions(issue.changelog?.histories ?? []);
    const description = fieldText(issue.fields?.description);
    console.log(
      `${name} ${issue.key}: reporter ${
        jiraActor(issue.fields?.reporter).login
      }; description ${description?.length ?? 0} characters; ${
        transitions.length
      } transitions${transitions
        .map(
          t =>
            `\n    ${t.at} ${t.from ?? '(none)'} -> ${t.to} by ${
              t.actor.login
            }`,
        )
        .join('')}`,
    );
  }
}
