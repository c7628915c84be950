import {
  AuditSample,
  DeploymentDetail,
  DeploymentTrace,
  RepositoryEvidence,
  SourcesResponse,
} from '@change-compliance/plugin-change-compliance-common';
import { ChangePolicy } from '../policy/ChangePolicy';
import { StoredReviewMark, StoredSample } from './AuditStore';

/** Everything an evidence package holds, read once from the stores at the export. */
export interface EvidencePackageContent {
  /** The sample as the auditor walks it (current verdicts and steps, latest marks). */
  sample: AuditSample;
  /** The sample as drawn: the population's members and digest, each verdict at the draw. */
  drawn: StoredSample;
  /** Every review mark, oldest first. */
  reviewHistory: StoredReviewMark[];
  /** Testing step 1: the policy in force. */
  policy: ChangePolicy;
  /** Testing step 2: the evidence sources and their sync state. */
  sources: SourcesResponse;
  /** Per sampled deployment, in sample order: its checks and history, and its trace. */
  evidence: Array<{ detail: DeploymentDetail; trace: DeploymentTrace }>;
  /** The repositories of the sampled services, with their branch protection over time. */
  repositories: RepositoryEvidence[];
  exportedBy: string;
  exportedAt: string;
}
