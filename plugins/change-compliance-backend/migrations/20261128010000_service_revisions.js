/*
 * A counter per service that moves whenever what the service's summary and deployment list show
 * changes: its deployments, its verdicts, what runs of it in production. The API remembers an
 * answer with the revision it was computed at and gives it again while the revision stands, so a
 * dashboard opened by many people is counted once per change rather than once per viewer. The
 * counter moves in the same transaction as the change, so no replica can read the new revision
 * with the old evidence.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_revisions', table => {
    table.string('service_ref', 255).primary();
    table.bigInteger('revision').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('service_revisions');
};
