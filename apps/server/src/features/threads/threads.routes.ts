import {
  AddRecipientsAnswer,
  AddRecipientsRequest,
  AnswerRequest,
  CreateThreadRequest,
  EditPostRequest,
  IdParams,
  Ok,
  Post,
  PostRevisionList,
  ReplyRequest,
  SubscriptionRequest,
  Thread,
  UrgentStats,
} from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function threadsRoutes(app: App, { threads, posts }: Services): void {
  const tags = ['threads'];

  app.post(
    '/threads',
    {
      schema: {
        tags,
        summary: 'Start a thread to people and spaces, with its first post',
        body: CreateThreadRequest,
        response: { 201: Thread, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await threads.createThread(requireActor(request), request.body)),
  );

  app.get(
    '/threads/:id',
    {
      schema: {
        tags,
        summary: 'A thread with its posts',
        params: IdParams,
        response: { 200: Thread, ...errorResponses },
      },
    },
    async (request) => threads.getThread(requireActor(request), request.params.id),
  );

  app.post(
    '/threads/:id/posts',
    {
      schema: {
        tags,
        summary: 'Reply in a thread',
        params: IdParams,
        body: ReplyRequest,
        response: { 201: Post, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await posts.reply(requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/threads/:id/recipients',
    {
      schema: {
        tags,
        summary: 'Add people, spaces or email addresses to a thread (outsiders get the thread so far)',
        params: IdParams,
        body: AddRecipientsRequest,
        response: { 200: AddRecipientsAnswer, ...errorResponses },
      },
    },
    async (request) => threads.addRecipients(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/threads/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve (its author or admins)',
        params: IdParams,
        response: { 200: Thread, ...errorResponses },
      },
    },
    async (request) => threads.resolveThread(requireActor(request), request.params.id),
  );

  app.post(
    '/threads/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen (its author or admins)',
        params: IdParams,
        response: { 200: Thread, ...errorResponses },
      },
    },
    async (request) => threads.reopenThread(requireActor(request), request.params.id),
  );

  app.put(
    '/threads/:id/subscription',
    {
      schema: {
        tags,
        summary: 'Follow, mute, or go back to the default for a thread',
        params: IdParams,
        body: SubscriptionRequest,
        response: { 200: Thread, ...errorResponses },
      },
    },
    async (request) => threads.setSubscription(requireActor(request), request.params.id, request.body.mode),
  );

  app.post(
    '/threads/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark every post seen',
        params: IdParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await threads.markRead(requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.patch(
    '/posts/:id',
    {
      schema: {
        tags,
        summary: 'Edit your post (history kept)',
        params: IdParams,
        body: EditPostRequest,
        response: { 200: Post, ...errorResponses },
      },
    },
    async (request) => posts.editPost(requireActor(request), request.params.id, request.body.body),
  );

  app.delete(
    '/posts/:id',
    {
      schema: {
        tags,
        summary: 'Delete a post (author or admins)',
        params: IdParams,
        response: { 200: Post, ...errorResponses },
      },
    },
    async (request) => posts.deletePost(requireActor(request), request.params.id),
  );

  app.get(
    '/posts/:id/revisions',
    {
      schema: {
        tags,
        summary: 'Earlier wordings of a post, newest first',
        params: IdParams,
        response: { 200: PostRevisionList, ...errorResponses },
      },
    },
    async (request) => posts.listRevisions(requireActor(request), request.params.id),
  );

  app.post(
    '/posts/:id/answer',
    {
      schema: {
        tags,
        summary: 'Mark what a post asks of you as answered or decided',
        params: IdParams,
        body: AnswerRequest,
        response: { 200: Post, ...errorResponses },
      },
    },
    async (request) => posts.answer(requireActor(request), request.params.id, request.body.how),
  );

  app.get(
    '/me/urgent-stats',
    {
      schema: {
        tags,
        summary: 'Urgent posts you sent in the last 7 days',
        response: { 200: UrgentStats, ...errorResponses },
      },
    },
    async (request) => threads.urgentStats(requireActor(request)),
  );
}
