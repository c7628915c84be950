import { z } from 'zod';

/*
 * The part of Argo CD's `v1alpha1.Application` the module reads, in Argo CD's JSON names. Only
 * what a deployment record needs is checked; everything else an instance sends is let through
 * unread, so that a newer Argo CD's additions break nothing.
 */

/** `int64` fields: a number, or the string the protobuf JSON mapping makes of one. */
const int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const applicationSourceSchema = z.object({
  repoURL: z.string(),
  path: z.string().optional(),
  targetRevision: z.string().optional(),
  /** A Helm chart's name, when the source is a chart repository. */
  chart: z.string().optional(),
});
export type ApplicationSource = z.infer<typeof applicationSourceSchema>;

/** One entry of `status.history`: a sync that succeeded and covered the whole application. */
export const revisionHistorySchema = z.object({
  id: int64,
  revision: z.string().optional(),
  /** Multi-source applications: the revision of each of `sources`. */
  revisions: z.array(z.string()).optional(),
  deployedAt: z
    .string()
    .refine(value => !Number.isNaN(Date.parse(value)), 'not a time'),
  deployStartedAt: z.string().optional(),
  source: applicationSourceSchema.optional(),
  sources: z.array(applicationSourceSchema).optional(),
  /** Absent before Argo CD 2.9, which did not record who started a sync. */
  initiatedBy: z
    .object({
      username: z.string().optional(),
      automated: z.boolean().optional(),
    })
    .optional(),
});
export type RevisionHistory = z.infer<typeof revisionHistorySchema>;

export const applicationSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().optional(),
  }),
  spec: z.object({
    project: z.string().optional(),
    destination: z
      .object({
        name: z.string().optional(),
        server: z.string().optional(),
        namespace: z.string().optional(),
      })
      .default({}),
  }),
  status: z
    .object({ history: z.array(revisionHistorySchema).optional() })
    .optional(),
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationListSchema = z.object({
  items: z.array(z.unknown()).nullable().optional(),
});
