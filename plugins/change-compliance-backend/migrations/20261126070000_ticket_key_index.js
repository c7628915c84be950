/*
 * Tickets are looked up by key alone (a change names `PAY-12`, not the system it lives in), and
 * the primary key starts with the system: without an index on the key, every lookup read the
 * whole table, and evaluating a service took time proportional to all the tickets in the store.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('tickets', table => {
    table.index(['key'], 'tickets_key_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tickets', table => {
    table.dropIndex(['key'], 'tickets_key_idx');
  });
};
