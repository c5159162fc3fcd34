import { z } from 'zod';
import { EpochMs, Id, TimeZone } from './common';
import { CreateThreadRequest, ExpectationKind, Person, Recipients, ReplyRequest } from './threads';

/** A wall-clock time "HH:MM" (24 h); "24:00" is allowed as the end of a range. */
export const WallTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'Use a time like 09:00 (24-hour clock)' });

export const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

export const TimeRange = z.object({ start: WallTime, end: WallTime });
export type TimeRange = z.infer<typeof TimeRange>;

/** A calendar date "YYYY-MM-DD" in the person's own time zone. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'Use a date like 2026-08-03' });

export const TimeOff = z.object({
  from: CalendarDate,
  to: CalendarDate.describe('Last day away (inclusive)'),
  urgentFrom: z.array(Id).max(50).default([]).describe('People whose urgent posts still reach you'),
});

export const FocusBlock = z.object({
  weekday: z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday'),
  start: WallTime,
  end: WallTime,
});

export const ChannelChoice = z.object({ inApp: z.boolean(), email: z.boolean() });
export const Channels = z.object({
  urgent: ChannelChoice,
  reminder: ChannelChoice,
  digest: ChannelChoice,
  mention: ChannelChoice,
});
export type Channels = z.infer<typeof Channels>;

export const DEFAULT_WORKING_RANGE = { start: '09:00', end: '17:00' };
export const DEFAULT_DIGEST_TIMES = ['09:00', '14:00'];
export const DEFAULT_CHANNELS: Channels = {
  urgent: { inApp: true, email: true },
  reminder: { inApp: true, email: true },
  digest: { inApp: false, email: true },
  mention: { inApp: true, email: false },
};

/** Ranges sorted by start must each start before they end and before the next one starts. */
function checkRanges(ranges: TimeRange[], path: (string | number)[], ctx: z.RefinementCtx) {
  const sorted = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (const r of sorted) {
    if (minutesOf(r.start) >= minutesOf(r.end)) {
      ctx.addIssue({ code: 'custom', path: [...path, r.i, 'end'], message: 'End after the start' });
    }
  }
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const cur = sorted[k];
    if (prev && cur && minutesOf(cur.start) < minutesOf(prev.end)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, cur.i, 'start'],
        message: `Overlaps ${prev.start}–${prev.end}`,
      });
    }
  }
}

const DeliveryPreferencesShape = z.object({
  timeZone: TimeZone,
  workingHours: z
    .array(z.array(TimeRange).max(6))
    .length(7, { message: 'Give the hours of all seven days (Sunday first); [] is a day off' })
    .describe('Index 0 = Sunday … 6 = Saturday; each a list of ranges, [] for a day off'),
  timeOff: z.array(TimeOff).max(100),
  focusBlocks: z.array(FocusBlock).max(50).describe('Recurring blocks with no notifications'),
  channels: Channels,
  digestTimes: z.array(WallTime).max(8).describe('Local times of the email digest on working days'),
});

/** What a person chose; also the PUT body (the whole set, so it is always consistent). */
export const DeliveryPreferences = DeliveryPreferencesShape.superRefine((v, ctx) => {
  v.workingHours.forEach((day, d) => {
    checkRanges(day, ['workingHours', d], ctx);
  });
  v.timeOff.forEach((off, i) => {
    if (off.to < off.from)
      ctx.addIssue({ code: 'custom', path: ['timeOff', i, 'to'], message: 'End on or after the first day' });
  });
  v.focusBlocks.forEach((b, i) => {
    if (minutesOf(b.start) >= minutesOf(b.end))
      ctx.addIssue({ code: 'custom', path: ['focusBlocks', i, 'end'], message: 'End after the start' });
  });
  v.digestTimes.forEach((t, i) => {
    const m = minutesOf(t);
    const inside = v.workingHours.some((day) =>
      day.some((r) => minutesOf(r.start) <= m && m < minutesOf(r.end)),
    );
    if (!inside) {
      ctx.addIssue({
        code: 'custom',
        path: ['digestTimes', i],
        message: `${t} is outside your working hours; choose a time when you work`,
      });
    }
  });
}).meta({ id: 'DeliveryPreferences' });
export type DeliveryPreferences = z.infer<typeof DeliveryPreferences>;

export const DeliveryPreferencesView = z.object({
  preferences: DeliveryPreferencesShape,
  isDefault: z.boolean().describe('True until the person saves their own'),
});

/** The delivery channel a notification goes out on; `digest` is the email digest. */
export const DeliveryChannel = z.enum(['in_app', 'email', 'digest']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const DeliveryReason = z.enum(['urgent', 'digest', 'reminder', 'overdue', 'no_answer', 'mention']);
export type DeliveryReason = z.infer<typeof DeliveryReason>;

/** Where a person stands right now, for the composer and profile cards. */
export const Availability = z.object({
  person: Person,
  timeZone: z.string(),
  localTime: z.string().describe('"HH:MM" now, in their zone'),
  localDate: CalendarDate,
  working: z.boolean().describe('Inside their working hours now (and not in a focus block)'),
  nextWorkingAt: EpochMs.nullable(),
  awayUntil: CalendarDate.nullable().describe('Last day of the time off they are on, if any'),
});

export const DeliveryPreviewRequest = z.object({
  recipients: Recipients,
  expectation: z.object({
    kind: ExpectationKind,
    dueAt: EpochMs.optional(),
    interruptOutsideHours: z.boolean().optional(),
  }),
  sendAt: EpochMs.optional().describe('Preview a scheduled send; default now'),
});

export const DeliveryPreviewItem = Availability.extend({
  willBeNotifiedAt: EpochMs.nullable(),
  channel: DeliveryChannel.nullable(),
  reason: z.string().describe('e.g. "22:10 in Lisbon — will see it at 09:00 tomorrow"'),
});
export const DeliveryPreview = z.object({ recipients: z.array(DeliveryPreviewItem) });

/** A person's notifications as decided by the engine: what, when, and how delivery went. */
export const NotificationView = z.object({
  id: Id,
  postId: Id,
  threadId: Id,
  reason: DeliveryReason,
  channel: DeliveryChannel,
  deliverAt: EpochMs,
  deliveredAt: EpochMs.nullable(),
  status: z.enum(['pending', 'queued', 'delivered', 'failed', 'skipped']),
  error: z.string().nullable(),
  attempts: z.number().int(),
});
export const NotificationList = z.object({ notifications: z.array(NotificationView) });

/** A post that goes out later: a new thread or a reply, kept aside until `sendAt`. */
export const ScheduleRequest = z
  .object({
    sendAt: EpochMs,
    thread: CreateThreadRequest.optional(),
    reply: ReplyRequest.and(z.object({ threadId: Id })).optional(),
  })
  .refine((v) => (v.thread === undefined) !== (v.reply === undefined), {
    path: ['thread'],
    message: 'Schedule either a new thread or a reply',
  });

export const UpdateScheduledRequest = z.object({
  sendAt: EpochMs.optional(),
  body: z.string().max(100_000).optional(),
});

export const ScheduledPost = z.object({
  id: Id,
  sendAt: EpochMs,
  kind: z.enum(['thread', 'reply']),
  threadId: Id.nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(['scheduled', 'sent', 'cancelled', 'failed']),
  error: z.string().nullable(),
  postId: Id.nullable(),
});
export const ScheduledPostList = z.object({ scheduled: z.array(ScheduledPost) });
