import { parseDeploymentEvent } from './deploymentEvent';

const valid = {
  source: 'ci',
  externalId: 'run-1234',
  entityRef: 'Component:default/payments-api',
  environment: 'production',
  commitSha: '9E8D7C6B5A4938271605F4E3D2C1B0A998877665',
  deployedAt: '2026-11-10T13:00:00+01:00',
  status: 'success',
  ticketKeys: ['pay-12'],
};

describe('parseDeploymentEvent', () => {
  it('normalises a valid event', () => {
    expect(parseDeploymentEvent(valid)).toEqual({
      source: 'ci',
      externalId: 'run-1234',
      serviceRef: 'component:default/payments-api',
      environment: 'production',
      commitSha: '9e8d7c6b5a4938271605f4e3d2c1b0a998877665',
      deployedAt: '2026-11-10T12:00:00.000Z',
      status: 'success',
      ticketKeys: ['PAY-12'],
    });
  });

  it('keeps the artefact the pipeline deployed: digest, tag, config version, provenance', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    expect(
      parseDeploymentEvent({
        ...valid,
        imageDigest: digest,
        imageTag: 'registry.example/payments-api:1.4.2',
        configVersion: 'helm-values@3f2a',
        provenanceCommitSha: 'ABCDEF1',
        provenanceRef:
          'https://github.com/northwind/payments-api/attestations/4711',
      }),
    ).toEqual(
      expect.objectContaining({
        imageDigest: digest,
        imageTag: 'registry.example/payments-api:1.4.2',
        configVersion: 'helm-values@3f2a',
        provenanceCommitSha: 'abcdef1',
        provenanceRef:
          'https://github.com/northwind/payments-api/attestations/4711',
      }),
    );
  });

  it.each([
    [{ ...valid, commitSha: 'main' }, /commitSha: must be a commit SHA/],
    [
      { ...valid, deployedAt: '10/11/2026' },
      /deployedAt: must be an ISO-8601 time/,
    ],
    [{ ...valid, deployedAt: '2026-11-10T12:00:00' }, /deployedAt/],
    [
      { ...valid, entityRef: 'payments api' },
      /entityRef: must be an entity ref/,
    ],
    [{ ...valid, status: 'done' }, /status/],
    [{ ...valid, comitSha: 'abc1234' }, /unknown field\(s\) comitSha/],
    [
      { ...valid, source: 'CI Pipeline' },
      /source: must be a short lower-case id/,
    ],
    [{ ...valid, ticketKeys: ['UTF 8'] }, /ticketKeys\.0: must be ticket keys/],
    [{ ...valid, imageDigest: 'latest' }, /imageDigest: must be a digest/],
    [{ ...valid, pipelineRunUrl: 'not a url' }, /pipelineRunUrl/],
    [
      { ...valid, provenanceRef: 'attestation 12' },
      /provenanceRef: must be a URL/,
    ],
    [{ ...valid, imageTag: '' }, /imageTag/],
    [{ ...valid, configVersion: 12 }, /configVersion/],
    [(({ environment, ...rest }) => rest)(valid), /environment/],
    ['a string', /body/],
  ] as Array<[unknown, RegExp]>)('refuses a bad event: %#', (body, message) => {
    expect(() => parseDeploymentEvent(body)).toThrow(message);
  });
});
