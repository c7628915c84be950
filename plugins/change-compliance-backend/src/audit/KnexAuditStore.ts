import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { applyMigrations } from '../database/migrations';
import { deploymentId, parseDeploymentId } from '../database/records';
import { fromJson, toJson } from '../database/rows';
import { toIsoTimestamp } from '../database/timestamps';
import {
  AuditStore,
  PopulationRow,
  StoredReviewMark,
  StoredSample,
  StoredSampleSummary,
} from './AuditStore';

type Row = Record<string, any>;

/** Service refs per `IN (...)`: well under SQLite's bound-parameter limit. */
const REFS_PER_QUERY = 500;

/** Sampled deployments per INSERT: a sample is at most a few dozen, so one statement. */
const ITEMS_PER_INSERT = 200;

/**
 * Verdicts keep their per-change results as JSON (`verdicts.changes`, written with
 * JSON.stringify). Inside a JSON string every quote is escaped, so this text occurs only where a
 * change's `emergency` key is true: the database answers "is any change an emergency change"
 * without sending every change's results across.
 */
const EMERGENCY_CHANGE = '%"emergency":true%';

/** The auditor's workspace store on knex: SQLite embedded, PostgreSQL in production. */
export class KnexAuditStore implements AuditStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexAuditStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await applyMigrations(knex);
    }
    return new KnexAuditStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async listDeploymentsInPeriod(query: {
    from: string;
    to: string;
    serviceRefs?: string[];
  }): Promise<PopulationRow[]> {
    const select = (serviceRefs?: string[]) => {
      const q = this.knex('deployments as d')
        .leftJoin('verdicts as v', join =>
          join
            .on('v.deployment_source', '=', 'd.source')
            .andOn('v.deployment_external_id', '=', 'd.external_id'),
        )
        .where('d.status', 'success')
        .andWhere('d.deployed_at', '>=', toIsoTimestamp(query.from))
        .andWhere('d.deployed_at', '<', toIsoTimestamp(query.to))
        .select(
          'd.source',
          'd.external_id',
          'd.service_ref',
          'd.environment',
          'd.deployed_at',
          'v.verdict',
          this.knex.raw(
            'CASE WHEN v.changes LIKE ? THEN 1 ELSE 0 END as emergency',
            [EMERGENCY_CHANGE],
          ),
        );
      if (serviceRefs) q.whereIn('d.service_ref', serviceRefs);
      return q as Promise<Row[]>;
    };

    let rows: Row[];
    if (!query.serviceRefs) {
      rows = await select();
    } else {
      rows = [];
      const refs = [...new Set(query.serviceRefs)];
      for (let i = 0; i < refs.length; i += REFS_PER_QUERY) {
        rows.push(...(await select(refs.slice(i, i + REFS_PER_QUERY))));
      }
    }
    return rows.map(r => ({
      deploymentId: deploymentId({
        source: r.source,
        externalId: r.external_id,
      }),
      serviceRef: r.service_ref,
      environment: r.environment,
      deployedAt: toIsoTimestamp(r.deployed_at),
      ...(r.verdict ? { verdict: r.verdict } : {}),
      emergency: Number(r.emergency) === 1,
    }));
  }

  async saveSample(sample: StoredSample): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('audit_samples').insert({
        id: sample.id,
        scope: toJson(sample.scope),
        seed: sample.seed,
        size: sample.size,
        drawn_by: sample.drawnBy,
        drawn_at: toIsoTimestamp(sample.drawnAt),
        population: toJson(sample.population),
        population_sha256: sample.population.sha256,
      });
      const items = sample.items.map((item, position) => {
        const { source, externalId } = parseDeploymentId(item.deploymentId);
        return {
          sample_id: sample.id,
          deployment_source: source,
          deployment_external_id: externalId,
          position,
          stratum_key: item.stratumKey,
          verdict_at_draw: item.verdictAtDraw,
        };
      });
      for (let i = 0; i < items.length; i += ITEMS_PER_INSERT) {
        await tx('audit_sample_items').insert(
          items.slice(i, i + ITEMS_PER_INSERT),
        );
      }
    });
  }

  async listSamples(): Promise<StoredSampleSummary[]> {
    // Deployments with at least one mark, per sample.
    const reviewed = this.knex
      .from(
        this.knex('audit_review_marks')
          .distinct('sample_id', 'deployment_source', 'deployment_external_id')
          .as('marked'),
      )
      .select('sample_id')
      .count({ reviewed: '*' })
      .groupBy('sample_id')
      .as('r');
    const rows: Row[] = await this.knex('audit_samples as s')
      .leftJoin(reviewed, 'r.sample_id', 's.id')
      .select(
        's.id',
        's.scope',
        's.seed',
        's.size',
        's.drawn_by',
        's.drawn_at',
        'r.reviewed',
      )
      .orderBy([
        { column: 's.drawn_at', order: 'desc' },
        { column: 's.id', order: 'desc' },
      ]);
    return rows.map(r => ({
      ...sampleHeader(r),
      reviewed: Number(r.reviewed ?? 0),
    }));
  }

  async getSample(id: string): Promise<StoredSample | undefined> {
    const row: Row | undefined = await this.knex('audit_samples')
      .where({ id })
      .first();
    if (!row) return undefined;
    const items: Row[] = await this.knex('audit_sample_items')
      .where({ sample_id: id })
      .orderBy('position');
    return {
      ...sampleHeader(row),
      population: fromJson(row.population),
      items: items.map(item => ({
        deploymentId: deploymentId({
          source: item.deployment_source,
          externalId: item.deployment_external_id,
        }),
        stratumKey: item.stratum_key,
        verdictAtDraw: item.verdict_at_draw ?? null,
      })),
    };
  }

  async addReviewMark(mark: StoredReviewMark): Promise<boolean> {
    const { source, externalId } = parseDeploymentId(mark.deploymentId);
    const key = {
      sample_id: mark.sampleId,
      deployment_source: source,
      deployment_external_id: externalId,
    };
    return this.knex.transaction(async tx => {
      const item = await tx('audit_sample_items').where(key).first();
      if (!item) return false;
      await tx('audit_review_marks').insert({
        ...key,
        conclusion: mark.conclusion,
        note: mark.note,
        reviewed_by: mark.reviewedBy,
        reviewed_at: toIsoTimestamp(mark.reviewedAt),
      });
      return true;
    });
  }

  async listReviewMarks(sampleId: string): Promise<StoredReviewMark[]> {
    const rows: Row[] = await this.knex('audit_review_marks')
      .where({ sample_id: sampleId })
      .orderBy('id');
    return rows.map(r => ({
      sampleId: r.sample_id,
      deploymentId: deploymentId({
        source: r.deployment_source,
        externalId: r.deployment_external_id,
      }),
      conclusion: r.conclusion,
      note: r.note,
      reviewedBy: r.reviewed_by,
      reviewedAt: toIsoTimestamp(r.reviewed_at),
    }));
  }
}

function sampleHeader(row: Row) {
  return {
    id: row.id,
    scope: fromJson<StoredSample['scope']>(row.scope),
    seed: row.seed,
    size: Number(row.size),
    drawnBy: row.drawn_by,
    drawnAt: toIsoTimestamp(row.drawn_at),
  };
}
