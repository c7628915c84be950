/*
 * How far each evidence source's current (or last) round of syncs has got: of the scopes it syncs
 * (repositories, projects), how many are done and how many failed, so that an operator can see a
 * first sync of many repositories progress, and an auditor can see whether the last round covered
 * everything.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sync_rounds', table => {
    table.comment(
      'Progress of the current or last round of syncs of each source',
    );
    table
      .string('provider', 64)
      .primary()
      .comment('Provider id, e.g. github or jira');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table
      .timestamp('finished_at', { useTz: true })
      .nullable()
      .comment('Null while the round runs');
    table.integer('scopes_total').notNullable();
    table.integer('scopes_done').notNullable();
    table.integer('scopes_failed').notNullable();
    table.bigInteger('items_synced').notNullable().defaultTo(0);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_rounds');
};
