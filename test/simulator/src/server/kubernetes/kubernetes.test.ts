import crypto from 'node:crypto';
import path from 'node:path';
import { generateDemoOrganisation } from '../../generator';
import { Organisation } from '../../model';
import { createSimulator, MOUNTS, Simulator } from '../app';
import { DEMO_CREDENTIALS } from '../credentials';
import { DEMO_ATTESTATION_PUBLIC_KEY } from '../github/attestations';
import { KUBERNETES_DEMO_TOKEN } from './credentials';

jest.setTimeout(60_000);

const SELECTOR = 'backstage.io/kubernetes-id=payments-api';

/** The demo organisation with the production cluster and the attestations it plants. */
const organisation: Organisation = generateDemoOrganisation({
  examplesDirectory: path.resolve(__dirname, '../../../../../examples'),
  seed: 42,
  now: '2026-11-20T00:00:00.000Z',
});

describe('the simulated Kubernetes API and GitHub attestations', () => {
  let simulator: Simulator;
  let base: string;

  beforeAll(async () => {
    simulator = createSimulator({ organisation });
    base = await simulator.listen();
  });

  afterAll(async () => {
    await simulator.close();
  });

  const kube = (route: string, token = KUBERNETES_DEMO_TOKEN) =>
    fetch(`${base}${MOUNTS.kubernetes}${route}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('lists the pods a label selector picks, as a PodList, across namespaces or in one', async () => {
    const all = (await (
      await kube(`/api/v1/pods?labelSelector=${encodeURIComponent(SELECTOR)}`)
    ).json()) as any;
    expect(all.kind).toBe('PodList');
    expect(all.items.map((p: any) => p.metadata.name)).toEqual([
      expect.stringMatching(/^payments-api-[0-9a-f]{10}-[0-9a-f]{5}$/),
      expect.stringMatching(/^payments-api-[0-9a-f]{10}-[0-9a-f]{5}$/),
      'payments-api-debug',
    ]);
    const replica = all.items[0];
    expect(replica.metadata.ownerReferences[0]).toEqual(
      expect.objectContaining({ kind: 'ReplicaSet', controller: true }),
    );
    expect(replica.status.containerStatuses[0]).toEqual(
      expect.objectContaining({
        name: 'app',
        image: expect.stringMatching(
          /^registry\.northwind\.example\/payments-api:/,
        ),
        imageID: expect.stringMatching(
          /^registry\.northwind\.example\/payments-api@sha256:[0-9a-f]{64}$/,
        ),
      }),
    );

    const inNamespace = (await (
      await kube(
        `/api/v1/namespaces/payments/pods?labelSelector=${encodeURIComponent(
          'app in (payments-api-cache)',
        )}`,
      )
    ).json()) as any;
    expect(inNamespace.items.map((p: any) => p.metadata.name)).toEqual([
      'payments-api-cache-0',
    ]);
    const elsewhere = (await (
      await kube(`/api/v1/namespaces/accounts/pods`)
    ).json()) as any;
    expect(elsewhere.items).toEqual([]);
  });

  it('answers a wrong token with 401 and a bad selector with 400, as Status objects', async () => {
    const unauthorised = await kube('/api/v1/pods', 'wrong');
    expect(unauthorised.status).toBe(401);
    expect(await unauthorised.json()).toEqual(
      expect.objectContaining({ kind: 'Status', code: 401 }),
    );
    const bad = await kube(
      `/api/v1/pods?labelSelector=${encodeURIComponent('a b=c')}`,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).reason).toBe('BadRequest');
  });

  it('serves each deployed image a signed in-toto statement naming the commit it was built from', async () => {
    const repository = organisation.repositories.find(
      r => r.name === 'payments-api',
    )!;
    const deployment = repository.deployments.find(d => d.image)!;
    const response = await fetch(
      `${base}${MOUNTS.githubRest}/repos/northwind/payments-api/attestations/${
        deployment.image!.digest
      }`,
      { headers: { authorization: `token ${DEMO_CREDENTIALS.githubToken}` } },
    );
    const body = (await response.json()) as any;
    expect(body.attestations).toHaveLength(1);
    const envelope = body.attestations[0].bundle.dsseEnvelope;
    const payload = Buffer.from(envelope.payload, 'base64');
    const pae = Buffer.concat([
      Buffer.from(
        `DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} ${payload.length} `,
      ),
      payload,
    ]);
    expect(
      crypto.verify(
        'sha256',
        pae,
        crypto.createPublicKey(DEMO_ATTESTATION_PUBLIC_KEY),
        Buffer.from(envelope.signatures[0].sig, 'base64'),
      ),
    ).toBe(true);
    const statement = JSON.parse(payload.toString('utf8'));
    expect(statement.subject[0].digest.sha256).toBe(
      deployment.image!.digest.slice('sha256:'.length),
    );
    expect(
      statement.predicate.buildDefinition.resolvedDependencies[0].digest
        .gitCommit,
    ).toBe(deployment.sha);
  });

  it('plants one deployment whose provenance names another commit, and says so in the answer key', () => {
    const mismatched = organisation.expected.filter(e =>
      e.messiness.includes('provenance-mismatch'),
    );
    expect(mismatched).toHaveLength(1);
    expect(mismatched[0]).toEqual(
      expect.objectContaining({
        service: 'component:default/payments-api',
        verdict: 'exception',
      }),
    );
    expect(mismatched[0].checks['artifact.traceable']).toBe('fail');
    const attestation = organisation.attestations!.find(
      a =>
        a.image.digest ===
        organisation.repositories
          .flatMap(r => r.deployments)
          .find(d => d.id === mismatched[0].deploymentId)!.image!.digest,
    )!;
    expect(attestation.sourceCommit).not.toBe(mismatched[0].sha);
  });
});
