/*
 * How each evidence source last synced: when, how far (its cursor), and the last error, so that an
 * auditor can judge whether the evidence is complete and an operator can see a failing source.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('source_sync_state', table => {
    table.comment('Sync state of each evidence source and scope');
    table
      .string('provider', 64)
      .notNullable()
      .comment('Provider id, e.g. github or jira');
    table
      .string('scope', 255)
      .notNullable()
      .comment(
        'What the provider syncs, e.g. a repository slug or a project key',
      );
    table.timestamp('last_started_at', { useTz: true }).nullable();
    table.timestamp('last_succeeded_at', { useTz: true }).nullable();
    table.timestamp('last_failed_at', { useTz: true }).nullable();
    table
      .text('cursor')
      .nullable()
      .comment('Where the next incremental sync resumes (opaque to the store)');
    table
      .text('last_error')
      .nullable()
      .comment('Message of the last failure, without credentials');
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.bigInteger('items_synced').notNullable().defaultTo(0);
    table.primary(['provider', 'scope']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('source_sync_state');
};
