import { JiraIssue, JiraProject } from '../../model';

/**
 * The small part of JQL the simulator understands. Anything outside it is rejected with the 400
 * Jira sends for a query it cannot parse, rather than answered with a guess, so that a test never
 * passes against a query real Jira would read differently:
 *
 *   clause [AND clause]... [ORDER BY field [ASC|DESC] [, ...]]
 *
 * where a clause is `key|issuekey = K`, `key in (K1, K2)`, `project = P`, `project in (P1, P2)`
 * (each also with `!=` / `not in`), or `created|updated >=|>|<=|< date`; a date is
 * `"yyyy-MM-dd HH:mm"`, `"yyyy-MM-dd"` (also with `/`), or a period relative to the simulated now,
 * `-1d`, `-4w 2d`, `-30m` (w, d, h, m). Keywords and field names are case-insensitive. Absolute
 * dates are read in UTC, the time zone `/myself` reports for the simulator's user.
 */
export type JqlClause =
  | { field: 'key' | 'project'; negated: boolean; values: string[] }
  | {
      field: 'created' | 'updated';
      operator: '>=' | '>' | '<=' | '<';
      at: number;
    };

export type JqlSortField = 'key' | 'created' | 'updated';

export interface JqlQuery {
  clauses: JqlClause[];
  orderBy: { field: JqlSortField; direction: 'ASC' | 'DESC' }[];
}

/** A query Jira would reject; the message goes after "Error in the JQL Query: ". */
export class JqlSyntaxError extends Error {}

/** A well-formed query naming a value that does not exist (an unknown project or issue key). */
export class JqlValueError extends Error {}

interface Token {
  kind: 'word' | 'string' | 'operator' | '(' | ')' | ',';
  text: string;
  /** 1-based character position, as Jira reports it. */
  at: number;
}

const FIELD_ALIASES: Record<string, 'key' | 'project' | 'created' | 'updated'> =
  {
    key: 'key',
    issuekey: 'key',
    id: 'key',
    project: 'project',
    created: 'created',
    createddate: 'created',
    updated: 'updated',
    updateddate: 'updated',
  };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, at: i + 1 });
      i += 1;
    } else if (c === '"' || c === "'") {
      const end = jql.indexOf(c, i + 1);
      if (end < 0) {
        throw new JqlSyntaxError(
          `The quoted string starting at character ${i + 1} is not closed.`,
        );
      }
      tokens.push({ kind: 'string', text: jql.slice(i + 1, end), at: i + 1 });
      i = end + 1;
    } else {
      const operator = jql.slice(i).match(/^(>=|<=|!=|!~|=|>|<|~)/);
      if (operator) {
        tokens.push({ kind: 'operator', text: operator[1], at: i + 1 });
        i += operator[1].length;
      } else {
        const word = jql.slice(i).match(/^[^\s(),"'=!<>~]+/);
        if (!word) {
          throw new JqlSyntaxError(
            `Unexpected character '${c}' at character ${i + 1}.`,
          );
        }
        tokens.push({ kind: 'word', text: word[0], at: i + 1 });
        i += word[0].length;
      }
    }
  }
  return tokens;
}

const UNIT_MS: Record<string, number> = {
  w: 7 * 24 * 3_600_000,
  d: 24 * 3_600_000,
  h: 3_600_000,
  m: 60_000,
};

/** A JQL date value as epoch milliseconds, absolute dates in UTC, periods relative to `now`. */
export function parseJqlDate(
  value: string,
  field: string,
  now: number,
): number {
  const absolute = value
    .trim()
    .match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/);
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute;
    return Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
    );
  }
  const period = value.trim().match(/^([+-]?)((?:\d+[wdhm]\s*)+)$/i);
  if (period) {
    let ms = 0;
    for (const [, n, unit] of period[2].matchAll(/(\d+)([wdhm])/gi)) {
      ms += Number(n) * UNIT_MS[unit.toLowerCase()];
    }
    return now + (period[1] === '-' ? -ms : ms);
  }
  throw new JqlSyntaxError(
    `Date value '${value}' for field '${field}' is invalid. The simulator accepts 'yyyy-MM-dd HH:mm', ` +
      `'yyyy-MM-dd' (or with '/') and periods such as '-5d' or '-4w 2d'.`,
  );
}

/** Parses `jql`; relative dates are resolved against `now` (epoch ms). */
export function parseJql(jql: string, now: number): JqlQuery {
  const tokens = tokenize(jql);
  let position = 0;
  const peek = () => tokens[position];
  const isWord = (token: Token | undefined, ...words: string[]) =>
    token?.kind === 'word' && words.includes(token.text.toUpperCase());
  const describe = (token: Token | undefined) =>
    token ? `'${token.text}' at character ${token.at}` : 'the end of the query';
  const next = (expected: string): Token => {
    const token = tokens[position];
    if (!token)
      throw new JqlSyntaxError(
        `Expecting ${expected} but reached the end of the query.`,
      );
    position += 1;
    return token;
  };
  const value = (expected: string): string => {
    const token = next(expected);
    if (token.kind !== 'word' && token.kind !== 'string') {
      throw new JqlSyntaxError(
        `Expecting ${expected} but got ${describe(token)}.`,
      );
    }
    if (token.kind === 'word' && /\(/.test(tokens[position]?.text ?? '')) {
      throw new JqlSyntaxError(
        `The function '${token.text}' at character ${token.at} is not supported by the simulator.`,
      );
    }
    return token.text;
  };

  const clauses: JqlClause[] = [];
  const orderBy: JqlQuery['orderBy'] = [];

  const clause = () => {
    const fieldToken = next('a field name');
    if (fieldToken.kind === '(' || isWord(fieldToken, 'NOT')) {
      throw new JqlSyntaxError(
        `${describe(
          fieldToken,
        )}: parentheses and NOT are not supported by the simulator.`,
      );
    }
    if (fieldToken.kind !== 'word' && fieldToken.kind !== 'string') {
      throw new JqlSyntaxError(
        `Expecting a field name but got ${describe(fieldToken)}.`,
      );
    }
    const field = FIELD_ALIASES[fieldToken.text.toLowerCase()];
    if (!field) {
      throw new JqlSyntaxError(
        `The field '${fieldToken.text}' is not supported by the simulator (supported: key, project, created, updated).`,
      );
    }
    const operatorToken = next('an operator');
    let operator = operatorToken.text.toUpperCase();
    if (operator === 'NOT' && isWord(peek(), 'IN')) {
      position += 1;
      operator = 'NOT IN';
    } else if (operatorToken.kind !== 'operator' && operator !== 'IN') {
      throw new JqlSyntaxError(
        `Expecting an operator but got ${describe(operatorToken)}.`,
      );
    }

    if (field === 'key' || field === 'project') {
      if (operator === '=' || operator === '!=') {
        clauses.push({
          field,
          negated: operator === '!=',
          values: [value('a value')],
        });
      } else if (operator === 'IN' || operator === 'NOT IN') {
        const open = next("'('");
        if (open.kind !== '(')
          throw new JqlSyntaxError(`Expecting '(' but got ${describe(open)}.`);
        const values = [value('a value')];
        for (;;) {
          const separator = next("',' or ')'");
          if (separator.kind === ')') break;
          if (separator.kind !== ',') {
            throw new JqlSyntaxError(
              `Expecting ',' or ')' but got ${describe(separator)}.`,
            );
          }
          values.push(value('a value'));
        }
        clauses.push({ field, negated: operator === 'NOT IN', values });
      } else {
        throw new JqlSyntaxError(
          `The operator '${operatorToken.text}' is not supported by the simulator for the field '${fieldToken.text}'.`,
        );
      }
    } else {
      if (
        operator !== '>=' &&
        operator !== '>' &&
        operator !== '<=' &&
        operator !== '<'
      ) {
        throw new JqlSyntaxError(
          `The operator '${operatorToken.text}' is not supported by the simulator for the field '${fieldToken.text}'.`,
        );
      }
      clauses.push({
        field,
        operator,
        at: parseJqlDate(value('a date'), fieldToken.text, now),
      });
    }
  };

  if (peek() && !isWord(peek(), 'ORDER')) {
    clause();
    while (peek() && !isWord(peek(), 'ORDER')) {
      const joiner = next("'AND'");
      if (isWord(joiner, 'OR')) {
        throw new JqlSyntaxError(
          `${describe(joiner)}: OR is not supported by the simulator.`,
        );
      }
      if (!isWord(joiner, 'AND')) {
        throw new JqlSyntaxError(
          `Expecting either 'OR' or 'AND' but got ${describe(joiner)}.`,
        );
      }
      clause();
    }
  }

  if (peek()) {
    next("'ORDER'");
    const by = next("'BY'");
    if (!isWord(by, 'BY'))
      throw new JqlSyntaxError(`Expecting 'BY' but got ${describe(by)}.`);
    for (;;) {
      const fieldToken = next('a field to order by');
      const field = FIELD_ALIASES[fieldToken.text.toLowerCase()];
      if (field !== 'key' && field !== 'created' && field !== 'updated') {
        throw new JqlSyntaxError(
          `Ordering by '${fieldToken.text}' is not supported by the simulator (supported: key, created, updated).`,
        );
      }
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (isWord(peek(), 'ASC', 'DESC')) {
        direction = next('a direction').text.toUpperCase() as 'ASC' | 'DESC';
      }
      orderBy.push({ field, direction });
      if (!peek()) break;
      const comma = next("','");
      if (comma.kind !== ',')
        throw new JqlSyntaxError(`Expecting ',' but got ${describe(comma)}.`);
    }
  }
  return { clauses, orderBy };
}

/** Issue keys sort by project, then by number (PAY-9 before PAY-10), as Jira sorts them. */
export function compareKeys(a: string, b: string): number {
  const [pa, na] = a.split('-');
  const [pb, nb] = b.split('-');
  return pa === pb ? Number(na) - Number(nb) : pa.localeCompare(pb);
}

function matchesProject(
  project: JiraProject | undefined,
  value: string,
): boolean {
  if (!project) return false;
  const v = value.toLowerCase();
  return (
    project.key.toLowerCase() === v ||
    project.id === value ||
    project.name.toLowerCase() === v
  );
}

/**
 * The issues a parsed query selects, in its order. Like Jira with `validateQuery=strict`, an
 * unknown project or issue key is an error (`JqlValueError`); with `warn` or `none` the clause just
 * matches nothing and the messages are returned as warnings.
 */
export function runJql(
  query: JqlQuery,
  issues: JiraIssue[],
  projects: JiraProject[],
  validate: 'strict' | 'warn' | 'none',
): { issues: JiraIssue[]; warnings: string[] } {
  const warnings: string[] = [];
  const projectOf = (issue: JiraIssue) =>
    projects.find(p => p.key === issue.projectKey);
  const keyMatches = (issue: JiraIssue, value: string) =>
    issue.key.toLowerCase() === value.toLowerCase() || issue.id === value;

  for (const clause of query.clauses) {
    if (clause.field === 'project') {
      for (const value of clause.values) {
        if (!projects.some(project => matchesProject(project, value))) {
          warnings.push(
            `The value '${value}' does not exist for the field 'project'.`,
          );
        }
      }
    } else if (clause.field === 'key') {
      for (const value of clause.values) {
        if (!issues.some(issue => keyMatches(issue, value))) {
          warnings.push(
            `An issue with key '${value}' does not exist for field 'key'.`,
          );
        }
      }
    }
  }
  if (validate === 'strict' && warnings.length > 0)
    throw new JqlValueError(warnings.join('\n'));

  const selected = issues.filter(issue =>
    query.clauses.every(clause => {
      switch (clause.field) {
        case 'key': {
          const hit = clause.values.some(value => keyMatches(issue, value));
          return clause.negated ? !hit : hit;
        }
        case 'project': {
          const hit = clause.values.some(value =>
            matchesProject(projectOf(issue), value),
          );
          return clause.negated ? !hit : hit;
        }
        default: {
          const at = Date.parse(issue[clause.field]);
          switch (clause.operator) {
            case '>=':
              return at >= clause.at;
            case '>':
              return at > clause.at;
            case '<=':
              return at <= clause.at;
            default:
              return at < clause.at;
          }
        }
      }
    }),
  );

  // Without ORDER BY the simulator answers newest first, a stable order; ties always fall back to
  // the key so that pages never overlap.
  const orderBy: JqlQuery['orderBy'] =
    query.orderBy.length > 0
      ? query.orderBy
      : [{ field: 'created', direction: 'DESC' }];
  selected.sort((a, b) => {
    for (const { field, direction } of orderBy) {
      const order =
        field === 'key'
          ? compareKeys(a.key, b.key)
          : Date.parse(a[field]) - Date.parse(b[field]);
      if (order !== 0) return direction === 'ASC' ? order : -order;
    }
    return compareKeys(a.key, b.key);
  });
  return { issues: selected, warnings: validate === 'none' ? [] : warnings };
}
