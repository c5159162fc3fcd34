import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { request, type Session, type TestApp } from '../../../test/harness';

export const DAY = 24 * 3600 * 1000;

/** Small wrappers over the HTTP API so each test reads as the story it tells. */
export function threadsApi(t: TestApp) {
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    as?: Session,
    payload?: object,
  ) => request(t.app, { method, url, ...(payload && { payload }) }, as);
  const created = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  return {
    call,
    startThread: (as: Session, payload: Record<string, unknown>) =>
      call('POST', '/api/threads', as, {
        subject: 'Slides for Friday',
        body: 'Could you look at the deck?',
        expectation: { kind: 'fyi' },
        ...payload,
      }),
    async thread(as: Session, payload: Record<string, unknown>) {
      return created(await this.startThread(as, payload));
    },
    reply: (as: Session, threadId: string, payload: Record<string, unknown>) =>
      call('POST', `/api/threads/${threadId}/posts`, as, { body: 'Thanks!', ...payload }),
    async replied(as: Session, threadId: string, payload: Record<string, unknown> = {}) {
      return created(await this.reply(as, threadId, payload));
    },
    get: (as: Session | undefined, threadId: string) => call('GET', `/api/threads/${threadId}`, as),
    space: async (as: Session, payload: Record<string, unknown>) =>
      created(await call('POST', '/api/spaces', as, { name: 'Design', ...payload })),
    inboxRow: (userId: string, threadId: string) =>
      t.ctx.db
        .selectFrom('inbox_items')
        .selectAll()
        .where('user_id', '=', userId)
        .where('thread_id', '=', threadId)
        .executeTakeFirst(),
  };
}
