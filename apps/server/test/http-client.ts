/** A person signed in over real HTTP: their session cookie, CSRF token and id. */
export interface Caller {
  cookie: string;
  csrf: string;
  userId: string;
}

/** JSON over real HTTP, as a browser would send it (cookie + CSRF token on writes). */
export async function call(base: string, method: string, path: string, body?: unknown, as?: Caller) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrf } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  return { json, cookie };
}

/** The caller behind a sign-in, setup or invite answer (`{user, csrfToken}` or `{session: …}`). */
export function signedIn(result: { json: Record<string, unknown>; cookie?: string | undefined }): Caller {
  const session = (result.json.session ?? result.json) as Record<string, unknown>;
  const user = session.user as { id: string };
  return { cookie: result.cookie ?? '', csrf: session.csrfToken as string, userId: user.id };
}

/** First-run setup over HTTP: the workspace owner Ana, signed in. */
export async function setUpOwner(base: string): Promise<Caller> {
  return signedIn(
    await call(base, 'POST', '/api/setup', {
      workspaceName: 'Acme',
      timeZone: 'Europe/Lisbon',
      name: 'Ana Owner',
      email: 'ana@example.com',
      password: 'correct horse battery',
    }),
  );
}
