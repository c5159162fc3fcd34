import { z } from 'zod';
import { EpochMs } from './common';
import { Person } from './person';

/** [startMs, endMs] of a stretch actually played. */
export const WatchedRange = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

/** POST /api/media/:id/views: what the player played since its last report. */
export const ViewReport = z.object({
  ranges: z.array(WatchedRange).max(500, { message: 'Report at most 500 ranges at a time' }),
});
export type ViewReport = z.infer<typeof ViewReport>;

export const ViewReportResult = z.object({
  watchedMs: z.number().int(),
  counted: z.boolean().describe('It counts as a view (5 s or 75 % watched)'),
});

/** One addressed person and what they watched (named receipts only). */
export const PersonViews = z.object({
  person: Person,
  watchedMs: z.number().int(),
  /** 0–100 of the duration; 0 while the duration is unknown. */
  percent: z.number().min(0).max(100),
  ranges: z.array(WatchedRange),
  counted: z.boolean(),
  lastAt: EpochMs.nullable(),
});
export type PersonViews = z.infer<typeof PersonViews>;

/** GET /api/media/:id/views: for the recording's author only. */
export const MediaViews = z
  .object({
    durationMs: z.number().int().nullable(),
    /** False when the workspace turned named receipts off: counts only, `people` is empty. */
    named: z.boolean(),
    people: z.array(PersonViews).describe('Everyone the thread is addressed to, watched or not'),
    counts: z.object({
      addressed: z.number().int(),
      /** Addressed people whose view counted. */
      viewed: z.number().int(),
      /** Addressed people who played any of it. */
      started: z.number().int(),
    }),
    linkViews: z.object({
      viewers: z.number().int().describe('Share-link viewers who played any of it'),
      counted: z.number().int().describe('…of whom watched 5 s or 75 %'),
    }),
  })
  .meta({ id: 'MediaViews' });
export type MediaViews = z.infer<typeof MediaViews>;

/** On each of the owner's own recordings in GET /api/me/media: counts only, never names. */
export const MediaViewsSummary = z
  .object({
    people: z.number().int().describe('Other people with an account whose view counted (5 s or 75 %)'),
    linkViews: z.number().int().describe('Share-link viewers whose view counted'),
    /** When one of those viewers last played it; null while nobody's view counted. */
    lastViewedAt: EpochMs.nullable(),
  })
  .meta({ id: 'MediaViewsSummary' });
export type MediaViewsSummary = z.infer<typeof MediaViewsSummary>;
