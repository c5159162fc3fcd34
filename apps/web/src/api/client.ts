import { ApiError } from '@tidings/contracts';
import { ApiRequestError } from './errors';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Any zod schema: the response is parsed with it, so callers get typed, checked data. */
export interface ResponseSchema<T> {
  parse(data: unknown): T;
}

export interface RequestOptions<T> {
  /** JSON-encoded unless it is FormData (sent as multipart, the browser sets the boundary). */
  body?: unknown;
  schema: ResponseSchema<T>;
  signal?: AbortSignal;
  /** Let the request outlive the page (reports sent on pagehide). */
  keepalive?: boolean;
}

let csrfToken: () => string | undefined = () => undefined;

/** Where the CSRF token comes from (the cached session); set once by the query client. */
export function setCsrfTokenSource(source: () => string | undefined): void {
  csrfToken = source;
}

export async function request<T>(method: Method, path: string, options: RequestOptions<T>): Promise<T> {
  const { body, schema, signal, keepalive } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal,
      ...(keepalive && { keepalive }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError({
      status: 0,
      code: 'network_error',
      message: 'Could not reach Tidings. Check your connection and try again.',
    });
  }

  const data = await readJson(response);
  if (!response.ok) throw toRequestError(response.status, data);
  try {
    return schema.parse(data);
  } catch {
    throw new ApiRequestError({
      status: response.status,
      code: 'invalid_response',
      message: 'The server sent an answer this page does not understand. Reload the page and try again.',
    });
  }
}

export const api = {
  get: <T>(path: string, schema: ResponseSchema<T>, signal?: AbortSignal) =>
    request('GET', path, { schema, signal }),
  post: <T>(path: string, body: unknown, schema: ResponseSchema<T>) =>
    request('POST', path, { body, schema }),
  patch: <T>(path: string, body: unknown, schema: ResponseSchema<T>) =>
    request('PATCH', path, { body, schema }),
  put: <T>(path: string, body: unknown, schema: ResponseSchema<T>) => request('PUT', path, { body, schema }),
  delete: <T>(path: string, schema: ResponseSchema<T>) => request('DELETE', path, { schema }),
};

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const fallbackMessages: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  403: 'You do not have permission to do that.',
  404: 'That could not be found. It may have been removed.',
  413: 'That file is too large.',
  415: 'That kind of file is not supported.',
  429: 'Too many attempts. Wait a minute and try again.',
};

function toRequestError(status: number, data: unknown): ApiRequestError {
  const parsed = ApiError.safeParse(data);
  if (parsed.success) return new ApiRequestError({ status, ...parsed.data.error });
  return new ApiRequestError({
    status,
    code: `http_${status}`,
    message:
      fallbackMessages[status] ?? `Something went wrong on the server (${status}). Try again in a moment.`,
  });
}

/** For actions whose answer the page does not read (it refetches instead). */
export const accepted: ResponseSchema<unknown> = { parse: (data) => data };
