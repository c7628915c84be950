import { adfToText, isAdfDocument } from './adfToText';

/**
 * A Jira field's value as the text the completeness check reads. Jira sends each field type in
 * its own shape: text as a string (v2, Data Center) or an ADF document (Cloud v3), a user as an
 * object, a select list as an option, a multi-select as an array. A shape not known here gives
 * null, which counts as not filled: a field this module cannot read is not shown filled.
 */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    const parts = value
      .map(fieldText)
      .filter((part): part is string => Boolean(part?.trim()));
    return parts.length > 0 ? parts.join(', ') : null;
  }
  if (typeof value !== 'object') return null;
  if (isAdfDocument(value)) return adfToText(value);
  const object = value as Record<string, unknown>;
  // A select option, with the child option of a cascading select.
  if (typeof object.value === 'string') {
    const child = fieldText(object.child);
    return child ? `${object.value} - ${child}` : object.value;
  }
  // A user (reporter, a user picker): the person is named, so the field is filled.
  for (const name of ['displayName', 'name', 'emailAddress', 'accountId']) {
    if (typeof object[name] === 'string' && object[name]) {
      return object[name] as string;
    }
  }
  return null;
}
