import {
  AuditSample,
  AuditSampleItem,
} from '@change-compliance/plugin-change-compliance-common';
import { EvidenceStore } from '../database/EvidenceStore';
import { StoredReviewMark, StoredSample } from './AuditStore';
import { testingSteps } from './testingSteps';

/**
 * A stored sample as the auditor walks it: each sampled deployment with its artefact, its
 * current verdict and testing steps 4 to 8 from its current check results (verdicts move as late
 * evidence arrives; the verdict at the draw stays in the store and in the export), and the latest
 * of its review marks.
 */
export async function sampleView(
  evidence: EvidenceStore,
  sample: StoredSample,
  marks: StoredReviewMark[],
): Promise<AuditSample> {
  const latestMark = new Map<string, StoredReviewMark>();
  for (const mark of marks) latestMark.set(mark.deploymentId, mark);

  const items = await Promise.all(
    sample.items.map(async (sampled): Promise<AuditSampleItem> => {
      const [deployment, evaluation] = await Promise.all([
        evidence.getDeployment(sampled.deploymentId),
        evidence.getEvaluation(sampled.deploymentId),
      ]);
      if (!deployment) {
        // Deployments are never deleted; a sample that lost one must not be shown as complete.
        throw new Error(
          `Sample ${sample.id} holds ${sampled.deploymentId}, which the evidence store no longer has`,
        );
      }
      const mark = latestMark.get(sampled.deploymentId);
      return {
        deploymentId: sampled.deploymentId,
        stratumKey: sampled.stratumKey,
        serviceRef: deployment.serviceRef,
        environment: deployment.environment,
        commitSha: deployment.commitSha,
        imageDigest: deployment.imageDigest,
        imageTag: deployment.imageTag,
        configVersion: deployment.configVersion,
        deployedAt: deployment.deployedAt,
        actor: deployment.actor?.login,
        emergency: evaluation
          ? evaluation.changes.some(change => change.emergency)
          : sampled.stratumKey.endsWith('|emergency'),
        verdict: evaluation?.verdict,
        steps: testingSteps(evaluation?.checks),
        ...(mark
          ? {
              review: {
                conclusion: mark.conclusion,
                note: mark.note,
                reviewedBy: mark.reviewedBy,
                reviewedAt: mark.reviewedAt,
              },
            }
          : {}),
      };
    }),
  );

  return {
    id: sample.id,
    scope: sample.scope,
    seed: sample.seed,
    size: sample.size,
    drawnBy: sample.drawnBy,
    drawnAt: sample.drawnAt,
    population: {
      total: sample.population.total,
      strata: sample.population.strata,
    },
    items,
  };
}
