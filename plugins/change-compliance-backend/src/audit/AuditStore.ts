import {
  AuditReviewMark,
  AuditSample,
  AuditStratum,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';

/** A production deployment in a period, as the population query reads it. */
export interface PopulationRow {
  deploymentId: string;
  serviceRef: string;
  environment: string;
  deployedAt: string;
  /** The current verdict; undefined while the deployment is not evaluated. */
  verdict?: DeploymentVerdict;
  /** Whether any change of its current evaluation is an emergency change. */
  emergency: boolean;
}

/** The population a sample was drawn from, kept with the sample as it was at the draw. */
export interface SamplePopulation {
  total: number;
  pending: number;
  strata: AuditStratum[];
  /** Every member, so that the digest can be recomputed from the evidence package. */
  members: Array<{ deploymentId: string; stratumKey: string }>;
  sha256: string;
}

export interface SampledDeployment {
  deploymentId: string;
  stratumKey: string;
  verdictAtDraw: DeploymentVerdict | null;
}

/** A sample as stored: who drew it from what, and the deployments it holds, in order. */
export interface StoredSample
  extends Pick<
    AuditSample,
    'id' | 'scope' | 'seed' | 'size' | 'drawnBy' | 'drawnAt'
  > {
  population: SamplePopulation;
  items: SampledDeployment[];
}

export interface StoredSampleSummary
  extends Omit<StoredSample, 'population' | 'items'> {
  /** Sampled deployments that carry at least one review mark. */
  reviewed: number;
}

export interface StoredReviewMark extends AuditReviewMark {
  sampleId: string;
  deploymentId: string;
}

/**
 * What the auditor's workspace keeps: samples, their deployments and review marks. Nothing in it
 * is ever rewritten: a sample is written once, and a review mark is added beside the earlier ones
 * (the database refuses UPDATE and DELETE on these tables, see the audit_samples migration).
 */
export interface AuditStore {
  /**
   * The successful deployments in [from, to), of the given services (all services when
   * undefined), with their current verdicts; the caller keeps the production environments.
   */
  listDeploymentsInPeriod(query: {
    from: string;
    to: string;
    serviceRefs?: string[];
  }): Promise<PopulationRow[]>;

  saveSample(sample: StoredSample): Promise<void>;
  /** Newest first. */
  listSamples(): Promise<StoredSampleSummary[]>;
  getSample(id: string): Promise<StoredSample | undefined>;

  /** Adds a mark; false (and nothing written) when the deployment is not in that sample. */
  addReviewMark(mark: StoredReviewMark): Promise<boolean>;
  /** Every mark on a sample's deployments, oldest first. */
  listReviewMarks(sampleId: string): Promise<StoredReviewMark[]>;
}
