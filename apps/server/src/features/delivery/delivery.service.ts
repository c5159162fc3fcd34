import type {
  Availability,
  DeliveryPreferences,
  DeliveryPreviewRequest,
  NotificationView,
} from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { NotificationRow, UserRow } from '../../db/schema';
import { invalid, notFound } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { spacesRepository } from '../spaces/spaces.repository';
import { findPeople, presentPerson } from '../threads/people';
import { deliveryRepository, type PersonPreferences, spaceMemberIds } from './delivery.repository';
import { deliverySentence } from './describe';
import { awayUntil, compileSchedule, isAllowedNow, nextAllowed, nextDigest, urgentAt } from './schedule';
import { hhmm, isoDate, wallClock } from './zoned-time';

type Preview = z.output<typeof DeliveryPreviewRequest>;
type AvailabilityView = z.infer<typeof Availability>;

const presentNotification = (n: NotificationRow): z.infer<typeof NotificationView> => ({
  id: n.id,
  postId: n.post_id,
  threadId: n.thread_id,
  reason: n.reason,
  channel: n.channel,
  deliverAt: n.deliver_at,
  deliveredAt: n.delivered_at,
  status: n.status,
  error: n.error,
  attempts: n.attempts,
});

export function deliveryService(ctx: AppContext) {
  const repo = deliveryRepository(ctx.db);

  async function preferencesOf(userId: string): Promise<PersonPreferences> {
    const found = (await repo.preferencesOf([userId])).get(userId);
    if (!found) throw notFound('That person');
    return found;
  }

  function availability(user: UserRow, p: PersonPreferences, now: number): AvailabilityView {
    const s = compileSchedule(p.preferences);
    const clock = wallClock(s.zone, now);
    return {
      person: presentPerson(user),
      timeZone: s.zone,
      localTime: hhmm(clock),
      localDate: isoDate(clock),
      working: isAllowedNow(s, now),
      nextWorkingAt: nextAllowed(s, now),
      awayUntil: awayUntil(s, now),
    };
  }

  return {
    async getPreferences(actor: Actor) {
      const p = await preferencesOf(actor.user.id);
      return { preferences: p.preferences, isDefault: p.isDefault };
    },

    async updatePreferences(actor: Actor, input: DeliveryPreferences) {
      const named = input.timeOff.flatMap((t) => t.urgentFrom);
      const people = await findPeople(ctx.db, named);
      input.timeOff.forEach((t, i) => {
        const unknown = t.urgentFrom.find((id) => !people.has(id));
        if (unknown) {
          throw invalid('Someone chosen for urgent posts is not in this workspace.', {
            [`timeOff.${i}.urgentFrom`]: `Unknown person: ${unknown}`,
          });
        }
      });
      await repo.savePreferences(actor.user.id, input, ctx.now());
      const p = await preferencesOf(actor.user.id);
      return { preferences: p.preferences, isDefault: p.isDefault };
    },

    async availability(_actor: Actor, userId: string): Promise<AvailabilityView> {
      const user = (await findPeople(ctx.db, [userId])).get(userId);
      if (!user) throw notFound('That person');
      return availability(user, await preferencesOf(userId), ctx.now());
    },

    /**
     * For the composer, before sending: each recipient's local time and when this post would
     * reach them, by the same rules the engine applies once it is sent.
     */
    async preview(actor: Actor, input: Preview) {
      const spaces = await spacesRepository(ctx.db).visibleAmong(actor.user, input.recipients.spaceIds);
      if (spaces.length < new Set(input.recipients.spaceIds).size) throw notFound('That space');
      const ids = new Set([
        ...input.recipients.userIds,
        ...(await spaceMemberIds(
          ctx.db,
          spaces.map((s) => s.id),
        )),
      ]);
      ids.delete(actor.user.id);
      const users = await findPeople(ctx.db, ids);
      const missing = [...ids].filter((id) => !users.has(id));
      if (missing.length > 0) {
        throw invalid('Some recipients were not found.', {
          'recipients.userIds': `Unknown: ${missing.join(', ')}`,
        });
      }
      const prefs = await repo.preferencesOf([...ids]);
      const now = Math.max(ctx.now(), input.sendAt ?? 0);
      const kind = input.expectation.kind;
      const recipients = [...users.values()].map((user) => {
        const p = prefs.get(user.id);
        if (!p) throw notFound('That person');
        const s = compileSchedule(p.preferences);
        const base = availability(user, p, now);
        const urgent = kind === 'urgent';
        const at = urgent
          ? urgentAt(s, now, {
              confirmed: input.expectation.interruptOutsideHours ?? false,
              senderId: actor.user.id,
            })
          : p.preferences.channels.digest.email
            ? nextDigest(s, now)
            : nextAllowed(s, now);
        const channel = urgent
          ? p.preferences.channels.urgent.email
            ? ('email' as const)
            : ('in_app' as const)
          : p.preferences.channels.digest.email
            ? ('digest' as const)
            : ('in_app' as const);
        return {
          ...base,
          willBeNotifiedAt: at,
          channel: at === null ? null : channel,
          reason: deliverySentence(s.zone, now, at, base.awayUntil),
        };
      });
      recipients.sort((a, b) => a.person.name.localeCompare(b.person.name));
      return { recipients };
    },

    async listNotifications(actor: Actor) {
      const rows = await repo.listForUser(actor.user.id, 200);
      return { notifications: rows.map(presentNotification) };
    },
  };
}
export type DeliveryService = ReturnType<typeof deliveryService>;
