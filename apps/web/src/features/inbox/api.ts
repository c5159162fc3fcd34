import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { InboxCounts, InboxPage, type InboxSection, UrgentStats } from '@tidings/contracts';
import { accepted, api } from '../../api/client';

export const inboxKey = ['inbox'] as const;

/** One section, 50 at a time; `nextBefore` is the server's opaque cursor. */
export function inboxQuery(section: InboxSection) {
  return infiniteQueryOptions({
    queryKey: [...inboxKey, 'section', section],
    queryFn: ({ signal, pageParam }) =>
      api.get(
        `/api/inbox?section=${section}&limit=50${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`,
        InboxPage,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    staleTime: 10_000,
  });
}

export const countsQuery = queryOptions({
  queryKey: [...inboxKey, 'counts'],
  queryFn: ({ signal }) => api.get('/api/inbox/counts', InboxCounts, signal),
  staleTime: 10_000,
});

export function useInbox(section: InboxSection) {
  return useInfiniteQuery(inboxQuery(section));
}

export function useInboxCounts() {
  return useQuery(countsQuery);
}

export type InboxAction = 'done' | 'undone' | 'unsnooze' | 'unread' | 'read';

/** done / undone / unread / read / unsnooze, and snooze with a time. */
export function useInboxAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      threadId,
      action,
      until,
    }: {
      threadId: string;
      action: InboxAction | 'snooze';
      until?: number;
    }) =>
      api.post(
        `/api/inbox/${encodeURIComponent(threadId)}/${action}`,
        action === 'snooze' ? { until } : {},
        accepted,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: inboxKey }),
  });
}

export function useUrgentStats(enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: ['urgent-stats'],
      queryFn: ({ signal }) => api.get('/api/me/urgent-stats', UrgentStats, signal),
      enabled,
    }),
  );
}
