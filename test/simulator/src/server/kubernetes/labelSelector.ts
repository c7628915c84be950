/**
 * Kubernetes label selectors (`app=api,tier!=cache,env in (prod,staging),!canary`), as the API
 * server reads the `labelSelector` query parameter: every requirement must hold.
 */
export type LabelRequirement = (labels: Record<string, string>) => boolean;

const KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;

/** Splits on commas outside parentheses. */
function requirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

function key(text: string): string {
  const trimmed = text.trim();
  if (!KEY.test(trimmed)) throw new Error(`invalid label key "${trimmed}"`);
  return trimmed;
}

/** The selector's requirements; throws on a selector the API server would refuse. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return requirements(selector).map(requirement => {
    const set = requirement.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (set) {
      const name = key(set[1]);
      const values = new Set(set[3].split(',').map(v => v.trim()));
      return set[2] === 'in'
        ? labels => name in labels && values.has(labels[name])
        : labels => !(name in labels) || !values.has(labels[name]);
    }
    const inequality = requirement.match(/^([^=!]+)!=(.*)$/);
    if (inequality) {
      const name = key(inequality[1]);
      const value = inequality[2].trim();
      return labels => labels[name] !== value;
    }
    const equality = requirement.match(/^([^=!]+)==?(.*)$/);
    if (equality) {
      const name = key(equality[1]);
      const value = equality[2].trim();
      return labels => labels[name] === value;
    }
    if (requirement.startsWith('!')) {
      const name = key(requirement.slice(1));
      return labels => !(name in labels);
    }
    const name = key(requirement);
    return labels => name in labels;
  });
}
