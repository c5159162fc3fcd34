import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AcceptInviteRequest,
  CreatedInvite,
  type CreateInviteRequest,
  InviteList,
  InvitePreview,
  Ok,
  SessionInfo,
} from '@tidings/contracts';
import { api } from '../../api/client';
import { startSession } from '../../api/session';

const invitesKey = ['invites'] as const;
const byToken = (token: string) => `/api/invites/by-token/${encodeURIComponent(token)}`;

export function useInvitePreview(token: string) {
  return useQuery(
    queryOptions({
      queryKey: ['invite-preview', token],
      queryFn: ({ signal }) => api.get(byToken(token), InvitePreview, signal),
      staleTime: Number.POSITIVE_INFINITY,
    }),
  );
}

export function useAcceptInvite(token: string) {
  return useMutation({
    mutationFn: (body: AcceptInviteRequest) => api.post(`${byToken(token)}/accept`, body, SessionInfo),
    onSuccess: startSession,
  });
}

/** Pending, accepted and revoked invites; only admins and the owner may list them. */
export function useInvites(enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: invitesKey,
      queryFn: ({ signal }) => api.get('/api/invites', InviteList, signal),
      enabled,
    }),
  );
}

export function useCreateInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInviteRequest) => api.post('/api/invites', body, CreatedInvite),
    onSuccess: () => client.invalidateQueries({ queryKey: invitesKey }),
  });
}

export function useRevokeInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/invites/${encodeURIComponent(id)}`, Ok),
    onSettled: () => client.invalidateQueries({ queryKey: invitesKey }),
  });
}
