import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  CreatedMedia,
  type CreateMediaRequest,
  Media,
  MediaList,
  WorkspaceSettings,
} from '@tidings/contracts';
import { accepted, api } from '../../api/client';

const enc = encodeURIComponent;

export const mediaKey = (id: string) => ['media', id] as const;

export function createMedia(request: CreateMediaRequest) {
  return api.post('/api/media', request, CreatedMedia);
}

/** The recorder stopped: the share link is live from now on. */
export function stopRecording(mediaId: string, durationMs: number) {
  return api.post(`/api/media/${enc(mediaId)}/stop`, { durationMs }, accepted);
}

/** Best effort: a cancelled recording should not linger on the server. */
export function discardMedia(mediaId: string) {
  return api.delete(`/api/media/${enc(mediaId)}`, accepted).catch(() => undefined);
}

export function savePosition(mediaId: string, positionMs: number) {
  return api.put(`/api/media/${enc(mediaId)}/position`, { positionMs: Math.round(positionMs) }, accepted);
}

const settled = (media: Media | undefined) => media?.status === 'ready' || media?.status === 'failed';

/** Refetch every second while the media is uploading or processing; stop once it settled. */
const pollUntilSettled = (query: { state: { data?: Media } }) => (settled(query.state.data) ? false : 1000);

export function mediaQuery(id: string) {
  return queryOptions({
    queryKey: mediaKey(id),
    queryFn: ({ signal }) => api.get(`/api/media/${enc(id)}`, Media, signal),
    refetchInterval: pollUntilSettled,
  });
}

export function useMedia(id: string, initial?: Media) {
  return useQuery({ ...mediaQuery(id), initialData: initial, staleTime: initial ? 1000 : 0 });
}

export function useSharedMedia(token: string) {
  return useQuery({
    queryKey: ['share', token],
    queryFn: ({ signal }) => api.get(`/api/share/${enc(token)}`, Media, signal),
    refetchInterval: pollUntilSettled,
  });
}

/**
 * Live events refresh the list; as a fallback it is polled every few seconds while something is
 * processing (an abandoned upload would poll forever), and every few minutes anyway so its signed poster URLs stay fresh.
 */
const myMediaInterval = (query: { state: { data?: MediaList } }) =>
  query.state.data?.media.some((m) => m.status === 'processing') ? 5000 : 4 * 60_000;

export function useMyMedia() {
  return useQuery({
    queryKey: ['my-media'],
    queryFn: ({ signal }) => api.get('/api/me/media', MediaList, signal),
    refetchInterval: myMediaInterval,
  });
}

const DEFAULT_MAX_MS = 30 * 60_000;

/** The workspace's maximum recording length; 30 minutes when the server does not say. */
export function useMaxRecordingMs(): number {
  const { data } = useQuery({
    queryKey: ['workspace-settings'],
    queryFn: ({ signal }) => api.get('/api/workspace/settings', WorkspaceSettings, signal).catch(() => null),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (data?.maxRecordingMinutes) return data.maxRecordingMinutes * 60_000;
  return DEFAULT_MAX_MS;
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
