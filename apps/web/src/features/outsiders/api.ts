import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AddRecipientsAnswer,
  type AddRecipientsRequest,
  Ok,
  OutsiderContext,
  OutsiderList,
  PrivateLink,
  RedeemLinkAnswer,
} from '@tidings/contracts';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { forgetSession, startSession } from '../../api/queryClient';

const enc = encodeURIComponent;

/** Remembered for this tab: when an outsider's session ends, the app shows the "link gone" page. */
const OUTSIDER_FLAG = 'tidings.outsider';
export const markOutsiderTab = () => sessionStorage.setItem(OUTSIDER_FLAG, '1');
export const isOutsiderTab = () => sessionStorage.getItem(OUTSIDER_FLAG) === '1';
export const LINK_GONE_PATH = '/link-gone';
export const SIGNED_OUT_PATH = '/x-signed-out';

/** An outsider has no sign-in page to go back to: signing out leads to a page saying how to return. */
export function useOutsiderSignOut() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-out', undefined, Ok),
    onSettled: () => {
      forgetSession({ onPurpose: true });
      navigate(SIGNED_OUT_PATH, { replace: true });
    },
  });
}

export function useRedeemLink() {
  return useMutation({
    mutationFn: (token: string) => api.post('/api/outsiders/redeem', { token }, RedeemLinkAnswer),
    onSuccess: (answer) => {
      markOutsiderTab();
      startSession(answer.session);
    },
  });
}

export function useOutsiderContext(enabled: boolean) {
  return useQuery({
    queryKey: ['outsider-context'],
    queryFn: ({ signal }) => api.get('/api/outsiders/me', OutsiderContext, signal),
    enabled,
  });
}

const outsidersKey = (threadId: string) => ['thread-outsiders', threadId] as const;

export function useThreadOutsiders(threadId: string, enabled: boolean) {
  return useQuery({
    queryKey: outsidersKey(threadId),
    queryFn: ({ signal }) => api.get(`/api/threads/${enc(threadId)}/outsiders`, OutsiderList, signal),
    enabled,
  });
}

export function useRevokeOutsider(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/api/threads/${enc(threadId)}/outsiders/${enc(userId)}`, Ok),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: outsidersKey(threadId) });
      client.invalidateQueries({ queryKey: ['thread', threadId] });
    },
  });
}

export function useNewPrivateLink(threadId: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      api.post(`/api/threads/${enc(threadId)}/outsiders/${enc(userId)}/links`, undefined, PrivateLink),
  });
}

/** Adds people, spaces and email addresses to a thread under way; the answer says who was added. */
export function useAddRecipients(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AddRecipientsRequest) =>
      api.post(`/api/threads/${enc(threadId)}/recipients`, body, AddRecipientsAnswer),
    onSuccess: (answer) => {
      client.setQueryData(['thread', threadId], answer.thread);
      void client.invalidateQueries({ queryKey: outsidersKey(threadId) });
    },
  });
}
