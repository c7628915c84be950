import express, { Request, Response } from 'express';
import { Organisation } from '../model';
import { SimulatorContext } from './context';

/** A query the simulator cannot read; answered with a 400. */
class QueryError extends Error {}

/**
 * ServiceNow's Table API, read-only, over three tables: `change_request`, `sysapproval_approver`
 * and `sys_user`.
 *
 * - `GET /api/now/table/{table}`: `sysparm_query`, `sysparm_limit` (default 10,000),
 *   `sysparm_offset`, `sysparm_fields`, `sysparm_display_value` (false, true, all),
 *   `sysparm_exclude_reference_link`; `X-Total-Count` and a `Link` header (first, prev, next, last).
 * - `GET /api/now/table/{table}/{sys_id}`.
 *
 * The encoded query understood (see `parseQuery`) is a subset; anything else is a 400 rather than
 * a silent misreading, which real ServiceNow would not do but which keeps a test from passing
 * against a query it does not mean.
 */
export function serviceNowRouter(context: SimulatorContext): express.Router {
  const router = express.Router();

  router.get('/api/now/table/:table', (req, res) => {
    const table = tableFor(req, res, context);
    if (!table) return;
    let query: ParsedQuery;
    try {
      query = parseQuery(
        String(req.query.sysparm_query ?? ''),
        table,
        Date.parse(context.organisation().now),
      );
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      failure(res, 400, error.message, String(req.query.sysparm_query ?? ''));
      return;
    }
    const matching = query.unknownField
      ? []
      : sortRecords(
          table.records.filter(record => matches(record, query.conditions)),
          query.orderBy,
        );

    const limit = Math.max(1, numberParam(req.query.sysparm_limit, 10_000));
    const offset = Math.max(0, numberParam(req.query.sysparm_offset, 0));
    // A "shifting pages" fault puts records in front of the list between pages: a later page
    // starts that many records earlier in the list the client first saw, and the count grows.
    const shift =
      offset > 0
        ? context.pageShift({
            path: `${req.baseUrl}${req.path}`,
            page: Math.floor(offset / limit) + 1,
          })
        : 0;
    const from = Math.max(0, offset - shift);
    const page = matching.slice(from, from + limit);
    const total = matching.length + shift;

    res.setHeader('X-Total-Count', String(total));
    const links = pageLinks(req, context, offset, limit, total);
    if (links) res.setHeader('Link', links);
    res.json({ result: page.map(record => render(record, req, context)) });
  });

  router.get('/api/now/table/:table/:sys_id', (req, res) => {
    const table = tableFor(req, res, context);
    if (!table) return;
    const record = table.records.find(
      r => r.sys_id.value === req.params.sys_id,
    );
    if (!record) {
      failure(
        res,
        404,
        'No Record found',
        "Record doesn't exist or ACL restricts the record retrieval",
      );
      return;
    }
    res.json({ result: render(record, req, context) });
  });

  router.use((_req, res) => {
    failure(res, 400, 'Requested URI does not represent any resource', null);
  });
  return router;
}

/** A stored value with what ServiceNow displays for it, and the table it refers to if any. */
interface Cell {
  value: string;
  display: string;
  reference?: string;
}
type SnRecord = Record<string, Cell>;

interface Table {
  name: string;
  records: SnRecord[];
}

function failure(
  res: Response,
  status: number,
  message: string,
  detail: string | null,
) {
  res.status(status).json({ error: { message, detail }, status: 'failure' });
}

/** ISO-8601 → `YYYY-MM-DD HH:mm:ss`, the Table API's date-time format (UTC for the simulator). */
export function glideTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

const plain = (value: string): Cell => ({ value, display: value });
const choice = (value: string, labels: Record<string, string>): Cell => ({
  value,
  display: labels[value] ?? value,
});
const time = (iso: string): Cell => plain(glideTime(iso));

const CHANGE_STATES: Record<string, string> = {
  '-5': 'New',
  '-4': 'Assess',
  '-3': 'Authorize',
  '-2': 'Scheduled',
  '-1': 'Implement',
  '0': 'Review',
  '3': 'Closed',
  '4': 'Canceled',
};
const CHANGE_TYPES: Record<string, string> = {
  normal: 'Normal',
  standard: 'Standard',
  emergency: 'Emergency',
};
const PRIORITIES: Record<string, string> = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
};
const APPROVAL_STATES: Record<string, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  not_requested: 'Not Yet Requested',
  cancelled: 'Cancelled',
};

function tables(organisation: Organisation): Record<string, () => SnRecord[]> {
  const { users, changeRequests, approvals } = organisation.serviceNow;
  const userRef = (sysId: string): Cell => ({
    value: sysId,
    // A user missing from sys_user is shown as ServiceNow shows a dangling reference: its sys_id.
    display: users.find(u => u.sysId === sysId)?.name ?? sysId,
    reference: 'sys_user',
  });
  return {
    change_request: () =>
      changeRequests.map(change => ({
        sys_id: plain(change.sysId),
        number: plain(change.number),
        short_description: plain(change.shortDescription),
        description: plain(change.description),
        justification: plain(change.justification),
        implementation_plan: plain(change.implementationPlan),
        backout_plan: plain(change.backoutPlan),
        state: choice(change.state, CHANGE_STATES),
        type: choice(change.type, CHANGE_TYPES),
        priority: choice(change.priority, PRIORITIES),
        requested_by: userRef(change.requestedBy),
        opened_at: time(change.openedAt),
        sys_created_on: time(change.openedAt),
        sys_updated_on: time(change.updatedAt),
        correlation_display: plain(change.correlationDisplay ?? ''),
        sys_class_name: choice('change_request', {
          change_request: 'Change Request',
        }),
      })),
    sysapproval_approver: () =>
      approvals.map(approval => ({
        sys_id: plain(approval.sysId),
        sysapproval: {
          value: approval.changeSysId,
          display:
            changeRequests.find(c => c.sysId === approval.changeSysId)
              ?.number ?? approval.changeSysId,
          // ServiceNow's field refers to task; the simulator serves the change_request it is.
          reference: 'change_request',
        },
        source_table: plain('change_request'),
        approver: userRef(approval.approverSysId),
        state: choice(approval.state, APPROVAL_STATES),
        sys_updated_on: time(approval.updatedAt),
        comments: plain(approval.comments),
      })),
    sys_user: () =>
      users.map(user => ({
        sys_id: plain(user.sysId),
        user_name: plain(user.userName),
        name: plain(user.name),
        email: plain(user.email),
        active: plain('true'),
      })),
  };
}

function tableFor(
  req: Request,
  res: Response,
  context: SimulatorContext,
): Table | undefined {
  const make = tables(context.organisation())[req.params.table];
  if (!make) {
    failure(res, 400, `Invalid table ${req.params.table}`, null);
    return undefined;
  }
  return { name: req.params.table, records: make() };
}

function numberParam(value: unknown, fallback: number): number {
  const n = Number(value);
  return value === undefined || value === '' || !Number.isFinite(n)
    ? fallback
    : Math.floor(n);
}

function render(record: SnRecord, req: Request, context: SimulatorContext) {
  const mode = String(req.query.sysparm_display_value ?? 'false').toLowerCase();
  const excludeLinks =
    String(req.query.sysparm_exclude_reference_link ?? 'false') === 'true';
  const requested = req.query.sysparm_fields
    ? String(req.query.sysparm_fields)
        .split(',')
        .map(f => f.trim())
        .filter(f => f.length > 0)
    : Object.keys(record);
  const out: Record<string, unknown> = {};
  for (const field of requested) {
    const cell = record[field];
    // ServiceNow leaves out a requested field the table does not have.
    if (!cell) continue;
    const link =
      cell.reference && cell.value
        ? `${context.baseUrl()}/servicenow/api/now/table/${cell.reference}/${
            cell.value
          }`
        : undefined;
    if (mode === 'true') {
      out[field] = cell.display;
    } else if (mode === 'all') {
      out[field] = {
        display_value: cell.display,
        value: cell.value,
        ...(link && !excludeLinks ? { link } : {}),
      };
    } else if (link && !excludeLinks) {
      out[field] = { link, value: cell.value };
    } else {
      out[field] = cell.value;
    }
  }
  return out;
}

/** `first`, `prev`, `next` and `last` links, as the Table API sends them, from offset and limit. */
function pageLinks(
  req: Request,
  context: SimulatorContext,
  offset: number,
  limit: number,
  total: number,
): string | undefined {
  const url = (at: number) => {
    const target = new URL(req.originalUrl, context.baseUrl());
    target.searchParams.set('sysparm_offset', String(at));
    target.searchParams.set('sysparm_limit', String(limit));
    return target.toString();
  };
  const lastOffset = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
  const links = [`<${url(0)}>;rel="first"`];
  if (offset > 0)
    links.push(`<${url(Math.max(0, offset - limit))}>;rel="prev"`);
  if (offset + limit < total) links.push(`<${url(offset + limit)}>;rel="next"`);
  links.push(`<${url(lastOffset)}>;rel="last"`);
  return links.join(',');
}

// ---------------------------------------------------------------------------------------------
// Encoded queries

type Operator =
  | '='
  | '!='
  | '>='
  | '<='
  | '>'
  | '<'
  | 'IN'
  | 'NOT IN'
  | 'LIKE'
  | 'NOT LIKE'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | 'ISEMPTY'
  | 'ISNOTEMPTY';

interface Condition {
  field: string;
  operator: Operator;
  value: string;
}

interface ParsedQuery {
  /** AND of ORs: `a^b^ORc` is `a AND (b OR c)`. */
  conditions: Condition[][];
  orderBy: { field: string; descending: boolean }[];
  /**
   * A condition named a field the table does not have. ServiceNow instances set to
   * `glide.invalid_query.returns_no_rows` (the safe setting) then answer no records, which the
   * simulator does too rather than ignoring the condition and answering everything.
   */
  unknownField: boolean;
}

// Longest first, so that `>=` is not read as `>` and `NOT IN` not as `IN`.
const OPERATORS: Operator[] = [
  'ISNOTEMPTY',
  'ISEMPTY',
  'STARTSWITH',
  'ENDSWITH',
  'NOT LIKE',
  'NOT IN',
  'LIKE',
  'IN',
  '!=',
  '>=',
  '<=',
  '=',
  '>',
  '<',
];

/**
 * The `javascript:` values the simulator evaluates, against the simulated now:
 * `gs.dateGenerate('2026-06-01','00:00:00')`, `gs.daysAgoStart(n)`, `gs.daysAgo(n)`,
 * `gs.hoursAgo(n)`, `gs.minutesAgo(n)`, `gs.beginningOfToday()`.
 */
function evaluateScript(script: string, now: number): string {
  const call = script.trim().match(/^gs\.(\w+)\(([^)]*)\)$/);
  const args = call?.[2]
    .split(',')
    .map(a => a.trim().replace(/^['"]|['"]$/g, ''))
    .filter(a => a.length > 0);
  const at = (ms: number) => glideTime(new Date(ms).toISOString());
  const startOfDay = (ms: number) => ms - (ms % 86_400_000);
  switch (call?.[1]) {
    case 'dateGenerate':
      if (args?.length === 2 && /^\d{4}-\d{2}-\d{2}$/.test(args[0])) {
        const named: Record<string, string> = {
          start: '00:00:00',
          end: '23:59:59',
        };
        const clock = named[args[1]] ?? args[1];
        if (/^\d{2}:\d{2}:\d{2}$/.test(clock)) return `${args[0]} ${clock}`;
      }
      break;
    case 'daysAgoStart':
      return at(startOfDay(now - Number(args?.[0] ?? 0) * 86_400_000));
    case 'daysAgo':
      return at(now - Number(args?.[0] ?? 0) * 86_400_000);
    case 'hoursAgo':
      return at(now - Number(args?.[0] ?? 0) * 3_600_000);
    case 'minutesAgo':
      return at(now - Number(args?.[0] ?? 0) * 60_000);
    case 'beginningOfToday':
      return at(startOfDay(now));
    default:
      break;
  }
  throw new QueryError(`The simulator cannot evaluate javascript:${script}`);
}

/**
 * Parses an encoded query: conditions `field<op>value` joined by `^` (AND) and `^OR` (OR with the
 * condition before), `ORDERBYfield` and `ORDERBYDESCfield`. `^NQ` (a second query) and dot-walked
 * fields (`requested_by.name`) are not supported.
 */
function parseQuery(encoded: string, table: Table, now: number): ParsedQuery {
  const parsed: ParsedQuery = {
    conditions: [],
    orderBy: [],
    unknownField: false,
  };
  if (encoded.trim() === '') return parsed;
  if (encoded.includes('^NQ')) {
    throw new QueryError(
      'The simulator does not support ^NQ (new query) in sysparm_query',
    );
  }
  const fields = new Set(Object.keys(table.records[0] ?? {}));
  const known = (field: string) =>
    table.records.length === 0 || fields.has(field) || field === 'sys_id';
  for (const [index, term] of encoded.split('^').entries()) {
    if (term === '' || term === 'EQ') continue;
    const order = term.match(/^ORDERBY(DESC)?([a-z0-9_]+)$/);
    if (order) {
      parsed.orderBy.push({ field: order[2], descending: order[1] === 'DESC' });
      continue;
    }
    const isOr = index > 0 && term.startsWith('OR') && /^OR[a-z]/.test(term);
    const body = isOr ? term.slice(2) : term;
    const match = body.match(/^([a-z0-9_.]+)(.*)$/);
    if (!match)
      throw new QueryError(`Invalid condition '${term}' in sysparm_query`);
    const [, field, rest] = match;
    if (field.includes('.')) {
      throw new QueryError(
        `The simulator does not support dot-walked fields ('${field}')`,
      );
    }
    const operator = OPERATORS.find(op => rest.startsWith(op));
    if (!operator)
      throw new QueryError(`Invalid condition '${term}' in sysparm_query`);
    let value = rest.slice(operator.length);
    // A `javascript:` value is a server-side script in ServiceNow; here a few known calls.
    const script = value.match(/^javascript:(.*)$/s);
    if (script) value = evaluateScript(script[1], now);
    if (!known(field)) parsed.unknownField = true;
    const condition: Condition = { field, operator, value };
    if (isOr && parsed.conditions.length > 0) {
      parsed.conditions[parsed.conditions.length - 1].push(condition);
    } else {
      parsed.conditions.push([condition]);
    }
  }
  return parsed;
}

const numeric = (s: string) => /^-?\d+(\.\d+)?$/.test(s);

/** Compares as numbers when both sides are numbers (choice values like state), else as text. */
function compare(a: string, b: string): number {
  if (numeric(a) && numeric(b)) return Number(a) - Number(b);
  return a.localeCompare(b);
}

function test(record: SnRecord, condition: Condition): boolean {
  const stored = record[condition.field]?.value ?? '';
  const value = condition.value;
  // Comparisons ignore case, as ServiceNow's database collation does.
  const lower = stored.toLowerCase();
  const target = value.toLowerCase();
  const inList = () =>
    value
      .split(',')
      .map(v => v.trim().toLowerCase())
      .includes(lower);
  switch (condition.operator) {
    case '=':
      return lower === target;
    case '!=':
      return lower !== target;
    case 'IN':
      return inList();
    case 'NOT IN':
      return !inList();
    case 'LIKE':
      return lower.includes(target);
    case 'NOT LIKE':
      return !lower.includes(target);
    case 'STARTSWITH':
      return lower.startsWith(target);
    case 'ENDSWITH':
      return lower.endsWith(target);
    case 'ISEMPTY':
      return stored === '';
    case 'ISNOTEMPTY':
      return stored !== '';
    case '>=':
      return stored !== '' && compare(stored, value) >= 0;
    case '<=':
      return stored !== '' && compare(stored, value) <= 0;
    case '>':
      return stored !== '' && compare(stored, value) > 0;
    default:
      return stored !== '' && compare(stored, value) < 0;
  }
}

function matches(record: SnRecord, conditions: Condition[][]): boolean {
  return conditions.every(any =>
    any.some(condition => test(record, condition)),
  );
}

function sortRecords(
  records: SnRecord[],
  orderBy: ParsedQuery['orderBy'],
): SnRecord[] {
  if (orderBy.length === 0) return records;
  return [...records].sort((a, b) => {
    for (const { field, descending } of orderBy) {
      const order = compare(a[field]?.value ?? '', b[field]?.value ?? '');
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}
