/*
 * Where a service's repository lives: the source-control provider (`github`, `gitlab`) whose
 * annotation named it. Providers sync only the repositories on their own host; rows written
 * before this column existed are GitHub's, the only host there was.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('services', table => {
    table
      .string('source_control', 32)
      .nullable()
      .comment(
        'Source-control provider of the repository: github (also when null) or gitlab',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('services', table => {
    table.dropColumn('source_control');
  });
};
