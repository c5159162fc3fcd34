import type { CorrectTranscriptRequest, Transcript } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { conflict, forbidden, invalid } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { announceMediaUpdated } from '../media/announce';
import type { MediaService } from '../media/media.service';
import { presentTranscript, wordsOf } from './present';
import { buildVtt, wordsText } from './segments';
import { enqueueTranscription, OFF_MESSAGE, sttOf } from './transcribe.job';
import { indexTranscript, transcriptsRepository } from './transcripts.repository';

/** Transcripts follow their media's access: whoever may GET /api/media/:id may read it. */
export function transcriptsService(ctx: AppContext, media: MediaService) {
  const transcripts = transcriptsRepository(ctx.db);
  const engineOff = () => {
    const stt = sttOf(ctx);
    return stt === null || stt.name === 'none';
  };

  async function findOwn(actor: Actor, mediaId: string) {
    const visible = await media.getMedia(actor, mediaId);
    if (visible.owner.id !== actor.user.id)
      throw forbidden('Only the person who recorded this can change its transcript.');
    return visible;
  }

  const announce = (ownerId: string, mediaId: string) => announceMediaUpdated(ctx, ownerId, mediaId);

  return {
    async getTranscript(actor: Actor, mediaId: string): Promise<Transcript> {
      await media.getMedia(actor, mediaId);
      return presentTranscript(mediaId, await transcripts.find(mediaId), engineOff() ? OFF_MESSAGE : null);
    },

    /** The author's corrections: new text, same times; logged, and search and captions follow. */
    async correctTranscript(
      actor: Actor,
      mediaId: string,
      input: z.output<typeof CorrectTranscriptRequest>,
    ): Promise<Transcript> {
      await findOwn(actor, mediaId);
      const row = await transcripts.find(mediaId);
      if (row?.status !== 'done') throw conflict('This recording has no finished transcript to correct yet.');
      const words = wordsOf(row);
      const now = ctx.now();
      const log: Parameters<typeof transcripts.logCorrections>[0] = [];
      for (const { index, text } of input.corrections) {
        const word = words[index];
        if (!word)
          throw invalid(`There is no word ${index} in this transcript.`, {
            corrections: 'Unknown word index',
          });
        if (word.text === text) continue;
        log.push({
          media_id: mediaId,
          word_index: index,
          before: word.text,
          text,
          corrected_by: actor.user.id,
          corrected_at: now,
        });
        words[index] = { ...word, text, edited: true };
      }
      await ctx.db.transaction().execute(async (trx) => {
        const inTrx = transcriptsRepository(trx);
        await inTrx.update(mediaId, {
          words: JSON.stringify(words),
          text: wordsText(words),
          updated_at: now,
        });
        await inTrx.logCorrections(log);
        await indexTranscript(trx, mediaId);
      });
      await announce(actor.user.id, mediaId);
      return presentTranscript(mediaId, await transcripts.find(mediaId), null);
    },

    /** WebVTT captions from the (corrected) words; empty cue list until there is a transcript. */
    async captions(actor: Actor, mediaId: string): Promise<string> {
      await media.getMedia(actor, mediaId);
      const row = await transcripts.find(mediaId);
      return buildVtt(row?.status === 'done' ? wordsOf(row) : []);
    },

    /** Runs transcription (and the silence map) again, e.g. after a failure or an engine change. */
    async retryTranscript(actor: Actor, mediaId: string): Promise<Transcript> {
      const visible = await findOwn(actor, mediaId);
      if (visible.status !== 'ready') throw conflict('The recording is not ready yet.');
      await transcripts.reset(mediaId, ctx.now());
      await indexTranscript(ctx.db, mediaId);
      await enqueueTranscription(ctx, mediaId);
      await announce(actor.user.id, mediaId);
      return presentTranscript(mediaId, await transcripts.find(mediaId), null);
    },

    /** The media is being deleted: its transcript and search documents go with it. */
    removeTranscript: (mediaId: string) => transcripts.delete(mediaId),
  };
}
export type TranscriptsService = ReturnType<typeof transcriptsService>;
