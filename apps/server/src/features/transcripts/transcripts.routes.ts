import { CorrectTranscriptRequest, IdParams, Transcript } from '@tidings/contracts';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

const CaptionsQuery = z.object({
  download: z.stringbool().optional().describe('true: served as an attachment (captions.vtt)'),
});

export function transcriptsRoutes(app: App, { transcripts }: Services): void {
  const tags = ['transcripts'];

  app.get(
    '/media/:id/transcript',
    {
      schema: {
        tags,
        summary: 'The transcript and silence map of a recording (same access as the recording)',
        params: IdParams,
        response: { 200: Transcript, ...errorResponses },
      },
    },
    async (request) => transcripts.getTranscript(requireActor(request), request.params.id),
  );

  app.patch(
    '/media/:id/transcript',
    {
      schema: {
        tags,
        summary: "Correct words of the transcript (the recording's owner); times are kept",
        params: IdParams,
        body: CorrectTranscriptRequest,
        response: { 200: Transcript, ...errorResponses },
      },
    },
    async (request) => transcripts.correctTranscript(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/media/:id/transcript/retry',
    {
      schema: {
        tags,
        summary: 'Transcribe the recording again (its owner)',
        params: IdParams,
        response: { 200: Transcript, ...errorResponses },
      },
    },
    async (request) => transcripts.retryTranscript(requireActor(request), request.params.id),
  );

  app.get(
    '/media/:id/captions.vtt',
    {
      schema: {
        tags,
        summary: 'WebVTT captions built from the word times (following corrections)',
        params: IdParams,
        querystring: CaptionsQuery,
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const vtt = await transcripts.captions(requireActor(request), request.params.id);
      reply.header('content-type', 'text/vtt; charset=utf-8');
      reply.header('cache-control', 'private, no-cache');
      if (request.query.download) reply.header('content-disposition', 'attachment; filename="captions.vtt"');
      return vtt;
    },
  );
}
