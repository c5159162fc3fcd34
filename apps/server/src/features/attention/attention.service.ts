import type { AttentionReport, TeamAttentionReport } from '@tidings/contracts';
import type { AppContext } from '../../context';
import { forbidden } from '../../lib/errors';
import { type Actor, isAdmin } from '../accounts/actor';
import { deliveryRepository } from '../delivery/delivery.repository';
import { defaultPreferences } from '../delivery/schedule';
import { type AttentionRows, attentionRepository } from './attention.repository';
import { localWeeks, mergeTallies, presentWeek, tallyPerson, type WeekTally } from './attention-weeks';

/**
 * "Am I respecting people's time?" answered with numbers: per ISO week, in each person's own
 * zone, urgent posts, notifications outside working hours, asks answered in time, answer times.
 */
export function attentionService(ctx: AppContext) {
  const repo = attentionRepository(ctx.db);

  async function tallies(userIds: string[] | null, weeks: number) {
    const now = ctx.now();
    const people = await repo.people(userIds);
    const prefs = await deliveryRepository(ctx.db).preferencesOf(people.map((p) => p.id));
    const ranges = new Map(people.map((p) => [p.id, localWeeks(p.time_zone, now, weeks)]));
    const starts = [...ranges.values()].map((r) => r[0]?.start ?? now);
    const from = Math.min(now, ...starts);
    const rows = await repo.rows(from, now + 1, userIds);
    const byPerson = splitByPerson(rows);
    return people.map((p) => {
      const preferences = prefs.get(p.id)?.preferences ?? defaultPreferences(p.time_zone);
      const mine = byPerson.get(p.id) ?? emptyRows();
      return { person: p, tallies: tallyPerson(mine, preferences, ranges.get(p.id) ?? [], now) };
    });
  }

  return {
    async getMyAttention(actor: Actor, weeks: number): Promise<AttentionReport> {
      const [me] = await tallies([actor.user.id], weeks);
      return { timeZone: actor.user.time_zone, weeks: (me?.tallies ?? []).map(presentWeek) };
    },

    async getTeamAttention(actor: Actor, weeks: number): Promise<TeamAttentionReport> {
      if (!isAdmin(actor)) throw forbidden('Only admins can see the team attention report.');
      const everyone = await tallies(null, weeks);
      const team: WeekTally[] = mergeTallies(
        everyone.map((e) => e.tallies),
        weeks,
      );
      return {
        weeks: team.map(presentWeek),
        people: everyone.map((e) => ({
          person: { id: e.person.id, name: e.person.name },
          timeZone: e.person.time_zone,
          weeks: e.tallies.map(presentWeek),
        })),
      };
    },
  };
}

function emptyRows(): AttentionRows {
  return { urgentSent: [], urgentReceived: [], delivered: [], asksDue: [], answers: [] };
}

function splitByPerson(rows: AttentionRows): Map<string, AttentionRows> {
  const out = new Map<string, AttentionRows>();
  const of = (id: string) => {
    let r = out.get(id);
    if (!r) {
      r = emptyRows();
      out.set(id, r);
    }
    return r;
  };
  for (const r of rows.urgentSent) of(r.user_id).urgentSent.push(r);
  for (const r of rows.urgentReceived) of(r.user_id).urgentReceived.push(r);
  for (const r of rows.delivered) of(r.user_id).delivered.push(r);
  for (const r of rows.asksDue) of(r.user_id).asksDue.push(r);
  for (const r of rows.answers) of(r.user_id).answers.push(r);
  return out;
}

export type AttentionService = ReturnType<typeof attentionService>;
