import type {
  ArtifactDigest,
  ArtifactProvenance,
  RunningArtifact,
  RunningArtifactObservation,
} from '@change-compliance/plugin-change-compliance-node';
import { Knex } from 'knex';
import { toBoolean } from './rows';
import { toIsoTimestamp } from './timestamps';
import { advanceServiceRevisions } from './serviceRevisions';
import { upsertRows } from './upsert';

type Row = Record<string, any>;

/** Digests per `WHERE digest IN (...)`: well under SQLite's bound-parameter limit. */
const DIGESTS_PER_READ = 500;

/**
 * The SQL of running artefacts and build provenance, for KnexEvidenceStore: the one store, kept in
 * a file of its own because these tables are read and written apart from the change evidence.
 */

/**
 * One sweep of a cluster for some services: the observed containers run now. An artefact seen
 * before keeps its first sighting; the sweep's services' artefacts in that cluster that it did not
 * see are marked as no longer running (kept, as evidence of what ran when).
 */
export async function recordRunningArtifacts(
  knex: Knex,
  sweep: { cluster: string; serviceRefs: string[]; observedAt: string },
  observations: RunningArtifactObservation[],
): Promise<void> {
  const at = toIsoTimestamp(sweep.observedAt);
  const key = (o: {
    serviceRef: string;
    namespace: string;
    workload: string;
    container: string;
    digest: string;
  }) =>
    [o.serviceRef, o.namespace, o.workload, o.container, o.digest].join('\n');
  // Several pods of one workload run the same container: one row for them.
  const seen = new Map(
    observations.filter(o => o.cluster === sweep.cluster).map(o => [key(o), o]),
  );
  await knex.transaction(async tx => {
    const stored: Row[] =
      sweep.serviceRefs.length === 0
        ? []
        : await tx('running_artifacts')
            .where({ cluster: sweep.cluster })
            .whereIn('service_ref', sweep.serviceRefs);
    const firstSeen = new Map(
      stored.map(r => [
        key({
          serviceRef: r.service_ref,
          namespace: r.namespace,
          workload: r.workload,
          container: r.container,
          digest: r.digest,
        }),
        toIsoTimestamp(r.first_seen_at),
      ]),
    );
    await upsertRows(
      tx,
      'running_artifacts',
      [...seen.entries()].map(([k, o]) => ({
        service_ref: o.serviceRef,
        cluster: o.cluster,
        namespace: o.namespace,
        workload: o.workload,
        container: o.container,
        digest: o.digest,
        image: o.image,
        first_seen_at: firstSeen.get(k) ?? at,
        last_seen_at: at,
        running: true,
      })),
      {
        key: [
          'service_ref',
          'cluster',
          'namespace',
          'workload',
          'container',
          'digest',
        ],
      },
    );
    const gone = stored.filter(
      r =>
        toBoolean(r.running) &&
        !seen.has(
          key({
            serviceRef: r.service_ref,
            namespace: r.namespace,
            workload: r.workload,
            container: r.container,
            digest: r.digest,
          }),
        ),
    );
    for (const r of gone) {
      await tx('running_artifacts')
        .where({
          service_ref: r.service_ref,
          cluster: r.cluster,
          namespace: r.namespace,
          workload: r.workload,
          container: r.container,
          digest: r.digest,
        })
        .update({ running: false });
    }
    // Every sweep moves what the summary shows (last seen), so each one is a new revision.
    await advanceServiceRevisions(tx, [
      ...sweep.serviceRefs,
      ...[...seen.values()].map(o => o.serviceRef),
    ]);
  });
}

/** A service's running artefacts, those the latest sweeps still saw first. */
export async function listRunningArtifacts(
  knex: Knex,
  serviceRef: string,
): Promise<RunningArtifact[]> {
  const rows: Row[] = await knex('running_artifacts')
    .where({ service_ref: serviceRef })
    .orderBy([
      { column: 'running', order: 'desc' },
      { column: 'cluster' },
      { column: 'namespace' },
      { column: 'workload' },
      { column: 'container' },
      { column: 'first_seen_at' },
    ]);
  return rows.map(r => ({
    serviceRef: r.service_ref,
    cluster: r.cluster,
    namespace: r.namespace,
    workload: r.workload,
    container: r.container,
    image: r.image,
    digest: r.digest,
    firstSeenAt: toIsoTimestamp(r.first_seen_at),
    lastSeenAt: toIsoTimestamp(r.last_seen_at),
    running: toBoolean(r.running),
  }));
}

/** Image digests of deployments and running artefacts, each with whether provenance is stored. */
export async function listArtifactDigests(
  knex: Knex,
): Promise<ArtifactDigest[]> {
  const [deployed, running, known] = await Promise.all([
    knex('deployments')
      .distinct('service_ref', 'image_digest')
      .whereNotNull('image_digest'),
    knex('running_artifacts').distinct('service_ref', 'digest'),
    knex('artifact_provenance').distinct('digest'),
  ]);
  const withProvenance = new Set(known.map((r: Row) => r.digest));
  const pairs = new Map<string, { serviceRef: string; digest: string }>();
  for (const r of deployed as Row[]) {
    pairs.set(`${r.service_ref}\n${r.image_digest}`, {
      serviceRef: r.service_ref,
      digest: r.image_digest,
    });
  }
  for (const r of running as Row[]) {
    pairs.set(`${r.service_ref}\n${r.digest}`, {
      serviceRef: r.service_ref,
      digest: r.digest,
    });
  }
  return [...pairs.values()]
    .sort(
      (a, b) =>
        a.serviceRef.localeCompare(b.serviceRef) ||
        a.digest.localeCompare(b.digest),
    )
    .map(p => ({ ...p, provenanceKnown: withProvenance.has(p.digest) }));
}

export async function upsertProvenance(
  knex: Knex,
  provenance: ArtifactProvenance[],
): Promise<void> {
  await knex.transaction(tx =>
    upsertRows(
      tx,
      'artifact_provenance',
      provenance.map(p => ({
        digest: p.digest,
        source: p.source,
        statement_id: p.statementId,
        predicate_type: p.predicateType,
        source_repository: p.sourceRepository ?? null,
        source_commit: p.sourceCommit?.toLowerCase() ?? null,
        source_ref: p.sourceRef ?? null,
        builder_id: p.builderId ?? null,
        verification: p.verification,
        verification_note: p.verificationNote,
        url: p.url ?? null,
        fetched_at: toIsoTimestamp(p.fetchedAt),
      })),
      {
        key: ['digest', 'source', 'statement_id'],
        touched: ['fetched_at'],
      },
    ),
  );
}

/** The stored provenance statements of these digests. */
export async function listProvenance(
  knex: Knex,
  digests: string[],
): Promise<ArtifactProvenance[]> {
  const unique = [...new Set(digests)];
  const out: ArtifactProvenance[] = [];
  for (let i = 0; i < unique.length; i += DIGESTS_PER_READ) {
    const rows: Row[] = await knex('artifact_provenance')
      .whereIn('digest', unique.slice(i, i + DIGESTS_PER_READ))
      .orderBy(['digest', 'source', 'statement_id']);
    for (const r of rows) {
      out.push({
        digest: r.digest,
        source: r.source,
        statementId: r.statement_id,
        predicateType: r.predicate_type,
        sourceRepository: r.source_repository ?? undefined,
        sourceCommit: r.source_commit ?? undefined,
        sourceRef: r.source_ref ?? undefined,
        builderId: r.builder_id ?? undefined,
        verification: r.verification,
        verificationNote: r.verification_note,
        url: r.url ?? undefined,
        fetchedAt: toIsoTimestamp(r.fetched_at),
      });
    }
  }
  return out;
}

/** A service's deployments that carry one of these image digests. */
export async function deploymentsWithDigests(
  knex: Knex,
  serviceRef: string,
  digests: string[],
): Promise<
  {
    id: string;
    environment: string;
    status: string;
    imageDigest: string;
    deployedAt: string;
  }[]
> {
  const unique = [...new Set(digests)];
  const out = [];
  for (let i = 0; i < unique.length; i += DIGESTS_PER_READ) {
    const rows: Row[] = await knex('deployments')
      .select(
        'source',
        'external_id',
        'environment',
        'status',
        'image_digest',
        'deployed_at',
      )
      .where({ service_ref: serviceRef })
      .whereIn('image_digest', unique.slice(i, i + DIGESTS_PER_READ))
      .orderBy('deployed_at');
    for (const r of rows) {
      out.push({
        id: `${r.source}/${r.external_id}`,
        environment: r.environment,
        status: r.status,
        imageDigest: r.image_digest,
        deployedAt: toIsoTimestamp(r.deployed_at),
      });
    }
  }
  return out;
}
