/*
 * Who requested a ticket (a change request's "requested by", an issue's reporter), so that an
 * approval given by the requester of the very change it approves does not count.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('tickets', table => {
    table
      .text('requester')
      .nullable()
      .comment('JSON actor who requested the ticket, when the system says');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tickets', table => {
    table.dropColumn('requester');
  });
};
