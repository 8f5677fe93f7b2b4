import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Schema } from './schema-form';

export const PAGE_SIZES = [20, 50, 100] as const;

type Output<S> = S extends Schema<infer T> ? T : never;

export type ListFilters<U extends Record<string, Schema>, H extends string> = { [K in keyof U]?: Output<U[K]> } & {
  [K in H]?: string;
};

interface ListHistoryState {
  /** Free-text searches of the list on this history entry: kept out of the URL (they can name people). */
  listSearch?: Record<string, string>;
}

export interface ListState<F> {
  filters: F;
  page: number;
  pageSize: number;
  /** Changes some filters and goes back to page 1. */
  setFilters: (patch: Partial<{ [K in keyof F]: F[K] | undefined }>) => void;
  /** A new page; a new page size goes back to page 1, so the user never lands past the end. */
  setPage: (page: number, pageSize?: number) => void;
}

export interface ListStateSpec<U extends Record<string, Schema>, H extends string> {
  /** Filters kept in the query string, each checked with its contract schema: ids, codes and enums only, never names. */
  url: U;
  /** Free-text filters (name searches): kept in the history entry's state, so Back restores them, never in the URL. */
  history?: readonly H[];
  pageSize?: number;
  /** The URL may name any page size from 1 to 100, not only PAGE_SIZES (lists without a size picker). */
  anyPageSize?: boolean;
}

const pageNumber = (raw: string | null, fallback: number, max = 100_000) => {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
};

/**
 * The filters and page of a list page, kept in the URL (`?tier=red&page=2`) and the history entry, so Back from a
 * detail page returns to the same filtered page. Updates replace the history entry rather than add one.
 */
export function useListState<U extends Record<string, Schema>, H extends string = never>(
  spec: ListStateSpec<U, H>,
): ListState<ListFilters<U, H>> {
  const location = useLocation();
  const navigate = useNavigate();
  const defaultSize = spec.pageSize ?? PAGE_SIZES[0];
  const historyKeys = spec.history;
  const urlSpec = spec.url;

  return useMemo(() => {
    const readFilters = (search: string, state: ListHistoryState | null) => {
      const params = new URLSearchParams(search);
      const filters: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(urlSpec)) {
        const raw = params.get(key);
        if (raw === null || raw === '') continue;
        const parsed = schema.safeParse(raw);
        if (parsed.success) filters[key] = parsed.data;
      }
      for (const key of historyKeys ?? []) {
        const value = state?.listSearch?.[key];
        if (typeof value === 'string' && value) filters[key] = value;
      }
      return filters;
    };
    const params = new URLSearchParams(location.search);
    const state = (location.state ?? null) as (ListHistoryState & Record<string, unknown>) | null;
    const filters = readFilters(location.search, state);
    /**
     * The filters as the address bar has them now. React Router renders a navigation in a transition, so a click
     * right after a filter change can reach a closure from the render before it: reading the live URL (and history
     * state) keeps that filter instead of writing the stale ones back.
     */
    const liveFilters = () => {
      const live = (window.history.state as { usr?: ListHistoryState } | null)?.usr ?? null;
      return window.location.pathname === location.pathname ? readFilters(window.location.search, live) : filters;
    };
    const page = pageNumber(params.get('page'), 1);
    const sizeParam = pageNumber(params.get('pageSize'), defaultSize, 100);
    const pageSize =
      spec.anyPageSize || (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : defaultSize;

    const write = (next: Record<string, unknown>, nextPage: number, nextSize: number) => {
      const search = new URLSearchParams();
      for (const key of Object.keys(urlSpec)) {
        const value = next[key];
        if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, String(value));
      }
      if (nextPage > 1) search.set('page', String(nextPage));
      if (nextSize !== defaultSize) search.set('pageSize', String(nextSize));
      const listSearch: Record<string, string> = {};
      for (const key of historyKeys ?? []) {
        const value = next[key];
        if (typeof value === 'string' && value) listSearch[key] = value;
      }
      const qs = search.toString();
      void navigate(
        { pathname: location.pathname, search: qs ? `?${qs}` : '' },
        { replace: true, state: { ...(state ?? {}), listSearch } },
      );
    };

    return {
      filters: filters as ListFilters<U, H>,
      page,
      pageSize,
      setFilters: (patch) => write({ ...liveFilters(), ...patch }, 1, pageSize),
      setPage: (nextPage, nextSize = pageSize) => write(liveFilters(), nextSize === pageSize ? nextPage : 1, nextSize),
    };
  }, [
    location.search,
    location.state,
    location.pathname,
    navigate,
    urlSpec,
    historyKeys,
    defaultSize,
    spec.anyPageSize,
  ]);
}
