import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { DeploymentRecord } from '../database/records';

const sha = z
  .string()
  .regex(
    /^[0-9a-f]{7,64}$/i,
    'must be a commit SHA (7 to 64 hexadecimal characters)',
  );

const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 time with a zone, e.g. 2026-11-10T12:00:00Z',
});

/**
 * A deployment event as a CI/CD pipeline posts it. Strict: an unknown field is an error, so a
 * typo (`comitSha`) is reported instead of silently dropped.
 */
export const deploymentEventSchema = z.strictObject({
  source: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]{0,63}$/,
      'must be a short lower-case id such as ci or argocd',
    ),
  externalId: z.string().trim().min(1).max(255),
  entityRef: z.string().refine(
    ref => {
      try {
        parseEntityRef(ref);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an entity ref such as component:default/payments-api' },
  ),
  environment: z.string().trim().min(1).max(255),
  commitSha: sha,
  deployedAt: isoTime,
  status: z.enum([
    'success',
    'failure',
    'error',
    'in_progress',
    'queued',
    'inactive',
  ]),
  imageDigest: z
    .string()
    .regex(/^[a-z0-9]+:[0-9a-f]{32,}$/, 'must be a digest such as sha256:<hex>')
    .optional(),
  imageTag: z.string().min(1).max(255).optional(),
  configVersion: z.string().min(1).max(255).optional(),
  provenanceCommitSha: sha.optional(),
  // Where the attestation can be read: a link for the auditor, never fetched from here.
  provenanceRef: z
    .url({ message: 'must be a URL where the provenance can be read' })
    .max(2048)
    .optional(),
  actor: z
    .strictObject({ login: z.string().min(1), email: z.string().optional() })
    .optional(),
  pipelineRunUrl: z.url().optional(),
  ref: z.string().min(1).max(255).optional(),
  ticketKeys: z
    .array(
      z
        .string()
        .regex(
          /^[A-Za-z][A-Za-z0-9_]*-[0-9]+$/,
          'must be ticket keys such as PAY-12',
        ),
    )
    .max(100)
    .optional(),
});

/** Parses a posted deployment event; the InputError names the first bad field. */
export function parseDeploymentEvent(body: unknown): DeploymentRecord {
  const parsed = deploymentEventSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.') || 'body';
    const problem =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.join(', ')}`
        : issue.message;
    throw new InputError(`Invalid deployment event: ${field}: ${problem}`);
  }
  const event = parsed.data;
  return {
    source: event.source,
    externalId: event.externalId,
    serviceRef: stringifyEntityRef(parseEntityRef(event.entityRef)),
    environment: event.environment,
    commitSha: event.commitSha.toLocaleLowerCase('en-US'),
    deployedAt: new Date(event.deployedAt).toISOString(),
    status: event.status,
    imageDigest: event.imageDigest,
    imageTag: event.imageTag,
    configVersion: event.configVersion,
    provenanceCommitSha: event.provenanceCommitSha?.toLocaleLowerCase('en-US'),
    provenanceRef: event.provenanceRef,
    actor: event.actor,
    pipelineRunUrl: event.pipelineRunUrl,
    ref: event.ref,
    ticketKeys: (event.ticketKeys ?? []).map(k => k.toLocaleUpperCase('en-US')),
  };
}
