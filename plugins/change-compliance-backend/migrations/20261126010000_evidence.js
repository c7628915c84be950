/*
 * The evidence model: what providers write (deployments, commits, pull requests, reviews,
 * tickets, approvals, branch protection) and what the engine concludes (one verdict row per
 * deployment, with its check results, and the history of every verdict change). Every table is
 * keyed by natural ids from the source, so a re-sync or a replayed webhook rewrites the same rows.
 * Structured values (actors, lists, ticket fields, check results) are JSON in text columns, read
 * whole; the one query inside is the failing-check filter, a LIKE on verdicts.failing_checks.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('repositories', table => {
    table.comment('Source repositories of services');
    table.string('slug', 255).primary().comment('owner/name');
    table.string('host', 255).notNullable().comment('e.g. github.com');
    table.string('default_branch', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('branch_heads', table => {
    table.comment(
      'Head commit of each branch, to tell which branches contain a commit',
    );
    table.string('repository', 255).notNullable();
    table.string('branch', 255).notNullable();
    table.string('head_sha', 64).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['repository', 'branch']);
  });

  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deployment records from deployment sources (any environment)',
    );
    table.string('source', 64).notNullable().comment('e.g. github, argocd, ci');
    table.string('external_id', 255).notNullable().comment('Id in the source');
    table.string('service_ref', 255).notNullable();
    table.string('environment', 255).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.string('image_digest', 255).nullable();
    table.string('image_tag', 255).nullable();
    table.string('config_version', 255).nullable();
    table.string('provenance_commit_sha', 64).nullable();
    table.timestamp('deployed_at', { useTz: true }).notNullable();
    table.text('actor').nullable().comment('JSON actor');
    table.text('pipeline_run_url').nullable();
    table
      .string('ref', 255)
      .nullable()
      .comment('Branch deployed from, when a branch');
    table
      .string('status', 32)
      .notNullable()
      .comment('success, failure, in_progress, ...');
    table
      .text('ticket_keys')
      .notNullable()
      .comment('JSON array of keys the record lists');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['source', 'external_id']);
    table.index(
      ['service_ref', 'environment', 'deployed_at'],
      'deployments_service_time_idx',
    );
  });

  await knex.schema.createTable('commits', table => {
    table.comment('Commits of service repositories');
    table.string('repository', 255).notNullable();
    table.string('sha', 64).notNullable();
    table.text('parents').notNullable().comment('JSON array of SHAs');
    table.text('author').notNullable().comment('JSON actor');
    table
      .text('co_authors')
      .notNullable()
      .comment('JSON array of actors (Co-authored-by)');
    table.text('committer').nullable().comment('JSON actor');
    table.text('pushed_by').nullable().comment('JSON actor');
    table.text('message').notNullable();
    table.timestamp('committed_at', { useTz: true }).notNullable();
    table
      .text('changed_files')
      .nullable()
      .comment('JSON array; null when unknown');
    table.primary(['repository', 'sha']);
  });

  await knex.schema.createTable('pull_requests', table => {
    table.comment('Pull requests (merge requests) into service repositories');
    table.string('repository', 255).notNullable();
    table.integer('number').notNullable();
    table.text('url').nullable();
    table.text('title').notNullable();
    table.text('body').notNullable();
    table.string('head_branch', 255).notNullable();
    table.string('base_branch', 255).notNullable();
    table.text('author').notNullable().comment('JSON actor');
    table.string('head_sha', 64).notNullable();
    table.string('merge_commit_sha', 64).nullable();
    table.timestamp('merged_at', { useTz: true }).nullable();
    table.text('merged_by').nullable().comment('JSON actor');
    table.boolean('merged_with_admin_override').notNullable();
    table.text('labels').notNullable().comment('JSON array');
    table
      .text('changed_files')
      .nullable()
      .comment('JSON array; null when unknown');
    table
      .text('code_owners_by_path')
      .nullable()
      .comment('JSON object path -> logins');
    table
      .text('commits')
      .notNullable()
      .comment('JSON array of the PR own commits, oldest first');
    table.primary(['repository', 'number']);
    table.index(
      ['repository', 'merge_commit_sha'],
      'pull_requests_merge_commit_idx',
    );
  });

  await knex.schema.createTable('commit_pull_requests', table => {
    table.comment(
      'Association of branch commits to the PR that brought them, per the host',
    );
    table.string('repository', 255).notNullable();
    table.string('sha', 64).notNullable();
    table.integer('number').notNullable();
    table.primary(['repository', 'sha']);
  });

  await knex.schema.createTable('reviews', table => {
    table.comment('Reviews of pull requests');
    table.string('repository', 255).notNullable();
    table.integer('number').notNullable();
    table.string('review_id', 64).notNullable();
    table.text('reviewer').notNullable().comment('JSON actor');
    table.string('state', 32).notNullable();
    table
      .string('commit_id', 64)
      .nullable()
      .comment('Head commit the reviewer saw');
    table.timestamp('submitted_at', { useTz: true }).nullable();
    table.boolean('dismissed').notNullable();
    table.primary(['repository', 'number', 'review_id']);
  });

  await knex.schema.createTable('tickets', table => {
    table.comment('Tickets in ticket systems');
    table.string('system', 64).notNullable();
    table.string('key', 255).notNullable();
    table.text('url').nullable();
    table.string('type', 255).nullable();
    table.string('priority', 255).nullable();
    table.text('fields').notNullable().comment('JSON object of field values');
    table
      .text('status_history')
      .notNullable()
      .comment('JSON array of transitions');
    table
      .text('links')
      .notNullable()
      .comment('JSON array of what the ticket links back to');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['system', 'key']);
  });

  await knex.schema.createTable('approvals', table => {
    table.comment('Formal approvals and rejections of tickets or deployments');
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.text('approver').notNullable().comment('JSON actor');
    table.timestamp('approved_at', { useTz: true }).notNullable();
    table.string('state', 16).notNullable().comment('approved or rejected');
    table.string('ticket_key', 255).nullable();
    table.string('deployment_id', 255).nullable().comment('source/external_id');
    table.boolean('approver_is_required_reviewer').nullable();
    table.primary(['source', 'external_id']);
    table.index(['ticket_key'], 'approvals_ticket_idx');
    table.index(['deployment_id'], 'approvals_deployment_idx');
  });

  await knex.schema.createTable('branch_protection_snapshots', table => {
    table.comment(
      'Protection of production branches, one row per observed change',
    );
    table.string('repository', 255).notNullable();
    table.string('branch', 255).notNullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.boolean('protected').notNullable();
    table
      .text('settings')
      .notNullable()
      .comment('JSON: reviews required, admins included, ...');
    table.primary(['repository', 'branch', 'observed_at']);
  });

  await knex.schema.createTable('verdicts', table => {
    table.comment(
      'The current verdict of every evaluated production deployment',
    );
    table.string('deployment_source', 64).notNullable();
    table.string('deployment_external_id', 255).notNullable();
    table.string('service_ref', 255).notNullable();
    table.string('verdict', 16).notNullable();
    table
      .text('failing_checks')
      .notNullable()
      .comment('JSON array of check ids');
    table
      .text('checks')
      .notNullable()
      .comment(
        'JSON array of check results: id, status, reason, evidence refs',
      );
    table.text('changes').notNullable().comment('JSON: per-change results');
    table.timestamp('deployed_at', { useTz: true }).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.primary(['deployment_source', 'deployment_external_id']);
    table.index(['service_ref', 'deployed_at'], 'verdicts_service_time_idx');
  });

  await knex.schema.createTable('verdict_history', table => {
    table.comment(
      'Every evaluation that changed a verdict or a check, with time and cause',
    );
    table.bigIncrements('id').primary();
    table.string('deployment_source', 64).notNullable();
    table.string('deployment_external_id', 255).notNullable();
    table.string('verdict', 16).notNullable();
    table.string('previous_verdict', 16).nullable();
    table
      .text('checks')
      .notNullable()
      .comment('JSON: check id -> status at that time');
    table.text('cause').notNullable().comment('What triggered the evaluation');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.index(
      ['deployment_source', 'deployment_external_id'],
      'verdict_history_deployment_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'verdict_history',
    'verdicts',
    'branch_protection_snapshots',
    'approvals',
    'tickets',
    'reviews',
    'commit_pull_requests',
    'pull_requests',
    'commits',
    'deployments',
    'branch_heads',
    'repositories',
  ]) {
    await knex.schema.dropTable(table);
  }
};
