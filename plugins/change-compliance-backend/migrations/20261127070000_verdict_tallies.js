/*
 * Daily tallies of each service's verdicts (src/database/verdictTallies.ts): a summary over a
 * period adds up a row per day, verdict and set of failing checks instead of counting every
 * verdict on each request. Derived from `verdicts`, and counted from them here for the verdicts
 * already stored; the store recounts the days every later write touches.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('verdict_tallies', table => {
    table.string('service_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('verdict', 16).notNullable();
    table.text('failing_checks').notNullable();
    table.integer('count').notNullable();
    table.index(['service_ref', 'day'], 'verdict_tallies_service_day_idx');
  });
  const day =
    knex.client.config.client === 'pg'
      ? "to_char(deployed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
      : 'date(deployed_at)';
  await knex.raw(
    `insert into verdict_tallies (service_ref, day, verdict, failing_checks, count)
     select service_ref, ${day}, verdict, failing_checks, count(*) from verdicts
     group by service_ref, ${day}, verdict, failing_checks`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('verdict_tallies');
};
