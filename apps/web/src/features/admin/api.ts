import { queryOptions, useQuery } from '@tanstack/react-query';
import { MailStatus, OutboxList } from '@tidings/contracts';
import { api } from '../../api/client';
import { ApiRequestError } from '../../api/errors';

export const outboxQuery = queryOptions({
  queryKey: ['admin', 'outbox'],
  queryFn: ({ signal }) => api.get('/api/admin/outbox?limit=200', OutboxList, signal),
  refetchInterval: 30_000,
});

export const mailStatusQuery = queryOptions({
  queryKey: ['admin', 'mail-status'],
  queryFn: ({ signal }) => api.get('/api/admin/mail-status', MailStatus, signal),
  refetchInterval: 30_000,
});

/** The raw RFC 5322 message; the server answers text/plain, not JSON. */
async function fetchRaw(id: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(`/api/admin/outbox/${encodeURIComponent(id)}`, {
    credentials: 'same-origin',
    headers: { accept: 'text/plain' },
    signal,
  });
  if (!response.ok) {
    throw new ApiRequestError({
      status: response.status,
      code: `http_${response.status}`,
      message:
        response.status === 404
          ? 'That email is no longer in the outbox.'
          : 'Could not read that email. Try again.',
    });
  }
  return response.text();
}

export function useOutbox(enabled: boolean) {
  return useQuery({ ...outboxQuery, enabled });
}

export function useMailStatus(enabled: boolean) {
  return useQuery({ ...mailStatusQuery, enabled });
}

export function useOutboxMessage(id: string | null) {
  return useQuery({
    queryKey: ['admin', 'outbox', id],
    queryFn: ({ signal }) => fetchRaw(id ?? '', signal),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The headers of a raw message, unfolded (RFC 5322 continuation lines joined). */
export function parseHeaders(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return headers;
}
