import { z } from 'zod';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';

const statementSchema = z.object({
  _type: z.literal('https://in-toto.io/Statement/v1'),
  subject: z.array(
    z.object({
      name: z.string().optional(),
      digest: z.record(z.string(), z.string()),
    }),
  ),
  predicateType: z.string(),
  predicate: z.unknown(),
});

const slsaV1Schema = z.object({
  buildDefinition: z.object({
    buildType: z.string().optional(),
    externalParameters: z
      .object({
        workflow: z
          .object({
            ref: z.string().optional(),
            repository: z.string().optional(),
          })
          .optional(),
      })
      .optional(),
    resolvedDependencies: z
      .array(
        z.object({
          uri: z.string().optional(),
          digest: z.record(z.string(), z.string()).optional(),
        }),
      )
      .optional(),
  }),
  runDetails: z
    .object({ builder: z.object({ id: z.string() }).optional() })
    .optional(),
});

/** What a SLSA v1 provenance statement says about where an image came from. */
export interface BuildSource {
  predicateType: string;
  sourceRepository?: string;
  sourceCommit?: string;
  sourceRef?: string;
  builderId?: string;
}

/** `git+https://github.com/owner/repo@refs/heads/main` → `https://github.com/owner/repo` */
function repositoryOf(uri: string | undefined): string | undefined {
  return uri?.replace(/^git\+/, '').replace(/@[^/@]*(\/[^@]*)?$/, '');
}

/**
 * Reads an in-toto Statement v1 (the decoded DSSE payload) about `digest`. Undefined when it is
 * not about that digest (a statement for another image proves nothing about this one) or is not
 * SLSA provenance v1; throws when it is not an in-toto statement at all.
 */
export function readBuildSource(
  payload: unknown,
  digest: string,
): BuildSource | undefined {
  const statement = statementSchema.parse(payload);
  const [algorithm, hex] = digest.split(':');
  const about = statement.subject.some(
    s => s.digest[algorithm]?.toLowerCase() === hex.toLowerCase(),
  );
  if (!about || statement.predicateType !== SLSA_PROVENANCE_V1) {
    return undefined;
  }
  const predicate = slsaV1Schema.parse(statement.predicate);
  const workflow = predicate.buildDefinition.externalParameters?.workflow;
  const dependencies = predicate.buildDefinition.resolvedDependencies ?? [];
  const sources = dependencies.filter(d => d.digest?.gitCommit);
  // The build's own source: the dependency from the workflow's repository when it says which.
  const source =
    sources.find(
      d =>
        workflow?.repository &&
        repositoryOf(d.uri)?.toLowerCase() ===
          workflow.repository.toLowerCase(),
    ) ?? sources[0];
  return {
    predicateType: statement.predicateType,
    sourceRepository: workflow?.repository ?? repositoryOf(source?.uri),
    sourceCommit: source?.digest?.gitCommit?.toLowerCase(),
    sourceRef: workflow?.ref,
    builderId: predicate.runDetails?.builder?.id,
  };
}
