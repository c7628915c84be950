/*
 * A service's summary counts its verdicts in a period by week, verdict and failing checks. With
 * those columns in the index after the service and the time, the database answers the count from
 * the index alone (PostgreSQL's index-only scan, SQLite's covering index) instead of reading
 * every verdict row with its kilobytes of check results. The index it replaces had the same first
 * two columns, so every query that used it can use this one.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('verdicts', table => {
    table.index(
      ['service_ref', 'deployed_at', 'verdict', 'failing_checks'],
      'verdicts_service_tally_idx',
    );
  });
  await knex.schema.alterTable('verdicts', table => {
    table.dropIndex(
      ['service_ref', 'deployed_at'],
      'verdicts_service_time_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('verdicts', table => {
    table.index(['service_ref', 'deployed_at'], 'verdicts_service_time_idx');
  });
  await knex.schema.alterTable('verdicts', table => {
    table.dropIndex(
      ['service_ref', 'deployed_at', 'verdict', 'failing_checks'],
      'verdicts_service_tally_idx',
    );
  });
};
