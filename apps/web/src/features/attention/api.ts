import { queryOptions, useQuery } from '@tanstack/react-query';
import { AttentionReport, TeamAttentionReport } from '@tidings/contracts';
import { api } from '../../api/client';

export function myAttentionQuery(weeks: number) {
  return queryOptions({
    queryKey: ['attention', 'me', weeks],
    queryFn: ({ signal }) => api.get(`/api/me/attention?weeks=${weeks}`, AttentionReport, signal),
    staleTime: 60_000,
  });
}

export function teamAttentionQuery(weeks: number) {
  return queryOptions({
    queryKey: ['attention', 'team', weeks],
    queryFn: ({ signal }) => api.get(`/api/admin/attention?weeks=${weeks}`, TeamAttentionReport, signal),
    staleTime: 60_000,
  });
}

export function useMyAttention(weeks: number) {
  return useQuery(myAttentionQuery(weeks));
}

export function useTeamAttention(weeks: number, enabled = true) {
  return useQuery({ ...teamAttentionQuery(weeks), enabled });
}
