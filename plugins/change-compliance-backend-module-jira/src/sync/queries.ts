import { PAGE_SIZE } from '../client/JiraApi';
import { jqlTime } from '../time';

/** A Jira issue key as Jira writes it: the project key, a hyphen, a number not starting with 0. */
const ISSUE_KEY = /^([A-Z][A-Z0-9_]+)-[1-9][0-9]*$/;

/**
 * The keys among `keys` that are issues of the given projects, upper-cased, once each, in order.
 * The backend asks every ticket system for every key a change references; the keys of other
 * systems (ServiceNow's `CHG0012345`, GitHub's `acme/web#12`) and of projects no policy names are
 * not this module's to fetch.
 */
export function heldKeys(keys: string[], projects: string[]): string[] {
  const held = new Set(projects.map(p => p.toUpperCase()));
  const out = new Set<string>();
  for (const raw of keys) {
    const key = raw.trim().toUpperCase();
    const project = key.match(ISSUE_KEY)?.[1];
    if (project && held.has(project)) out.add(key);
  }
  return [...out].sort();
}

/** The keys in batches that one search answers whole: at most a page of issues each. */
export function keyBatches(keys: string[]): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += PAGE_SIZE) {
    batches.push(keys.slice(i, i + PAGE_SIZE));
  }
  return batches;
}

/** The JQL for a batch of keys (validated by `heldKeys`, so safe to write unquoted). */
export function keysJql(keys: string[]): string {
  return `key in (${keys.join(', ')}) ORDER BY key ASC`;
}

/**
 * The JQL for a project's issues updated since a time, oldest change first. JQL reads a date to
 * the minute, in the searching account's time zone (unknown: the query starts 14 hours earlier,
 * which is as far as any zone is from UTC); a re-read issue is written again unchanged.
 */
export function updatedSinceJql(
  project: string,
  since: string,
  timeZone: string | undefined,
): string {
  const from = timeZone
    ? jqlTime(since, timeZone)
    : jqlTime(
        new Date(Date.parse(since) - 14 * 60 * 60_000).toISOString(),
        'UTC',
      );
  return `project = ${project} AND updated >= "${from}" ORDER BY updated ASC, key ASC`;
}

/**
 * The keys a refused search said do not exist. Cloud's search refuses a whole query that names
 * an issue key it does not know (or one the account may not see), listing each such key.
 */
export function unknownKeys(jiraMessages: string[]): string[] {
  return jiraMessages.flatMap(message => {
    const key = message.match(/An issue with key '([^']+)' does not exist/i);
    return key ? [key[1].toUpperCase()] : [];
  });
}
