import { z } from 'zod';

/**
 * GitHub's answer to `GET /repos/{owner}/{repo}/attestations/{subject_digest}`: Sigstore bundles,
 * each holding a DSSE envelope whose payload is an in-toto statement. Only what is read is named.
 */
export const attestationsResponseSchema = z.object({
  attestations: z.array(
    z.object({
      bundle: z
        .object({
          mediaType: z.string().optional(),
          verificationMaterial: z
            .object({
              publicKey: z.object({ hint: z.string().optional() }).optional(),
              certificate: z.unknown().optional(),
              x509CertificateChain: z.unknown().optional(),
            })
            .optional(),
          dsseEnvelope: z.object({
            payload: z.string(),
            payloadType: z.string(),
            signatures: z.array(
              z.object({ sig: z.string(), keyid: z.string().optional() }),
            ),
          }),
        })
        .nullable()
        .optional(),
      bundle_url: z.string().optional(),
    }),
  ),
});

export type Attestation = z.infer<
  typeof attestationsResponseSchema
>['attestations'][number];
