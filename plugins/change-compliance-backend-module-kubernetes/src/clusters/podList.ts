import { z } from 'zod';

/**
 * The parts of a `v1 PodList` that say what runs: each pod's labels and owner, and per container
 * the image it names and the digest the node resolved it to. Everything else is ignored.
 */
export const podListSchema = z.object({
  kind: z.literal('PodList').optional(),
  metadata: z.object({ continue: z.string().optional() }).optional(),
  items: z.array(
    z.object({
      metadata: z.object({
        name: z.string(),
        namespace: z.string(),
        labels: z.record(z.string(), z.string()).optional(),
        ownerReferences: z
          .array(
            z.object({
              kind: z.string(),
              name: z.string(),
              controller: z.boolean().optional(),
            }),
          )
          .optional(),
      }),
      spec: z.object({
        containers: z.array(z.object({ name: z.string(), image: z.string() })),
      }),
      status: z
        .object({
          phase: z.string().optional(),
          containerStatuses: z
            .array(
              z.object({
                name: z.string(),
                image: z.string(),
                imageID: z.string(),
              }),
            )
            .optional(),
        })
        .optional(),
    }),
  ),
});

export type PodList = z.infer<typeof podListSchema>;
export type Pod = PodList['items'][number];
