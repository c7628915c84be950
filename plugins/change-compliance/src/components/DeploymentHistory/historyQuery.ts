import {
  CheckId,
  DeploymentQuery,
  DeploymentVerdict,
} from '@change-compliance/plugin-change-compliance-common';
import { useCallback, useMemo, useState } from 'react';
import { DEFAULT_PERIOD_DAYS, periodStart } from '../../compliance/period';

/** `all` is a choice the viewer made; an unset verdict lets the view put exceptions first. */
export type VerdictChoice = DeploymentVerdict | 'all';

export interface HistoryFilters {
  periodDays: number;
  environment?: string;
  verdict?: VerdictChoice;
  /** Only deployments where this check failed. */
  check?: CheckId;
}

export const PAGE_SIZES = [25, 50, 100];

/**
 * The verdict the history is filtered on. The API lists newest first and has no "failing first"
 * order, so until the viewer picks a verdict the history opens on the exceptions when the period
 * has any, and on everything when it has none.
 */
export function effectiveVerdict(
  chosen: VerdictChoice | undefined,
  exceptionsInPeriod: number | undefined,
): VerdictChoice {
  if (chosen) return chosen;
  return exceptionsInPeriod && exceptionsInPeriod > 0 ? 'exception' : 'all';
}

/**
 * The filters and page of the deployment history. Every filter change goes back to the first
 * page: page 7 of one filter is not page 7 of another.
 */
export function useHistoryQuery() {
  const [filters, setFilters] = useState<HistoryFilters>({
    periodDays: DEFAULT_PERIOD_DAYS,
  });
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const from = useMemo(
    () => periodStart(filters.periodDays, new Date()),
    [filters.periodDays],
  );

  const changeFilters = useCallback((change: Partial<HistoryFilters>) => {
    setFilters(current => ({ ...current, ...change }));
    setPage(0);
  }, []);
  const clearFilters = useCallback(() => {
    setFilters(current => ({ periodDays: current.periodDays, verdict: 'all' }));
    setPage(0);
  }, []);
  const changePageSize = useCallback((size: number) => {
    setPageSize(size);
    setPage(0);
  }, []);

  return {
    filters,
    from,
    page,
    pageSize,
    changeFilters,
    clearFilters,
    setPage,
    setPageSize: changePageSize,
  };
}

/** The API query of the history's filters (the page is added by the table). */
export function deploymentQuery(
  from: string,
  filters: HistoryFilters,
  verdict: VerdictChoice,
): DeploymentQuery {
  return {
    from,
    environment: filters.environment,
    verdict: verdict === 'all' ? undefined : verdict,
    check: filters.check,
  };
}
