/*
 * What production runs and how it was built. A cluster's sweeps record which image digests run
 * for a service (running_artifacts: first and last seen, whether the latest sweep still saw it);
 * attestation sources record the build provenance of digests (artifact_provenance: one row per
 * statement, with the source commit it names and whether its signature verified). Deployments
 * gain the reference to their provenance that a pipeline may post, and an index by digest, by
 * which both are joined to them.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('running_artifacts', table => {
    table.comment('Images seen running for a service in a cluster');
    table.string('service_ref', 255).notNullable();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table
      .string('workload', 255)
      .notNullable()
      .comment('Kind/name of what runs the pod');
    table.string('container', 255).notNullable();
    table.string('digest', 255).notNullable();
    table.text('image').notNullable().comment('As the pod names it');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table
      .boolean('running')
      .notNullable()
      .comment("Seen by the cluster's latest sweep");
    table.primary([
      'service_ref',
      'cluster',
      'namespace',
      'workload',
      'container',
      'digest',
    ]);
  });

  await knex.schema.createTable('artifact_provenance', table => {
    table.comment('Build provenance statements about image digests');
    table.string('digest', 255).notNullable();
    table.string('source', 64).notNullable().comment('Attestation source');
    table
      .string('statement_id', 255)
      .notNullable()
      .comment('SHA-256 of the statement');
    table.text('predicate_type').notNullable();
    table.string('source_repository', 255).nullable();
    table.string('source_commit', 64).nullable();
    table.string('source_ref', 255).nullable();
    table.text('builder_id').nullable();
    table
      .string('verification', 16)
      .notNullable()
      .comment('verified, unverified or failed');
    table.text('verification_note').notNullable();
    table.text('url').nullable();
    table.timestamp('fetched_at', { useTz: true }).notNullable();
    table.primary(['digest', 'source', 'statement_id']);
  });

  await knex.schema.alterTable('deployments', table => {
    table.text('provenance_ref').nullable();
    table.index(['image_digest'], 'deployments_image_digest_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex(['image_digest'], 'deployments_image_digest_idx');
    table.dropColumn('provenance_ref');
  });
  await knex.schema.dropTable('artifact_provenance');
  await knex.schema.dropTable('running_artifacts');
};
