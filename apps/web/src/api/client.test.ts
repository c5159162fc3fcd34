import { Ok, User } from '@tidings/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, request, setCsrfTokenSource } from './client';
import { ApiRequestError, isSessionLost } from './errors';

const user = {
  id: 'u1',
  email: 'ana@example.com',
  name: 'Ana',
  role: 'member',
  timeZone: 'Europe/Lisbon',
  avatarUrl: null,
  createdAt: 1,
};

function respond(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(body === undefined ? '' : JSON.stringify(body), { status }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function sentHeaders(fetchMock: ReturnType<typeof respond>): Record<string, string> {
  return (fetchMock.mock.calls[0]?.[1]?.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfTokenSource(() => undefined);
});

describe('request', () => {
  it('parses the response with the schema', async () => {
    respond(200, user);
    await expect(api.get('/api/me', User)).resolves.toEqual(user);
  });

  it('sends the CSRF token on mutating requests only', async () => {
    setCsrfTokenSource(() => 'csrf-1');
    const post = respond(200, { ok: true });
    await api.post('/api/auth/sign-out', undefined, Ok);
    expect(sentHeaders(post)['x-csrf-token']).toBe('csrf-1');

    const get = respond(200, user);
    await api.get('/api/me', User);
    expect(sentHeaders(get)['x-csrf-token']).toBeUndefined();
  });

  it('encodes JSON bodies, and leaves multipart bodies to the browser', async () => {
    const json = respond(200, user);
    await api.patch('/api/me', { name: 'Ana' }, User);
    expect(sentHeaders(json)['content-type']).toBe('application/json');
    expect(json.mock.calls[0]?.[1]?.body).toBe('{"name":"Ana"}');

    const multipart = respond(200, user);
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'a.png');
    await request('PUT', '/api/me/avatar', { body: form, schema: User });
    expect(sentHeaders(multipart)['content-type']).toBeUndefined();
    expect(multipart.mock.calls[0]?.[1]?.body).toBe(form);
  });

  it('turns the API error shape into an ApiRequestError with fields', async () => {
    respond(400, {
      error: { code: 'validation_failed', message: 'Check the fields', fields: { email: 'Enter an email' } },
    });
    const error = await api.post('/api/setup', {}, User).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Check the fields',
      fields: { email: 'Enter an email' },
    });
  });

  it('explains statuses that come without the error shape', async () => {
    respond(413, undefined);
    await expect(
      request('PUT', '/api/me/avatar', { body: new FormData(), schema: User }),
    ).rejects.toMatchObject({
      status: 413,
      message: 'That file is too large.',
    });
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.get('/api/me', User)).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('rejects a response that does not match the contract', async () => {
    respond(200, { unexpected: true });
    await expect(api.get('/api/me', User)).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('isSessionLost', () => {
  it('is true for a 401 from a signed-in call, false for wrong credentials', () => {
    const lost = new ApiRequestError({ status: 401, code: 'unauthenticated', message: 'Sign in' });
    const wrong = new ApiRequestError({ status: 401, code: 'invalid_credentials', message: 'Wrong' });
    expect(isSessionLost(lost)).toBe(true);
    expect(isSessionLost(wrong)).toBe(false);
  });
});
