import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateSpaceRequest,
  Space,
  SpaceList,
  SpaceMemberList,
  ThreadSummaryList,
  type UpdateSpaceRequest,
} from '@tidings/contracts';
import { accepted, api } from '../../api/client';

const enc = encodeURIComponent;
export const spacesKey = ['spaces'] as const;

export const spacesQuery = queryOptions({
  queryKey: spacesKey,
  queryFn: ({ signal }) => api.get('/api/spaces', SpaceList, signal),
});

export function useSpaces() {
  return useQuery(spacesQuery);
}

export function useSpace(id: string) {
  return useQuery(
    queryOptions({
      queryKey: [...spacesKey, id],
      queryFn: ({ signal }) => api.get(`/api/spaces/${enc(id)}`, Space, signal),
    }),
  );
}

export function useSpaceMembers(id: string) {
  return useQuery(
    queryOptions({
      queryKey: [...spacesKey, id, 'members'],
      queryFn: ({ signal }) => api.get(`/api/spaces/${enc(id)}/members`, SpaceMemberList, signal),
    }),
  );
}

export function useSpaceThreads(id: string) {
  return useQuery(
    queryOptions({
      queryKey: ['space-threads', id],
      queryFn: ({ signal }) => api.get(`/api/spaces/${enc(id)}/threads`, ThreadSummaryList, signal),
    }),
  );
}

function useRefreshSpaces() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: spacesKey });
}

export function useCreateSpace() {
  const refresh = useRefreshSpaces();
  return useMutation({
    mutationFn: (body: CreateSpaceRequest) => api.post('/api/spaces', body, Space),
    onSettled: refresh,
  });
}

export function useUpdateSpace(id: string) {
  const refresh = useRefreshSpaces();
  return useMutation({
    mutationFn: (body: UpdateSpaceRequest) => api.patch(`/api/spaces/${enc(id)}`, body, Space),
    onSettled: refresh,
  });
}

export function useMembership() {
  const refresh = useRefreshSpaces();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'join' | 'leave' }) =>
      api.post(`/api/spaces/${enc(id)}/${action}`, {}, accepted),
    onSettled: refresh,
  });
}

export function useAddSpaceMembers(id: string) {
  const refresh = useRefreshSpaces();
  return useMutation({
    mutationFn: (userIds: string[]) => api.post(`/api/spaces/${enc(id)}/members`, { userIds }, accepted),
    onSettled: refresh,
  });
}

export function useRemoveSpaceMember(id: string) {
  const refresh = useRefreshSpaces();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/api/spaces/${enc(id)}/members/${enc(userId)}`, accepted),
    onSettled: refresh,
  });
}
