import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { SearchResults } from '@tidings/contracts';
import { api } from '../../api/client';

export interface SearchFilters {
  q: string;
  spaceId?: string;
  authorId?: string;
  has?: 'video' | 'voice';
  needsReply?: boolean;
  from?: number;
  to?: number;
}

export function searchPath(filters: SearchFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  return `/api/search?${params}`;
}

export function useSearch(filters: SearchFilters) {
  return useQuery(
    queryOptions({
      queryKey: ['search', filters],
      queryFn: ({ signal }) => api.get(searchPath(filters), SearchResults, signal),
      enabled: filters.q.trim().length > 0,
      placeholderData: keepPreviousData,
    }),
  );
}
