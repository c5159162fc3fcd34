import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type DeliveryPreferences,
  DeliveryPreferencesView,
  DeliveryPreview,
  type DeliveryPreviewRequest,
  NotificationList,
  ScheduledPost,
  ScheduledPostList,
  type ScheduleRequest,
} from '@tidings/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';
import { sessionKey } from '../../api/queryClient';

export const deliveryKey = ['delivery'] as const;

export const preferencesQuery = queryOptions({
  queryKey: [...deliveryKey, 'preferences'],
  queryFn: ({ signal }) => api.get('/api/me/delivery', DeliveryPreferencesView, signal),
});

export const notificationsQuery = queryOptions({
  queryKey: [...deliveryKey, 'notifications'],
  queryFn: ({ signal }) => api.get('/api/me/notifications', NotificationList, signal),
  staleTime: 10_000,
});

export const scheduledQuery = queryOptions({
  queryKey: [...deliveryKey, 'scheduled'],
  queryFn: ({ signal }) => api.get('/api/me/scheduled', ScheduledPostList, signal),
});

export function usePreferences() {
  return useQuery(preferencesQuery);
}

export function useNotifications() {
  return useQuery(notificationsQuery);
}

export function useScheduled() {
  return useQuery(scheduledQuery);
}

/** Saving also moves the person's time zone, which lives on their profile: refresh the session. */
export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DeliveryPreferences) => api.put('/api/me/delivery', body, DeliveryPreferencesView),
    onSuccess: (view) => {
      client.setQueryData(preferencesQuery.queryKey, view);
      void client.invalidateQueries({ queryKey: sessionKey });
      void client.invalidateQueries({ queryKey: ['members'] });
    },
  });
}

export function useUpdateScheduled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, sendAt }: { id: string; sendAt: number }) =>
      api.patch(`/api/me/scheduled/${encodeURIComponent(id)}`, { sendAt }, ScheduledPost),
    onSettled: () => client.invalidateQueries({ queryKey: scheduledQuery.queryKey }),
  });
}

/** Keeps a new thread or a reply aside until `sendAt` (the composer's "At a set time"). */
export function useSchedulePost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ScheduleRequest>) => api.post('/api/me/scheduled', body, ScheduledPost),
    onSettled: () => client.invalidateQueries({ queryKey: scheduledQuery.queryKey }),
  });
}

export function useCancelScheduled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/me/scheduled/${encodeURIComponent(id)}`, ScheduledPost),
    onSettled: () => client.invalidateQueries({ queryKey: scheduledQuery.queryKey }),
  });
}

export type PreviewInput = z.input<typeof DeliveryPreviewRequest>;

/** The composer's preview; refreshed each minute, because local times move on. */
export function useDeliveryPreview(input: PreviewInput | null) {
  return useQuery({
    queryKey: [...deliveryKey, 'preview', input],
    queryFn: () => api.post('/api/delivery/preview', input, DeliveryPreview),
    enabled: input !== null,
    staleTime: 30_000,
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}
