/*
 * The auditor's record: samples drawn from the population of production changes (testing step 3),
 * the deployments each sample holds, and every review mark an auditor put on them. A sample keeps
 * the population it was drawn from (its strata, its members and a SHA-256 of them), so a redraw
 * with the same seed can be shown to cover the same changes.
 *
 * What auditors rely on must not change after the fact. The database itself refuses UPDATE and
 * DELETE (and, on PostgreSQL, TRUNCATE) on these tables and on verdict_history, the history of
 * verdicts kept since 20261126010000_evidence: a record is corrected by appending a new one,
 * never by rewriting an old one, whatever code runs against the database.
 */

const APPEND_ONLY_TABLES = [
  'verdict_history',
  'audit_samples',
  'audit_sample_items',
  'audit_review_marks',
];

const REFUSE_FUNCTION = 'change_compliance_refuse_rewrite';

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return ['pg', 'postgres', 'postgresql'].includes(
    String(knex.client.config.client),
  );
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audit_samples', table => {
    table.comment(
      'Audit samples drawn from the population of production changes',
    );
    table.string('id', 36).primary().comment('UUID');
    table
      .text('scope')
      .notNullable()
      .comment(
        'JSON: period (from, to) and systems, groups, services in scope',
      );
    table.string('seed', 128).notNullable();
    table.integer('size').notNullable().comment('The size asked for');
    table
      .string('drawn_by', 255)
      .notNullable()
      .comment('Entity ref of the user who drew the sample');
    table.timestamp('drawn_at', { useTz: true }).notNullable();
    table
      .text('population')
      .notNullable()
      .comment('JSON: total, pending, strata and members at the draw');
    table
      .string('population_sha256', 64)
      .notNullable()
      .comment('SHA-256 of the population members (see the export for how)');
    table.index(['drawn_at'], 'audit_samples_drawn_at_idx');
  });

  await knex.schema.createTable('audit_sample_items', table => {
    table.comment('The production deployments a sample holds');
    table
      .string('sample_id', 36)
      .notNullable()
      .references('id')
      .inTable('audit_samples');
    table.string('deployment_source', 64).notNullable();
    table.string('deployment_external_id', 255).notNullable();
    table
      .integer('position')
      .notNullable()
      .comment('Order in the sample, from 0');
    table
      .string('stratum_key', 300)
      .notNullable()
      .comment('<serviceRef>|<changeType> at the draw');
    table
      .string('verdict_at_draw', 16)
      .nullable()
      .comment('The verdict when the sample was drawn; null if not evaluated');
    table.primary(['sample_id', 'deployment_source', 'deployment_external_id']);
  });

  await knex.schema.createTable('audit_review_marks', table => {
    table.comment(
      'Auditor review marks on sampled deployments; every mark is kept, the latest counts',
    );
    table.bigIncrements('id').primary();
    table.string('sample_id', 36).notNullable();
    table.string('deployment_source', 64).notNullable();
    table.string('deployment_external_id', 255).notNullable();
    table
      .string('conclusion', 16)
      .notNullable()
      .comment('effective or exception');
    table.text('note').notNullable();
    table
      .string('reviewed_by', 255)
      .notNullable()
      .comment('Entity ref of the reviewing user');
    table.timestamp('reviewed_at', { useTz: true }).notNullable();
    table
      .foreign(['sample_id', 'deployment_source', 'deployment_external_id'])
      .references(['sample_id', 'deployment_source', 'deployment_external_id'])
      .inTable('audit_sample_items');
    table.index(['sample_id'], 'audit_review_marks_sample_idx');
  });

  if (isPostgres(knex)) {
    await knex.raw(`
      CREATE FUNCTION ${REFUSE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
      END;
      $$`);
    for (const table of APPEND_ONLY_TABLES) {
      await knex.raw(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION ${REFUSE_FUNCTION}()`,
      );
      await knex.raw(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION ${REFUSE_FUNCTION}()`,
      );
    }
  } else {
    // SQLite has no TRUNCATE; a DELETE without WHERE fires the row trigger like any other.
    for (const table of APPEND_ONLY_TABLES) {
      for (const operation of ['UPDATE', 'DELETE']) {
        await knex.raw(
          `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table}
           BEGIN SELECT RAISE(ABORT, '${table} is append-only: ${operation} refused'); END`,
        );
      }
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    for (const table of APPEND_ONLY_TABLES) {
      await knex.raw(`DROP TRIGGER ${table}_append_only ON ${table}`);
      await knex.raw(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    }
    await knex.raw(`DROP FUNCTION ${REFUSE_FUNCTION}()`);
  } else {
    for (const table of APPEND_ONLY_TABLES) {
      await knex.raw(`DROP TRIGGER ${table}_no_update`);
      await knex.raw(`DROP TRIGGER ${table}_no_delete`);
    }
  }
  await knex.schema.dropTable('audit_review_marks');
  await knex.schema.dropTable('audit_sample_items');
  await knex.schema.dropTable('audit_samples');
};
