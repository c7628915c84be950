import { BranchProtectionRecord } from '@change-compliance/plugin-change-compliance-common';

/** One line of a branch's protection as an auditor reads it: what is required, and its value. */
export interface ProtectionSetting {
  key: string;
  label: string;
  value: string;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/**
 * The settings the GitHub module records, worded as controls rather than as GitHub's toggles: an
 * auditor asks whether force pushes are blocked, not whether they are allowed.
 */
const KNOWN_SETTINGS: Record<
  string,
  { label: string; describe: (value: unknown) => string | undefined }
> = {
  requiredApprovingReviewCount: {
    label: 'Required approvals',
    describe: v => (typeof v === 'number' ? String(v) : undefined),
  },
  dismissStaleReviews: {
    label: 'Stale approvals dismissed',
    describe: v => (typeof v === 'boolean' ? yesNo(v) : undefined),
  },
  requireCodeOwnerReviews: {
    label: 'Code owners must review',
    describe: v => (typeof v === 'boolean' ? yesNo(v) : undefined),
  },
  enforceAdmins: {
    label: 'Administrators included',
    describe: v => (typeof v === 'boolean' ? yesNo(v) : undefined),
  },
  allowForcePushes: {
    label: 'Force pushes blocked',
    describe: v => (typeof v === 'boolean' ? yesNo(!v) : undefined),
  },
  allowDeletions: {
    label: 'Deletions blocked',
    describe: v => (typeof v === 'boolean' ? yesNo(!v) : undefined),
  },
  requiredStatusChecks: {
    label: 'Required status checks',
    describe: v => {
      if (!Array.isArray(v)) return undefined;
      return v.length ? v.join(', ') : 'none';
    },
  },
};

/** A setting some other source recorded, shown as it came so that no evidence is hidden. */
function describeUnknown(value: unknown): string {
  if (typeof value === 'boolean') return yesNo(value);
  if (value === null || value === undefined) return 'not set';
  if (Array.isArray(value)) {
    return value.length ? value.map(describeUnknown).join(', ') : 'none';
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `someSettingKey` as `Some setting key`. */
function labelOf(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The protection a record holds, as readable lines: whether a pull request is required first, then
 * the known settings in a fixed order, then any others by key.
 */
export function describeProtection(
  record: BranchProtectionRecord,
): ProtectionSetting[] {
  const lines: ProtectionSetting[] = [
    {
      key: 'protected',
      label: 'Pull request required',
      value: yesNo(record.protected),
    },
  ];
  const settings = record.settings ?? {};
  for (const [key, known] of Object.entries(KNOWN_SETTINGS)) {
    if (!(key in settings)) continue;
    lines.push({
      key,
      label: known.label,
      value: known.describe(settings[key]) ?? describeUnknown(settings[key]),
    });
  }
  for (const key of Object.keys(settings).sort()) {
    if (key in KNOWN_SETTINGS) continue;
    lines.push({
      key,
      label: labelOf(key),
      value: describeUnknown(settings[key]),
    });
  }
  return lines;
}

/** One setting that differs between two consecutive records of a branch. */
export interface ProtectionChange {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** What changed from one record of a branch to the next, setting by setting. */
export function protectionChanges(
  previous: BranchProtectionRecord,
  current: BranchProtectionRecord,
): ProtectionChange[] {
  const before = new Map(describeProtection(previous).map(s => [s.key, s]));
  const after = new Map(describeProtection(current).map(s => [s.key, s]));
  const keys = [
    ...after.keys(),
    ...[...before.keys()].filter(k => !after.has(k)),
  ];
  const changes: ProtectionChange[] = [];
  for (const key of keys) {
    const was = before.get(key);
    const now = after.get(key);
    if (was?.value === now?.value) continue;
    changes.push({
      key,
      label: (now ?? was)!.label,
      before: was?.value ?? 'not recorded',
      after: now?.value ?? 'not recorded',
    });
  }
  return changes;
}
