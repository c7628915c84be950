/*
 * The protection of deployment environments (required reviewers, self review, wait timer, branch
 * policy), one row per observed change, as branch protection is kept: evidence for the auditor of
 * who could deploy to production and under which conditions, at any time in the period.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environment_protection_snapshots', table => {
    table.comment(
      'Protection of deployment environments, one row per observed change',
    );
    table.string('repository', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table
      .text('settings')
      .notNullable()
      .comment(
        'JSON: required reviewers, prevent self review, wait timer, branch policy',
      );
    table.primary(['repository', 'environment', 'observed_at']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_protection_snapshots');
};
