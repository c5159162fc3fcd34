import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreatedReaction, MediaMoments, Post } from '@tidings/contracts';
import { accepted, api } from '../../api/client';

const enc = encodeURIComponent;

export const momentsKey = (mediaId: string) => ['moments', mediaId] as const;

export function momentsQuery(mediaId: string) {
  return queryOptions({
    queryKey: momentsKey(mediaId),
    queryFn: ({ signal }) => api.get(`/api/media/${enc(mediaId)}/moments`, MediaMoments, signal),
  });
}

export function useMoments(mediaId: string, enabled: boolean) {
  return useQuery({ ...momentsQuery(mediaId), enabled });
}

/** Refetch the marks and the thread the comment lands in. */
function useRefresh(mediaId: string, threadId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: momentsKey(mediaId) }),
      client.invalidateQueries({ queryKey: ['thread', threadId] }),
      client.invalidateQueries({ queryKey: ['inbox'] }),
    ]);
}

/** A written comment at `atMs`: a post in the recording's thread. */
export function useCommentAt(mediaId: string, threadId: string) {
  const refresh = useRefresh(mediaId, threadId);
  return useMutation({
    mutationFn: ({ body, atMs }: { body: string; atMs: number }) =>
      api.post(
        `/api/threads/${enc(threadId)}/posts`,
        { body, moment: { mediaId, atMs: Math.round(atMs) } },
        Post,
      ),
    onSettled: refresh,
  });
}

export function useReact(mediaId: string, threadId: string) {
  const refresh = useRefresh(mediaId, threadId);
  return useMutation({
    mutationFn: ({ emoji, atMs }: { emoji: string; atMs: number }) =>
      api.post(`/api/media/${enc(mediaId)}/reactions`, { emoji, atMs: Math.round(atMs) }, CreatedReaction),
    onSettled: refresh,
  });
}

export function useUnreact(mediaId: string, threadId: string) {
  const refresh = useRefresh(mediaId, threadId);
  return useMutation({
    mutationFn: (reactionId: string) =>
      api.delete(`/api/media/${enc(mediaId)}/reactions/${enc(reactionId)}`, accepted),
    onSettled: refresh,
  });
}
