import { zipSync, Zippable } from 'fflate';
import { toCsv } from './csv';
import { EvidencePackageContent } from './EvidencePackageContent';
import { POPULATION_DIGEST_METHOD } from './population';
import { reportHtml } from './reportHtml';
import {
  MANIFEST_NAME,
  PackageFile,
  sha256Hex,
  sha256Manifest,
} from './sha256Manifest';
import { TESTING_STEPS, TESTING_STEP_TITLES } from './testingSteps';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A path segment made of the characters a manifest names plainly. */
const segment = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-');

/** `01-github-9001`: numbered in sample order, so that folders sort as the report lists them. */
function itemFolder(index: number, deploymentId: string): string {
  return `evidence/${String(index + 1).padStart(2, '0')}-${segment(
    deploymentId,
  )}`;
}

function populationQuery(content: EvidencePackageContent): string {
  const { scope } = content.drawn;
  const params = new URLSearchParams({ from: scope.from, to: scope.to });
  for (const key of ['systems', 'groups', 'services'] as const) {
    for (const ref of scope[key] ?? []) params.append(key, ref);
  }
  return `GET /api/change-compliance/audit/population?${params.toString()}`;
}

const README = `Change compliance evidence package

policy.json            step 1: the change management policy in force at the export
sources.json           step 2: the evidence sources, when each last synced, and its last error
population.json / .csv step 3: the population at the draw, by stratum (service x change type), with
                       the query that produced it, its members and their SHA-256 digest
sample.json / .csv     step 3: the sample (seed, size, who drew it and when); per sampled change
                       the verdict at the draw and now, steps 4 to 8 and the auditor's review mark
evidence/NN-<id>/      per sampled change: deployment.json (checks with reasons, per-change
                       results, verdict history) and trace.json (PRs, reviews, commits, tickets
                       with their required fields, approvals)
repositories/          the sampled services' repositories and their branch protection over time
report.html            all of the above, readable and printable
SHA256SUMS             the SHA-256 of every other file; check with: sha256sum -c SHA256SUMS
`;

/**
 * The files of an evidence package, the manifest last: one file per piece of evidence the testing
 * procedure asks for, in forms an auditor's tools read (JSON, CSV, HTML), and `SHA256SUMS`, which
 * `sha256sum -c` checks after the archive is unpacked.
 */
export function evidencePackageFiles(
  content: EvidencePackageContent,
): PackageFile[] {
  const { sample, drawn } = content;
  const text: Array<[string, string]> = [
    ['README.txt', README],
    ['policy.json', json(content.policy)],
    ['sources.json', json(content.sources)],
    [
      'population.json',
      json({
        query: populationQuery(content),
        scope: drawn.scope,
        drawnAt: drawn.drawnAt,
        total: drawn.population.total,
        pending: drawn.population.pending,
        strata: drawn.population.strata,
        digest: {
          algorithm: 'SHA-256',
          method: POPULATION_DIGEST_METHOD,
          value: drawn.population.sha256,
        },
        members: drawn.population.members,
      }),
    ],
    ['population.csv', populationCsv(content)],
    [
      'sample.json',
      json({
        ...sample,
        populationSha256: drawn.population.sha256,
        verdictsAtDraw: drawn.items.map(i => ({
          deploymentId: i.deploymentId,
          verdict: i.verdictAtDraw,
        })),
        reviewHistory: content.reviewHistory.map(
          ({ sampleId: _, ...mark }) => mark,
        ),
        exportedBy: content.exportedBy,
        exportedAt: content.exportedAt,
      }),
    ],
    ['sample.csv', sampleCsv(content)],
    ...sample.items.flatMap(
      (item, index): Array<[string, string]> => [
        [
          `${itemFolder(index, item.deploymentId)}/deployment.json`,
          json(content.evidence[index].detail),
        ],
        [
          `${itemFolder(index, item.deploymentId)}/trace.json`,
          json(content.evidence[index].trace),
        ],
      ],
    ),
    ...content.repositories.map((repository, index): [string, string] => [
      `repositories/${String(index + 1).padStart(2, '0')}-${segment(
        repository.entityRef,
      )}.json`,
      json(repository),
    ]),
    ['report.html', reportHtml(content)],
  ];
  const files = text.map(([path, body]) => ({
    path,
    content: Buffer.from(body, 'utf8'),
  }));
  return [...files, sha256Manifest(files)];
}

function populationCsv(content: EvidencePackageContent): string {
  const sampled = new Map<string, number>();
  for (const item of content.drawn.items) {
    sampled.set(item.stratumKey, (sampled.get(item.stratumKey) ?? 0) + 1);
  }
  return toCsv(
    ['stratum', 'service', 'system', 'change_type', 'population', 'sampled'],
    content.drawn.population.strata.map(s => [
      s.key,
      s.serviceRef,
      s.systemRef,
      s.changeType,
      s.population,
      sampled.get(s.key) ?? 0,
    ]),
  );
}

function sampleCsv(content: EvidencePackageContent): string {
  const stepColumns = TESTING_STEPS.map(
    step =>
      `step${step}_${segment(TESTING_STEP_TITLES[step].toLowerCase()).replace(
        /-/g,
        '_',
      )}`,
  );
  return toCsv(
    [
      'position',
      'deployment_id',
      'service',
      'stratum',
      'change_type',
      'environment',
      'deployed_at',
      'deployed_by',
      'commit_sha',
      'image_digest',
      'image_tag',
      'config_version',
      'verdict_at_draw',
      'verdict',
      ...stepColumns,
      'review_conclusion',
      'review_note',
      'reviewed_by',
      'reviewed_at',
    ],
    content.sample.items.map((item, index) => [
      index + 1,
      item.deploymentId,
      item.serviceRef,
      item.stratumKey,
      item.emergency ? 'emergency' : 'normal',
      item.environment,
      item.deployedAt,
      item.actor,
      item.commitSha,
      item.imageDigest,
      item.imageTag,
      item.configVersion,
      content.drawn.items[index]?.verdictAtDraw,
      item.verdict,
      ...item.steps.map(step => step.status),
      item.review?.conclusion,
      item.review?.note,
      item.review?.reviewedBy,
      item.review?.reviewedAt,
    ]),
  );
}

/** A zip archive of the package and its own SHA-256, to be compared by whoever receives it. */
export function evidenceArchive(
  files: PackageFile[],
  modifiedAt: Date,
): { archive: Uint8Array; sha256: string } {
  const paths = new Set<string>();
  const entries: Zippable = {};
  for (const file of files) {
    if (paths.has(file.path)) {
      throw new Error(`An evidence package holds ${file.path} twice`);
    }
    paths.add(file.path);
    entries[file.path] = [file.content, { mtime: modifiedAt }];
  }
  if (!paths.has(MANIFEST_NAME)) {
    throw new Error('An evidence package needs its manifest');
  }
  const archive = zipSync(entries, { level: 6 });
  return { archive, sha256: sha256Hex(archive) };
}
