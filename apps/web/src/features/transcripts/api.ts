import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Transcript } from '@tidings/contracts';
import { api } from '../../api/client';

const enc = encodeURIComponent;

/** Under ['media', id] so the live `media.updated` event refreshes it with the media. */
export const transcriptKey = (mediaId: string) => ['media', mediaId, 'transcript'] as const;

export const captionsUrl = (mediaId: string, version?: number | null) =>
  `/api/media/${enc(mediaId)}/captions.vtt${version ? `?v=${version}` : ''}`;

export const captionsDownloadUrl = (mediaId: string) => `/api/media/${enc(mediaId)}/captions.vtt?download=1`;

const working = (t: Transcript | undefined) => t?.status === 'pending' || t?.status === 'running';

export function transcriptQuery(mediaId: string) {
  return queryOptions({
    queryKey: transcriptKey(mediaId),
    queryFn: ({ signal }) => api.get(`/api/media/${enc(mediaId)}/transcript`, Transcript, signal),
    // Live events refresh it too; the poll covers a dropped event stream while it works.
    refetchInterval: (query) => (working(query.state.data) ? 2000 : false),
    retry: false,
  });
}

/** The transcript of ready media (null while the media itself is not ready). */
export function useTranscript(mediaId: string, enabled: boolean) {
  return useQuery({ ...transcriptQuery(mediaId), enabled });
}

export function useCorrectTranscript(mediaId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (corrections: Array<{ index: number; text: string }>) =>
      api.patch(`/api/media/${enc(mediaId)}/transcript`, { corrections }, Transcript),
    onSuccess: (transcript) => client.setQueryData(transcriptKey(mediaId), transcript),
  });
}

export function useRetryTranscript(mediaId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/media/${enc(mediaId)}/transcript/retry`, {}, Transcript),
    onSuccess: (transcript) => client.setQueryData(transcriptKey(mediaId), transcript),
  });
}
