import { NotFoundError } from '@backstage/errors';
import {
  AuditPopulation,
  AuditReviewRequest,
  AuditSample,
  AuditSampleSummary,
  AuditScope,
  RepositoryEvidence,
} from '@change-compliance/plugin-change-compliance-common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EvidenceStore } from '../database/EvidenceStore';
import { ChangePolicy } from '../policy/ChangePolicy';
import { deploymentDetail } from '../service/deploymentDetail';
import { deploymentTrace } from '../service/deploymentTrace';
import { repositoryEvidence } from '../service/repositoryEvidence';
import { sourcesResponse } from '../service/sourcesResponse';
import { compareKeys } from './allocateSample';
import { AuditCatalog } from './AuditCatalog';
import { describePopulation, populationMembers } from './auditPopulation';
import { AuditStore, StoredSample } from './AuditStore';
import { drawSample } from './drawSample';
import { evidenceArchive, evidencePackageFiles } from './evidencePackage';
import {
  isUnsettled,
  populationDigest,
  stratumKey,
  strataOf,
} from './population';
import { sampleView } from './sampleView';

export interface EvidenceArchive {
  fileName: string;
  archive: Uint8Array;
  sha256: string;
  files: number;
}

/**
 * The auditor's workspace: the population of production changes in a period and scope, samples
 * drawn from it and kept, review marks on the sampled changes, and the evidence package. Callers
 * have checked who may do what; this records who did it.
 */
export class AuditWorkspace {
  constructor(
    private readonly options: {
      store: AuditStore;
      evidence: EvidenceStore;
      catalog: AuditCatalog;
      policy: ChangePolicy;
    },
  ) {}

  async population(scope: AuditScope): Promise<AuditPopulation> {
    return describePopulation(
      scope,
      await populationMembers(this.options, scope),
    );
  }

  /**
   * Draws a sample and keeps it with the population it came from. Without a seed, a random one is
   * chosen and kept, so that even an unplanned draw can be repeated.
   */
  async draw(
    request: { scope: AuditScope; size: number; seed?: string },
    drawnBy: string,
    drawnAt: Date,
  ): Promise<AuditSample> {
    const seed = request.seed ?? randomBytes(9).toString('base64url');
    const members = await populationMembers(
      this.options,
      request.scope,
      'scope.',
    );
    const drawn = drawSample(members, request.size, seed);
    const sample: StoredSample = {
      id: randomUUID(),
      scope: request.scope,
      seed,
      size: request.size,
      drawnBy,
      drawnAt: drawnAt.toISOString(),
      population: {
        total: members.length,
        pending: members.filter(isUnsettled).length,
        strata: strataOf(members),
        members: members
          .map(m => ({
            deploymentId: m.deploymentId,
            stratumKey: stratumKey(m),
          }))
          .sort((a, b) => compareKeys(a.deploymentId, b.deploymentId)),
        sha256: populationDigest(members),
      },
      items: drawn.map(m => ({
        deploymentId: m.deploymentId,
        stratumKey: stratumKey(m),
        verdictAtDraw: m.verdict ?? null,
      })),
    };
    await this.options.store.saveSample(sample);
    return sampleView(this.options.evidence, sample, []);
  }

  async list(): Promise<AuditSampleSummary[]> {
    return this.options.store.listSamples();
  }

  async sample(id: string): Promise<AuditSample> {
    const stored = await this.stored(id);
    return sampleView(
      this.options.evidence,
      stored,
      await this.options.store.listReviewMarks(id),
    );
  }

  /** Adds a review mark beside the earlier ones; the sample shows the latest. */
  async review(
    sampleId: string,
    deploymentId: string,
    review: AuditReviewRequest,
    reviewedBy: string,
    reviewedAt: Date,
  ): Promise<AuditSample> {
    await this.stored(sampleId);
    const added = await this.options.store.addReviewMark({
      sampleId,
      deploymentId,
      conclusion: review.conclusion,
      note: review.note,
      reviewedBy,
      reviewedAt: reviewedAt.toISOString(),
    });
    if (!added) {
      throw new NotFoundError(
        `Sample ${sampleId} does not hold ${deploymentId}`,
      );
    }
    return this.sample(sampleId);
  }

  /** The evidence package of a sample, as one zip archive with its SHA-256 manifest. */
  async evidencePackage(
    sampleId: string,
    exportedBy: string,
    exportedAt: Date,
  ): Promise<EvidenceArchive> {
    const { evidence, policy, store } = this.options;
    const drawn = await this.stored(sampleId);
    const reviewHistory = await store.listReviewMarks(sampleId);
    const sample = await sampleView(evidence, drawn, reviewHistory);
    const itemEvidence = [];
    for (const item of sample.items) {
      const detail = await deploymentDetail(evidence, item.deploymentId);
      if (!detail) {
        throw new Error(
          `The evidence store no longer has ${item.deploymentId}`,
        );
      }
      const trace = await deploymentTrace(
        evidence,
        policy,
        item.deploymentId,
        await evidence.getEvaluation(item.deploymentId),
      );
      itemEvidence.push({ detail, trace });
    }
    const repositories: RepositoryEvidence[] = [];
    for (const serviceRef of [
      ...new Set(sample.items.map(i => i.serviceRef)),
    ].sort()) {
      const repository = await repositoryEvidence(evidence, policy, serviceRef);
      if (repository) repositories.push(repository);
    }

    const files = evidencePackageFiles({
      sample,
      drawn,
      reviewHistory,
      policy,
      sources: await sourcesResponse(evidence),
      evidence: itemEvidence,
      repositories,
      exportedBy,
      exportedAt: exportedAt.toISOString(),
    });
    const { archive, sha256 } = evidenceArchive(files, exportedAt);
    return {
      fileName: `change-compliance-evidence-${drawn.drawnAt.slice(
        0,
        10,
      )}-${sampleId}.zip`,
      archive,
      sha256,
      files: files.length,
    };
  }

  private async stored(id: string): Promise<StoredSample> {
    const stored = await this.options.store.getSample(id);
    if (!stored) throw new NotFoundError(`No audit sample ${id}`);
    return stored;
  }
}
