import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateThreadRequest,
  Post,
  PostRevisionList,
  type ReplyRequest,
  Thread,
} from '@tidings/contracts';
import { accepted, api } from '../../api/client';
import { inboxKey } from '../inbox/api';

const enc = encodeURIComponent;

export function threadQuery(id: string) {
  return queryOptions({
    queryKey: ['thread', id],
    queryFn: ({ signal }) => api.get(`/api/threads/${enc(id)}`, Thread, signal),
  });
}

export function useThread(id: string) {
  return useQuery(threadQuery(id));
}

export function useRevisions(postId: string, enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: ['revisions', postId],
      queryFn: ({ signal }) => api.get(`/api/posts/${enc(postId)}/revisions`, PostRevisionList, signal),
      enabled,
    }),
  );
}

/** Refetch the thread and the inbox after any change made from the thread page. */
function useRefresh(threadId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['thread', threadId] }),
      client.invalidateQueries({ queryKey: inboxKey }),
    ]);
}

export function useCreateThread() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateThreadRequest) => api.post('/api/threads', body, Thread),
    onSuccess: (thread) => {
      client.setQueryData(threadQuery(thread.id).queryKey, thread);
      void client.invalidateQueries({ queryKey: inboxKey });
      void client.invalidateQueries({ queryKey: ['urgent-stats'] });
    },
  });
}

export function useReply(threadId: string) {
  const refresh = useRefresh(threadId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplyRequest) => api.post(`/api/threads/${enc(threadId)}/posts`, body, Post),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['urgent-stats'] }),
    onSettled: refresh,
  });
}

export function useEditPost(threadId: string) {
  const refresh = useRefresh(threadId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, body }: { postId: string; body: string }) =>
      api.patch(`/api/posts/${enc(postId)}`, { body }, accepted),
    onSuccess: (_data, { postId }) => void client.invalidateQueries({ queryKey: ['revisions', postId] }),
    onSettled: refresh,
  });
}

export function useDeletePost(threadId: string) {
  const refresh = useRefresh(threadId);
  return useMutation({
    mutationFn: (postId: string) => api.delete(`/api/posts/${enc(postId)}`, accepted),
    onSettled: refresh,
  });
}

export function useAnswer(threadId: string) {
  const refresh = useRefresh(threadId);
  return useMutation({
    mutationFn: ({ postId, how }: { postId: string; how: 'answered' | 'decided' }) =>
      api.post(`/api/posts/${enc(postId)}/answer`, { how }, accepted),
    onSettled: refresh,
  });
}

export function useThreadAction(threadId: string) {
  const refresh = useRefresh(threadId);
  return useMutation({
    mutationFn: (action: 'resolve' | 'reopen') =>
      api.post(`/api/threads/${enc(threadId)}/${action}`, {}, accepted),
    onSettled: refresh,
  });
}

export function useSubscription(threadId: string) {
  const refresh = useRefresh(threadId);
  return useMutation({
    mutationFn: (mode: 'follow' | 'mute' | 'default') =>
      api.put(`/api/threads/${enc(threadId)}/subscription`, { mode }, accepted),
    onSettled: refresh,
  });
}

/** Opening a thread marks it seen (receipts for the senders, unread off in the inbox). */
export function useMarkRead(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/threads/${enc(threadId)}/read`, {}, accepted),
    onSuccess: () => void client.invalidateQueries({ queryKey: inboxKey }),
  });
}
