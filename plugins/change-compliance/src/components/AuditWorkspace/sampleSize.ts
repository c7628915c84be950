import { SampleBounds } from './policySummary';

/** The size the auditor typed, or why the backend would refuse it. */
export function parseSampleSize(
  text: string,
  bounds: SampleBounds,
): { size: number } | { problem: string } {
  const size = Number(text);
  if (text.trim() === '' || !Number.isInteger(size)) {
    return { problem: 'Enter a whole number of changes.' };
  }
  if (size < bounds.min || size > bounds.max) {
    return {
      problem: `Between ${bounds.min} and ${bounds.max}, as the policy allows.`,
    };
  }
  return { size };
}
