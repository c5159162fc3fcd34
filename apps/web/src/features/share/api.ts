import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CreatedShareLink,
  type CreateShareLinkRequest,
  type Media,
  Ok,
  type ShareCommentRequest,
  ShareCommentResult,
  SharedContent,
  type SharedMedia,
  ShareLink,
  ShareLinkList,
  type ShareTargetKind,
} from '@tidings/contracts';
import { accepted, api } from '../../api/client';
import { ApiRequestError } from '../../api/errors';

const enc = encodeURIComponent;

// ---- Members: the "Share…" dialog ---------------------------------------------------------

export const shareLinksKey = (kind: ShareTargetKind, id: string) => ['share-links', kind, id] as const;

export function useShareLinks(kind: ShareTargetKind, id: string, enabled: boolean) {
  return useQuery({
    queryKey: shareLinksKey(kind, id),
    queryFn: ({ signal }) => api.get(`/api/share-links?kind=${kind}&id=${enc(id)}`, ShareLinkList, signal),
    enabled,
    // View counts change while nobody here acts: ask afresh each time the dialog opens.
    staleTime: 0,
  });
}

export function useCreateShareLink(kind: ShareTargetKind, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<CreateShareLinkRequest, 'kind' | 'id'>) =>
      api.post('/api/share-links', { kind, id, ...input }, CreatedShareLink),
    onSuccess: () => client.invalidateQueries({ queryKey: shareLinksKey(kind, id) }),
  });
}

export function useRevokeShareLink(kind: ShareTargetKind, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => api.post(`/api/share-links/${enc(linkId)}/revoke`, {}, ShareLink),
    onSuccess: () => client.invalidateQueries({ queryKey: shareLinksKey(kind, id) }),
  });
}

// ---- Link viewers (no account) ------------------------------------------------------------

/**
 * What the public page can be in. Locked and gone are answers, not errors: a 401 here must not
 * look like a lost session to the app's query cache (that would sign a member out).
 */
export type SharedState = { state: 'open'; content: SharedContent } | { state: 'locked' } | { state: 'gone' };

export const sharedKey = (token: string) => ['shared-link', token] as const;

async function fetchShared(token: string, signal: AbortSignal): Promise<SharedState> {
  try {
    return { state: 'open', content: await api.get(`/api/s/${enc(token)}`, SharedContent, signal) };
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'share_password_required')
      return { state: 'locked' };
    if (error instanceof ApiRequestError && error.status === 404) return { state: 'gone' };
    throw error;
  }
}

function stillWorking(data: SharedState | undefined): boolean {
  if (data?.state !== 'open') return false;
  const { media, posts } = data.content;
  const all = [...(media ? [media] : []), ...posts.flatMap((p) => p.media)];
  return all.some(
    (m) =>
      m.status === 'processing' ||
      m.status === 'uploading' ||
      m.transcript?.status === 'pending' ||
      m.transcript?.status === 'running',
  );
}

export function useShared(token: string) {
  return useQuery({
    queryKey: sharedKey(token),
    queryFn: ({ signal }) => fetchShared(token, signal),
    // Follow a transcript that is still being made; otherwise refresh before the signed media
    // URLs (10–15 minutes) lapse.
    refetchInterval: (query) => (stillWorking(query.state.data) ? 5000 : 8 * 60_000),
    refetchOnWindowFocus: false,
  });
}

export function useUnlock(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.post(`/api/s/${enc(token)}/unlock`, { password }, Ok),
    onSuccess: () => client.invalidateQueries({ queryKey: sharedKey(token) }),
  });
}

export function useShareComment(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ShareCommentRequest) =>
      api.post(`/api/s/${enc(token)}/comments`, input, ShareCommentResult),
    onSuccess: () => client.invalidateQueries({ queryKey: sharedKey(token) }),
  });
}

/** Best effort: what this viewer played, for the author's view counts. */
export function reportWatched(token: string, mediaId: string, ranges: Array<[number, number]>) {
  return api.post(`/api/s/${enc(token)}/views`, { mediaId, ranges }, accepted).catch(() => undefined);
}

/** The player takes the app's Media shape; a link viewer gets only what the page needs. */
export function asPlayable(m: SharedMedia): Media {
  return {
    id: m.id,
    kind: m.kind,
    source: 'recording',
    status: m.status,
    progress: null,
    error: null,
    owner: { id: '', name: m.authorName, avatarUrl: null },
    postId: null,
    title: m.title,
    mimeType: m.mimeType,
    uploadedBytes: 0,
    sizeBytes: null,
    durationMs: m.durationMs,
    width: m.width,
    height: m.height,
    playbackUrl: m.playbackUrl,
    posterUrl: m.posterUrl,
    previewUrl: null,
    myPositionMs: null,
    waveform: m.waveform,
    shareUrl: '',
    recordingStoppedAt: null,
    createdAt: m.createdAt,
    transcriptStatus: null,
    transcriptExcerpt: null,
  };
}
