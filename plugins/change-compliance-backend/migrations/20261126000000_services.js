/*
 * The services whose production changes are evaluated: one row per catalog entity, keyed by its
 * entity ref (the natural id), with the evidence sources its annotations name.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('services', table => {
    table.comment('Catalog entities whose production changes are evaluated');
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .comment('Catalog entity ref, e.g. component:default/payments-api');
    table
      .string('repository_slug', 255)
      .nullable()
      .comment('Source repository as owner/name, from github.com/project-slug');
    table
      .string('ticket_project_key', 64)
      .nullable()
      .comment('Ticket project key, from jira/project-key');
    table
      .text('source_paths')
      .nullable()
      .comment(
        'Monorepo path filter (comma separated globs); null = whole repository',
      );
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When this row last changed (UTC)');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('services');
};
