import { useQuery } from '@tanstack/react-query';
import { MediaViews, ViewReportResult } from '@tidings/contracts';
import { request } from '../../api/client';

const enc = encodeURIComponent;

/** Sends what was played; `keepalive` lets the last report leave with the page. */
export function reportWatched(mediaId: string, ranges: [number, number][]) {
  return request('POST', `/api/media/${enc(mediaId)}/views`, {
    body: { ranges },
    schema: ViewReportResult,
    keepalive: true,
  });
}

/** Who watched the caller's recording (author only); refreshed while the panel is open. */
export function useMediaViews(mediaId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['media-views', mediaId],
    queryFn: ({ signal }) =>
      request('GET', `/api/media/${enc(mediaId)}/views`, { schema: MediaViews, signal }),
    enabled,
    refetchInterval: 30_000,
  });
}
