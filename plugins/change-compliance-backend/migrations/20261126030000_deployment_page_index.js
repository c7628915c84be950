/*
 * The deployments list of a service is read newest first, a page at a time, in the order
 * (deployed_at, external_id). An index in exactly that order lets the database read just one page
 * instead of sorting all of a service's deployments for every request.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.index(
      ['service_ref', 'deployed_at', 'external_id'],
      'deployments_service_page_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex(
      ['service_ref', 'deployed_at', 'external_id'],
      'deployments_service_page_idx',
    );
  });
};
