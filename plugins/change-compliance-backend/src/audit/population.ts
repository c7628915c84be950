import {
  AuditStratum,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';
import { createHash } from 'node:crypto';
import { compareKeys } from './allocateSample';

/** One production change of the population: a production deployment in the period and scope. */
export interface PopulationMember {
  /** `source/externalId`. */
  deploymentId: string;
  serviceRef: string;
  systemRef: string | null;
  /** Emergency when any change the deployment shipped is an emergency change. */
  changeType: AuditStratum['changeType'];
  deployedAt: string;
  /** The current verdict; undefined while the deployment is not evaluated. */
  verdict?: DeploymentVerdict;
}

/** Not evaluated yet, or pending: what the member shows may still change. */
export function isUnsettled(
  member: Pick<PopulationMember, 'verdict'>,
): boolean {
  return member.verdict === undefined || member.verdict === 'pending';
}

/** `<serviceRef>|<changeType>`: a service ref holds no `|`, so the key is unambiguous. */
export function stratumKey(
  member: Pick<PopulationMember, 'serviceRef' | 'changeType'>,
): string {
  return `${member.serviceRef}|${member.changeType}`;
}

/** The population counted by stratum (service × change type), in key order. */
export function strataOf(members: PopulationMember[]): AuditStratum[] {
  const strata = new Map<string, AuditStratum>();
  for (const member of members) {
    const key = stratumKey(member);
    const stratum = strata.get(key) ?? {
      key,
      serviceRef: member.serviceRef,
      systemRef: member.systemRef,
      changeType: member.changeType,
      population: 0,
    };
    stratum.population += 1;
    strata.set(key, stratum);
  }
  return [...strata.values()].sort((a, b) => compareKeys(a.key, b.key));
}

/** How the population digest is computed, stated in every evidence package beside it. */
export const POPULATION_DIGEST_METHOD =
  'SHA-256 of the UTF-8 text with one line per member, "<deploymentId><TAB><stratumKey><LF>", in code-unit order of deploymentId';

/**
 * A fingerprint of the population a sample was drawn from: the same seed over a population with
 * the same digest draws the same sample, so an auditor can show a redraw covered the same changes.
 */
export function populationDigest(members: PopulationMember[]): string {
  const lines = members
    .map(m => ({
      id: m.deploymentId,
      line: `${m.deploymentId}\t${stratumKey(m)}\n`,
    }))
    .sort((a, b) => compareKeys(a.id, b.id))
    .map(m => m.line);
  return createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
}
