import { z } from 'zod';
import { EpochMs, Id } from './common';

export const AttentionQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(26).default(8).describe('How many ISO weeks, this one included'),
});

const Minutes = z.number().nullable().describe('Minutes; null when there is nothing to measure');

/** One ISO week of how someone's attention was treated (or, for the team, the sum of everyone's). */
export const AttentionWeek = z
  .object({
    week: z.string().describe('ISO week, e.g. "2026-W49", in the person\'s own time zone'),
    startsAt: EpochMs.describe('Monday 00:00 local'),
    urgentSent: z.number().int(),
    urgentReceived: z.number().int(),
    notificationsDelivered: z.number().int().describe('In-app and email notifications and digests delivered'),
    notificationsOutsideHours: z
      .number()
      .int()
      .describe(
        "Of those, delivered outside the recipient's working hours (should be 0; confirmed urgent posts are the only exception)",
      ),
    asksDue: z
      .number()
      .int()
      .describe('reply_by / decision_by asks whose due time fell in this week and has passed'),
    asksAnsweredInTime: z.number().int(),
    answeredInTimeShare: z.number().min(0).max(1).nullable().describe('asksAnsweredInTime ÷ asksDue'),
    medianMinutesToAnswer: z.object({
      reply: Minutes,
      reply_by: Minutes,
      decision_by: Minutes,
      urgent: Minutes,
    }),
    mediaMinutesReceived: z.number().describe('Minutes of video and voice received (0 until media exists)'),
  })
  .meta({ id: 'AttentionWeek' });
export type AttentionWeek = z.infer<typeof AttentionWeek>;

export const AttentionReport = z.object({
  timeZone: z.string(),
  weeks: z.array(AttentionWeek).describe('Oldest first, the current week last'),
});
export type AttentionReport = z.infer<typeof AttentionReport>;

export const TeamAttentionReport = z.object({
  weeks: z.array(AttentionWeek).describe('Team totals per ISO week (each person bucketed in their own zone)'),
  people: z.array(
    z.object({
      person: z.object({ id: Id, name: z.string() }),
      timeZone: z.string(),
      weeks: z.array(AttentionWeek),
    }),
  ),
});
export type TeamAttentionReport = z.infer<typeof TeamAttentionReport>;
